package dev.contactcenter.core.queue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.domain.StaleLimits;
import dev.contactcenter.core.ewt.AgentPresence;
import dev.contactcenter.core.ewt.AgentStatus;
import dev.contactcenter.core.ewt.DecayedSum;
import dev.contactcenter.core.ewt.QueueSnapshot;
import dev.contactcenter.core.ewt.WaitingContact;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class QueueStateMapperTest {
    private static final long NOW = 1_795_480_200_000L;
    private static final long TODAY = DecayedSum.bucket(NOW);
    private static final long MINUTE = 60_000;
    /** Factors that read today's bucket alone, then yesterday's alone. */
    private static final DecayedSum.At TODAYS = new DecayedSum.At(TODAY, 1, 0, 1, 0);

    private static final DecayedSum.At YESTERDAYS = new DecayedSum.At(TODAY, 0, 1, 0, 1);

    private static QueueStateMapper.QueueState read(Map<String, AttributeValue> item) {
        return QueueStateMapper.read(item, TODAY);
    }

    @Test
    void waitingContactsAreCountedByChannelPriorityAndMinute() {
        long joined = NOW - 5 * MINUTE;
        Map<String, AttributeValue> item = item(
                QueueStateMapper.waitingBucket(Channel.VOICE_CALL, 2, joined), n("3"),
                QueueStateMapper.waitingBucket(Channel.VOICE_CALL, 0, joined), n("1"),
                QueueStateMapper.waitingBucket(Channel.CHAT, 0, joined), n("4"));

        QueueSnapshot voice = read(item).snapshot(Channel.VOICE_CALL, 300, StaleLimits.DEFAULT, TODAYS, NOW);

        assertEquals(4, voice.waitingCount());
        assertEquals(3, voice.waitingAhead(1));
        long middle = Math.floorDiv(joined, MINUTE) * MINUTE + MINUTE / 2;
        assertEquals(
                List.of(new WaitingContact(2, middle, 3), new WaitingContact(0, middle, 1)),
                voice.waiting().stream()
                        .sorted((a, b) -> Long.compare(b.priority(), a.priority()))
                        .toList());
        assertEquals(
                4,
                read(item)
                        .snapshot(Channel.CHAT, 300, StaleLimits.DEFAULT, TODAYS, NOW)
                        .waitingCount());
    }

    @Test
    void aContactWaitingLongerThanTheLimitNoLongerCounts() {
        Map<String, AttributeValue> item = item(
                QueueStateMapper.waitingBucket(
                                Channel.VOICE_CALL, 0, NOW - QueueStateMapper.MAX_WAIT_SECONDS * 1000 - 2 * MINUTE),
                        n("7"),
                QueueStateMapper.waitingBucket(Channel.VOICE_CALL, 0, NOW - MINUTE), n("2"));

        assertEquals(
                2,
                read(item)
                        .snapshot(Channel.VOICE_CALL, 300, StaleLimits.DEFAULT, TODAYS, NOW)
                        .waitingCount());
    }

    @Test
    void aBucketTakenBelowZeroByALateEventCountsNothing() {
        Map<String, AttributeValue> item =
                item(QueueStateMapper.waitingBucket(Channel.VOICE_CALL, 0, NOW - MINUTE), n("-1"));

        assertEquals(
                0,
                read(item)
                        .snapshot(Channel.VOICE_CALL, 300, StaleLimits.DEFAULT, TODAYS, NOW)
                        .waitingCount());
    }

    @Test
    void serviceStartsAreCountedByHalfMinuteAndExpireAfterTheHandleLimit() {
        long started = NOW - 90_000;
        Map<String, AttributeValue> item = item(
                QueueStateMapper.serviceBucket(Channel.VOICE_CALL, started), n("5"),
                QueueStateMapper.serviceBucket(
                                Channel.VOICE_CALL, NOW - QueueStateMapper.MAX_HANDLE_SECONDS * 1000 - 60_000),
                        n("9"));

        QueueSnapshot voice = read(item).snapshot(Channel.VOICE_CALL, 300, StaleLimits.DEFAULT, TODAYS, NOW);

        long middle = (Math.floorDiv(started, 30_000) * 30_000 + 15_000) / 1000;
        assertArrayEquals(new long[] {middle}, voice.serviceStartSeconds());
        assertArrayEquals(new int[] {5}, voice.serviceStartCounts());
    }

    @Test
    void aMenusShorterLimitsDropWhatTheDefaultsStillCount() {
        Map<String, AttributeValue> item = item(
                QueueStateMapper.waitingBucket(Channel.VOICE_CALL, 0, NOW - 20 * MINUTE), n("3"),
                QueueStateMapper.waitingBucket(Channel.VOICE_CALL, 0, NOW - 2 * MINUTE), n("1"),
                QueueStateMapper.serviceBucket(Channel.VOICE_CALL, NOW - 45 * MINUTE), n("2"),
                QueueStateMapper.serviceBucket(Channel.VOICE_CALL, NOW - 5 * MINUTE), n("1"));
        StaleLimits tenAndThirtyMinutes = new StaleLimits(600, 1_800);

        QueueSnapshot byDefault = read(item).snapshot(Channel.VOICE_CALL, 300, StaleLimits.DEFAULT, TODAYS, NOW);
        QueueSnapshot limited = read(item).snapshot(Channel.VOICE_CALL, 300, tenAndThirtyMinutes, TODAYS, NOW);

        assertEquals(4, byDefault.waitingCount());
        assertEquals(1, limited.waitingCount(), "waiting 20 minutes is past a 10-minute limit");
        assertEquals(3, java.util.Arrays.stream(byDefault.serviceStartCounts()).sum());
        assertArrayEquals(new int[] {1}, limited.serviceStartCounts(), "45 minutes with an agent is past 30");
    }

    @Test
    void agentsAreCountedByKindAndSeenOnTheirChannels() {
        Map<String, AttributeValue> item = item(
                QueueStateMapper.agentKind(
                        AgentStatus.AVAILABLE, List.of(Channel.VOICE_CALL, Channel.CHAT), 2, 3, true),
                n("2"),
                QueueStateMapper.agentKind(AgentStatus.BUSY, List.of(Channel.CHAT), 4, 1, false),
                n("1"),
                QueueStateMapper.agentKind(AgentStatus.AWAY, List.of(Channel.VOICE_CALL), 1, 1, false),
                n("0"));
        QueueStateMapper.QueueState state = read(item);

        assertEquals(
                List.of(new AgentPresence(AgentStatus.AVAILABLE, 0.5, 3, true, 2)),
                state.snapshot(Channel.VOICE_CALL, 300, StaleLimits.DEFAULT, TODAYS, NOW)
                        .agents());
        QueueSnapshot chat = state.snapshot(Channel.CHAT, 300, StaleLimits.DEFAULT, TODAYS, NOW);
        assertEquals(2, chat.agents().size());
        assertEquals(0.25, chat.busyCapacity(), 1e-9);
        // logged in (not breakthrough), available, breakthrough; an agent on both channels counts once
        assertArrayEquals(new int[] {1, 0, 2}, state.agentCounts(List.of(Channel.VOICE_CALL, Channel.CHAT)));
    }

    @Test
    void decayedStatisticsOfTodayAndYesterdayCountOlderOnesDoNot() {
        Map<String, AttributeValue> item = item(
                "hw#voice_call#" + TODAY,
                n("5.5"),
                "hw#voice_call#" + (TODAY - 1),
                n("2.5"),
                "hw#voice_call#" + (TODAY - 2),
                n("1000"),
                "hs#voice_call#" + TODAY,
                n("1795.5"),
                "aw#chat#" + TODAY,
                n("1.25"),
                "les#voice_call",
                s("1795480100000 60"),
                "lt#voice_call",
                n("1795480100000"));
        QueueStateMapper.QueueState state = read(item);

        QueueSnapshot today = state.snapshot(Channel.VOICE_CALL, 300, StaleLimits.DEFAULT, TODAYS, NOW);
        assertEquals(5.5, today.handleWeight(), 1e-9);
        assertEquals(1795.5, today.handleSeconds(), 1e-9);
        assertEquals(60L, today.lesWaitSeconds());
        assertEquals(
                2.5,
                state.snapshot(Channel.VOICE_CALL, 300, StaleLimits.DEFAULT, YESTERDAYS, NOW)
                        .handleWeight(),
                1e-9);
        assertEquals(
                1.25,
                state.snapshot(Channel.CHAT, 300, StaleLimits.DEFAULT, TODAYS, NOW)
                        .abandonWeight(),
                1e-9);
    }

    @Test
    void statisticsNamedByChannelCodeAddUpWithThoseNamedTheOldWay() {
        // the same day written before and after the names took the channel's one-letter code
        Map<String, AttributeValue> item = item(
                "hw#voice_call#" + TODAY,
                n("5.5"),
                "hw#v#" + TODAY,
                n("2.25"),
                "hs#v#" + TODAY,
                n("600"),
                "aw#c#" + TODAY,
                n("1.5"),
                "aw#chat#" + TODAY,
                n("0.5"));
        QueueStateMapper.QueueState state = read(item);

        QueueSnapshot voice = state.snapshot(Channel.VOICE_CALL, 300, StaleLimits.DEFAULT, TODAYS, NOW);
        assertEquals(7.75, voice.handleWeight(), 1e-9);
        assertEquals(600, voice.handleSeconds(), 1e-9);
        assertEquals(
                2.0,
                state.snapshot(Channel.CHAT, 300, StaleLimits.DEFAULT, TODAYS, NOW)
                        .abandonWeight(),
                1e-9);
    }

    @Test
    void aWriteRemovesStatisticsOfEitherNameTwoDaysOldAndCountsBackAtZeroButNothingElse() {
        long minute = NOW / 60_000;
        long halfMinute = NOW / 30_000;
        Map<String, AttributeValue> item = item(
                "hw#voice_call#" + (TODAY - 2),
                n("5.5"),
                "hw#v#" + (TODAY - 2),
                n("2.25"),
                "hw#v#" + (TODAY - 1),
                n("2.25"),
                "c#v#0#" + (minute - 3),
                n("0"),
                "c#v#0#" + (minute - 4),
                n("2"),
                "c#v#0#" + (minute - 1),
                n("0"),
                "c#v#1#" + (minute - 5),
                n("-1"),
                "s#v#" + (halfMinute - 4),
                n("0"),
                "s#v#" + (halfMinute - 1),
                n("0"),
                "t#v#3",
                n("0"),
                "fq#v#0",
                n(Long.toString(NOW - 600_000)),
                QueueStateMapper.agentKind(AgentStatus.AWAY, List.of(Channel.VOICE_CALL), 1, 1, false),
                n("0"));

        QueueStateMapper.Cleanup cleanup = QueueStateMapper.cleanup(item, NOW);
        assertEquals(Set.of("hw#voice_call#" + (TODAY - 2), "hw#v#" + (TODAY - 2)), Set.copyOf(cleanup.stale()));
        // zeros of the last minutes may yet move (a join of that minute delivered now); a count below zero is a late
        // event's, kept to weigh in its minute
        assertEquals(Set.of("c#v#0#" + (minute - 3), "s#v#" + (halfMinute - 4)), Set.copyOf(cleanup.emptied()));
    }

    @Test
    void aQueueWithoutStateIsEmpty() {
        QueueSnapshot q =
                QueueStateMapper.read(null, TODAY).snapshot(Channel.VOICE_CALL, 300, StaleLimits.DEFAULT, TODAYS, NOW);

        assertEquals(0, q.waitingCount());
        assertEquals(List.of(), q.agents());
        assertArrayEquals(new long[0], q.serviceStartSeconds());
    }

    @Test
    void askedForAnotherDay_refuses() {
        assertThrows(
                IllegalArgumentException.class,
                () -> QueueStateMapper.read(null, TODAY)
                        .snapshot(
                                Channel.VOICE_CALL,
                                300,
                                StaleLimits.DEFAULT,
                                new DecayedSum.At(TODAY + 1, 1, 0, 1, 0),
                                NOW));
    }

    @Test
    void itemSizeDoesNotGrowWithTheQueue() {
        // what 20,000 waiting contacts of one priority who joined within 20 minutes, and 2,000 busy agents, leave
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        for (int m = 0; m < 20; m++) {
            item.put(QueueStateMapper.waitingBucket(Channel.VOICE_CALL, 0, NOW - m * MINUTE), n("1000"));
            item.put(QueueStateMapper.serviceBucket(Channel.VOICE_CALL, NOW - m * MINUTE), n("100"));
        }
        item.put(QueueStateMapper.agentKind(AgentStatus.BUSY, List.of(Channel.VOICE_CALL), 1, 1, false), n("2000"));
        int bytes = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            bytes += e.getKey().length() + e.getValue().n().length();
        }

        assertEquals(
                20_000,
                read(item)
                        .snapshot(Channel.VOICE_CALL, 300, StaleLimits.DEFAULT, TODAYS, NOW)
                        .waitingCount());
        assertEquals(true, bytes < 1024, bytes + " bytes");
    }

    /** The ring attribute of the minute of {@code joined}, holding these contacts' five-second slots. */
    private static String slots(long... joined) {
        java.math.BigInteger packed = java.math.BigInteger.ZERO;
        for (long j : joined) {
            packed = packed.add(QueueStateMapper.joinSlotDelta(j));
        }
        return packed.toString();
    }

    @Test
    void slotsArePackedThreeDigitsEachAndReadBackOnlyWhenTheyAreCounts() {
        long minute = Math.floorDiv(NOW, MINUTE) * MINUTE;
        assertArrayEquals(
                new int[] {2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1},
                QueueStateMapper.joinSlots(slots(minute + 1_000, minute + 4_999, minute + 59_999)));
        assertEquals("1000000000000000000000000000000000", slots(minute + 55_000));
        // a slot below zero (a contact's leaving counted before its joining) is not a count
        assertEquals(
                null,
                QueueStateMapper.joinSlots(new java.math.BigInteger(slots(minute + 5_000, minute + 5_001))
                        .subtract(java.math.BigInteger.valueOf(3))
                        .toString()));
        assertEquals(null, QueueStateMapper.joinSlots("-1"));
        assertEquals(null, QueueStateMapper.joinSlots("1.5"));
        assertArrayEquals(new int[12], QueueStateMapper.joinSlots("0"));
    }

    @Test
    void aRecentMinuteIsSplitByFiveSecondsForAContactsLineOnly() {
        long minute = Math.floorDiv(NOW, MINUTE) * MINUTE - 3 * MINUTE;
        Map<String, AttributeValue> item = item(
                QueueStateMapper.waitingBucket(Channel.VOICE_CALL, 0, minute), n("3"),
                QueueStateMapper.joinRing(Channel.VOICE_CALL, Math.floorDiv(minute, MINUTE)),
                        n(slots(minute + 1_000, minute + 2_000, minute + 50_000)));

        QueueSnapshot line = read(item).contactLine(Channel.VOICE_CALL, 300, StaleLimits.DEFAULT, TODAYS, NOW);
        assertEquals(
                List.of(
                        new WaitingContact(0, minute + 2_500, 2, 5_000),
                        new WaitingContact(0, minute + 52_500, 1, 5_000)),
                line.waiting());
        assertEquals(
                List.of(new WaitingContact(0, minute + 30_000, 3)),
                read(item)
                        .snapshot(Channel.VOICE_CALL, 300, StaleLimits.DEFAULT, TODAYS, NOW)
                        .waiting(),
                "GET /wait_times reads minutes");
    }

    @Test
    void aMinuteIsReadByMinuteWhereItsSlotsCannotSplitIt() {
        long minute = Math.floorDiv(NOW, MINUTE) * MINUTE - 3 * MINUTE;
        long index = Math.floorDiv(minute, MINUTE);
        String three = slots(minute + 1_000, minute + 2_000, minute + 50_000);
        List<WaitingContact> byMinute = List.of(new WaitingContact(0, minute + 30_000, 3));
        // written before slots were kept
        assertEquals(
                byMinute, contactLine(item(QueueStateMapper.waitingBucket(Channel.VOICE_CALL, 0, minute), n("3"))));
        // slots that do not add up to the minute's count (what was left 32 minutes before), or to every priority's
        // (one taken below zero by a late event)
        assertEquals(
                byMinute,
                contactLine(item(
                        QueueStateMapper.waitingBucket(Channel.VOICE_CALL, 0, minute), n("3"),
                        QueueStateMapper.joinRing(Channel.VOICE_CALL, index), n(slots(minute + 1_000)))));
        assertEquals(
                byMinute,
                contactLine(item(
                        QueueStateMapper.waitingBucket(Channel.VOICE_CALL, 0, minute), n("3"),
                        QueueStateMapper.waitingBucket(Channel.VOICE_CALL, 1, minute), n("-1"),
                        QueueStateMapper.joinRing(Channel.VOICE_CALL, index), n(three))));
        // two priorities in the minute: the slots do not say whose they are
        assertEquals(
                List.of(new WaitingContact(0, minute + 30_000, 2), new WaitingContact(1, minute + 30_000, 1)),
                contactLine(item(
                                QueueStateMapper.waitingBucket(Channel.VOICE_CALL, 0, minute), n("2"),
                                QueueStateMapper.waitingBucket(Channel.VOICE_CALL, 1, minute), n("1"),
                                QueueStateMapper.joinRing(Channel.VOICE_CALL, index), n(three)))
                        .stream()
                        .sorted((a, b) -> Long.compare(a.priority(), b.priority()))
                        .toList());
        // a minute past the split ones: its ring attribute now belongs to another minute
        long old = minute - 30 * MINUTE;
        assertEquals(
                List.of(new WaitingContact(0, old + 30_000, 1)),
                contactLine(item(
                        QueueStateMapper.waitingBucket(Channel.VOICE_CALL, 0, old), n("1"),
                        QueueStateMapper.joinRing(Channel.VOICE_CALL, Math.floorDiv(old, MINUTE)), n(slots(old)))));
    }

    private static List<WaitingContact> contactLine(Map<String, AttributeValue> item) {
        return read(item)
                .contactLine(Channel.VOICE_CALL, 300, StaleLimits.DEFAULT, TODAYS, NOW)
                .waiting();
    }

    /**
     * The slots' worst case, by design: 32 ring attributes per channel, each at most 36 significant digits (DynamoDB
     * stores about one byte per two, plus one), whatever the traffic or the depth of the line.
     */
    @Test
    void theSlotsAddAtMostAboutOneAndAHalfKilobytesToAnItem() {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Channel channel : Channel.values()) {
            for (long minute = 0; minute < 1000; minute++) {
                names.add(QueueStateMapper.joinRing(channel, minute));
            }
        }
        assertEquals(2 * QueueStateMapper.JOIN_RING_MINUTES, names.size());
        // every slot at the most a count reads back as (499), negative (a late event) for the sign's byte
        java.math.BigInteger fullest = java.math.BigInteger.ZERO;
        for (int k = 0; k < QueueStateMapper.JOIN_SLOTS; k++) {
            fullest = fullest.add(QueueStateMapper.joinSlotDelta(k * QueueStateMapper.JOIN_SLOT_MILLIS)
                    .multiply(java.math.BigInteger.valueOf(499)));
        }
        String value = fullest.negate().toString();
        assertEquals(37, value.length());
        int bytes = 0;
        for (String name : names) {
            int digits = value.length() - 1;
            bytes += name.length() + (digits + 1) / 2 + 1;
        }
        assertEquals(true, bytes <= 1_600, bytes + " bytes");
    }

    private static Map<String, AttributeValue> item(Object... pairs) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            item.put((String) pairs[i], (AttributeValue) pairs[i + 1]);
        }
        return item;
    }

    private static AttributeValue s(String v) {
        return AttributeValue.builder().s(v).build();
    }

    private static AttributeValue n(String v) {
        return AttributeValue.builder().n(v).build();
    }
}
