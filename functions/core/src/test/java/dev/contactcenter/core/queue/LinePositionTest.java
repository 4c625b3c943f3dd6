package dev.contactcenter.core.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.domain.StaleLimits;
import dev.contactcenter.core.ewt.DecayedSum;
import dev.contactcenter.core.ewt.QueueSnapshot;
import dev.contactcenter.core.ewt.WaitingContact;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The position read from per-minute counts, against the exact position in a line of known arrivals. */
class LinePositionTest {
    private static final long T0 = 1_795_000_000_000L - 1_795_000_000_000L % 60_000;
    /** Long after every contact of these lines joined. */
    private static final long LATER = T0 + 86_400_000;

    private static QueueSnapshot line(List<WaitingContact> waiting) {
        return line(waiting, null, null);
    }

    /** A line whose last contact to enter service did so at {@code lesAt} after {@code lesWait} seconds. */
    private static QueueSnapshot line(List<WaitingContact> waiting, Long lesWait, Long lesAt) {
        return new QueueSnapshot(Channel.VOICE_CALL, 300, waiting, List.of(), 0, 0, 0, 0, lesWait, lesAt);
    }

    @Test
    void aContactAloneInItsMinuteIsPlacedExactly() {
        List<WaitingContact> line = List.of(
                new WaitingContact(0, T0 + 30_000, 4),
                new WaitingContact(0, T0 + 90_000, 1),
                new WaitingContact(2, T0 + 150_000, 2),
                new WaitingContact(0, T0 + 150_000, 3));
        LinePosition.Place place = LinePosition.of(line(line), 0, T0 + 61_000, LATER);
        assertEquals(2 + 4 + 1, place.position(), "2 of a higher priority joined later, 4 of its own joined earlier");
        assertEquals(0, place.uncertainty());
        assertEquals(
                1, LinePosition.of(line(line), 2, T0 + 140_000, LATER).position(), "the higher priority goes first");
    }

    @Test
    void withinItsMinuteAContactIsPlacedByTheShareOfTheMinuteGoneBy() {
        List<WaitingContact> line = List.of(new WaitingContact(0, T0 + 30_000, 5));
        assertEquals(1, LinePosition.of(line(line), 0, T0 + 1_000, LATER).position());
        assertEquals(3, LinePosition.of(line(line), 0, T0 + 30_000, LATER).position());
        assertEquals(5, LinePosition.of(line(line), 0, T0 + 59_000, LATER).position());
        assertEquals(4, LinePosition.of(line(line), 0, T0 + 59_000, LATER).uncertainty());
    }

    @Test
    void inTheCurrentMinuteTheOthersJoinedBeforeNow() {
        List<WaitingContact> line = List.of(new WaitingContact(0, T0 + 30_000, 5));
        // 20 s into the minute, the latest to join is last: the other 4 joined before it
        assertEquals(5, LinePosition.of(line(line), 0, T0 + 20_000, T0 + 20_000).position());
        assertEquals(3, LinePosition.of(line(line), 0, T0 + 10_000, T0 + 20_000).position());
        // long after the minute: spread over all of it
        assertEquals(2, LinePosition.of(line(line), 0, T0 + 20_000, LATER).position());
    }

    @Test
    void whoJoinedBeforeTheLastContactToReachAnAgentHasLeft() {
        List<WaitingContact> line =
                List.of(new WaitingContact(0, T0 + 30_000, 5), new WaitingContact(0, T0 + 90_000, 7));
        // the last one served joined 40 s into the minute (it waited 60 s): the 4 others joined between then and the
        // end
        QueueSnapshot served = line(line, 60L, T0 + 100_000);
        assertEquals(1, LinePosition.of(served, 0, T0 + 41_000, T0 + 100_000).position());
        assertEquals(3, LinePosition.of(served, 0, T0 + 50_000, T0 + 100_000).position());
        assertEquals(
                4,
                LinePosition.of(line(line), 0, T0 + 41_000, T0 + 100_000).position(),
                "without it: the whole minute");
        // with another priority in line the last one served may have been of it: the whole minute
        List<WaitingContact> mixed =
                List.of(new WaitingContact(0, T0 + 30_000, 5), new WaitingContact(1, T0 + 90_000, 1));
        assertEquals(
                5,
                LinePosition.of(line(mixed, 60L, T0 + 100_000), 0, T0 + 41_000, T0 + 100_000)
                        .position());
    }

    @Test
    void inASplitMinuteAContactIsPlacedWithinItsFiveSeconds() {
        long now = T0 + 5 * 60_000;
        // stored: 4 who joined in the minute's first five seconds, this one and another in the next five
        List<WaitingContact> line =
                List.of(new WaitingContact(0, T0 + 2_500, 4, 5_000), new WaitingContact(0, T0 + 7_500, 2, 5_000));
        assertEquals(5, LinePosition.of(line(line), 0, T0 + 5_500, now).position());
        assertEquals(6, LinePosition.of(line(line), 0, T0 + 9_500, now).position());
        assertEquals(1, LinePosition.of(line(line), 0, T0 + 9_500, now).uncertainty());
        // the same line listed contact by contact (the benchmark's) is binned as stored
        List<WaitingContact> listed = new ArrayList<>();
        for (long at : new long[] {T0 + 1_000, T0 + 2_000, T0 + 3_000, T0 + 4_000, T0 + 5_500, T0 + 9_500}) {
            listed.add(new WaitingContact(0, at));
        }
        assertEquals(5, LinePosition.of(line(listed), 0, T0 + 5_500, now).position());
        assertEquals(6, LinePosition.of(line(listed), 0, T0 + 9_500, now).position());
        // 24 minutes later the minute is no longer split: spread over it
        long later = T0 + 24 * 60_000;
        assertEquals(1, LinePosition.of(line(listed), 0, T0 + 5_500, later).position());
        // with another priority in the minute the stored item counts it by minute, and so is the listed line binned
        listed.add(new WaitingContact(3, T0 + 30_000));
        assertEquals(2, LinePosition.of(line(listed), 0, T0 + 5_500, now).position());
    }

    @Test
    void aContactItsCountLostIsStillFirstOfItsMinute() {
        assertEquals(1, LinePosition.of(line(List.of()), 0, T0 + 45_000, LATER).position());
    }

    /** Random lines of three priorities stored as counts: the error never exceeds the others of the contact's minute. */
    @Test
    void theErrorIsBoundedByTheOthersOfTheContactsOwnMinute() {
        Random random = new Random(18);
        for (int run = 0; run < 200; run++) {
            int n = 1 + random.nextInt(300);
            long[] joined = new long[n];
            int[] priority = new int[n];
            Map<String, int[]> buckets = new HashMap<>();
            for (int i = 0; i < n; i++) {
                joined[i] = T0 + random.nextInt(20 * 60_000);
                priority[i] = random.nextInt(3);
                buckets.computeIfAbsent(priority[i] + "#" + Math.floorDiv(joined[i], 60_000L), k -> new int[1])[0]++;
            }
            List<WaitingContact> line = new ArrayList<>();
            buckets.forEach((k, count) -> {
                String[] parts = k.split("#");
                line.add(new WaitingContact(
                        Long.parseLong(parts[0]), Long.parseLong(parts[1]) * 60_000 + 30_000, count[0]));
            });
            for (int i = 0; i < n; i++) {
                int exact = 1;
                for (int j = 0; j < n; j++) {
                    if (priority[j] > priority[i] || priority[j] == priority[i] && joined[j] < joined[i]) {
                        exact++;
                    }
                }
                LinePosition.Place place = LinePosition.of(line(line), priority[i], joined[i], LATER);
                assertTrue(
                        Math.abs(place.position() - exact) <= place.uncertainty(),
                        "position " + place.position() + " exact " + exact + " uncertainty " + place.uncertainty());
            }
        }
    }

    /** What the stored item gives back is what LinePosition reads: the waiting counts per priority and minute. */
    @Test
    void readsTheStoredItemsMinutes() {
        long now = T0 + 600_000;
        QueueStateMapper.QueueState state = QueueStateMapper.read(
                Map.of(
                        QueueStateMapper.waitingBucket(Channel.VOICE_CALL, 0, T0 + 10_000),
                        dev.contactcenter.core.store.Attr.n(3),
                        QueueStateMapper.waitingBucket(Channel.VOICE_CALL, 0, T0 + 70_000),
                        dev.contactcenter.core.store.Attr.n(1)),
                DecayedSum.bucket(now));
        QueueSnapshot line = state.snapshot(Channel.VOICE_CALL, 300, StaleLimits.DEFAULT, DecayedSum.at(now), now);
        assertEquals(4, LinePosition.of(line, 0, T0 + 70_000, now).position());
        assertEquals(2, LinePosition.of(line, 0, T0 + 30_000, now).position());
    }
}
