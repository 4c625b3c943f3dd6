package dev.contactcenter.core.queue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.ewt.AgentStatus;
import dev.contactcenter.core.ewt.QueueSnapshot;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-memory queue state follows the same rules as the stored one (QueueEventsTest checks those against DynamoDB). */
class LiveQueuesTest {
    private static final long T = 1_800_000_000_000L;

    private static QueueEvent queued(String contact, long menu, long at) {
        return new QueueEvent.ContactQueued("q-" + contact + at, at, contact, menu, Channel.VOICE_CALL, 0);
    }

    private static QueueEvent progressed(String contact, ContactState state, long at, Long handleSeconds) {
        return new QueueEvent.ContactProgressed(state + contact + at, at, contact, state, "ann", handleSeconds);
    }

    private static QueueEvent agent(String id, AgentStatus status, long at, Long... menus) {
        return new QueueEvent.AgentStatusChanged(
                "s-" + id + at, at, id, status, List.of(menus), List.of(Channel.VOICE_CALL), 1, false);
    }

    private static QueueSnapshot snapshot(LiveQueues live, long menu, long at) {
        return live.snapshot(menu, Channel.VOICE_CALL, 120, at);
    }

    @Test
    void contactsJoinAndLeaveTheLineAndFeedTheStatistics() {
        LiveQueues live = new LiveQueues();
        live.apply(agent("ann", AgentStatus.BUSY, T, 1L), T);
        live.apply(queued("c1", 1, T), T);
        live.apply(queued("c2", 1, T + 1_000), T + 1_000);
        assertEquals(2, snapshot(live, 1, T + 2_000).waitingAhead(0));

        live.apply(progressed("c1", ContactState.ASSIGNED, T + 30_000, null), T + 30_000);
        live.apply(progressed("c2", ContactState.ABANDONED, T + 41_000, null), T + 41_000);
        live.apply(progressed("c1", ContactState.ENDED, T + 90_000, 60L), T + 90_000);
        QueueSnapshot q = snapshot(live, 1, T + 90_000);
        assertEquals(0, q.waitingAhead(0));
        assertEquals(30, q.lesWaitSeconds());
        // the sums add what the stored item adds: each sample rounded to three decimals, its weight at least 1, so
        // one sample's mean moves by 0.05 % at most
        assertEquals(60, q.handleSeconds() / q.handleWeight(), 60 * 5e-4);
        assertEquals(60, q.longHandleSeconds() / q.longHandleWeight(), 60 * 5e-4);
        // one abandonment over 30 + 40 s of waiting, in decayed units
        assertEquals(1 / 70.0, q.abandonWeight() / q.exposureSeconds(), 1e-4);
    }

    @Test
    void contactsWithAnAgentAreKnownByWhenTheyEnteredService() {
        LiveQueues live = new LiveQueues();
        for (String c : new String[] {"c1", "c2", "c3"}) {
            live.apply(queued(c, 1, T), T);
        }
        live.apply(progressed("c1", ContactState.ASSIGNED, T + 30_400, null), T + 30_400);
        live.apply(progressed("c2", ContactState.ASSIGNED, T + 50_000, null), T + 50_000);
        live.apply(progressed("c3", ContactState.ABANDONED, T + 55_000, null), T + 55_000);
        assertArrayEquals(
                new long[] {T / 1000 + 30, T / 1000 + 50},
                sorted(snapshot(live, 1, T + 60_000).serviceStartSeconds()));
        // ended, or back in a line (a transfer): no longer with an agent
        live.apply(progressed("c1", ContactState.ENDED, T + 90_000, 60L), T + 90_000);
        live.apply(queued("c2", 2, T + 95_000), T + 95_000);
        assertEquals(0, snapshot(live, 1, T + 100_000).serviceStartSeconds().length);
        assertEquals(0, snapshot(live, 2, T + 100_000).serviceStartSeconds().length);
        assertEquals(0, live.snapshot(1, Channel.CHAT, 120, T + 100_000).serviceStartSeconds().length);
    }

    private static long[] sorted(long[] values) {
        long[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }

    @Test
    void lateAndRepeatedEventsChangeNothingTheyMustNot() {
        LiveQueues live = new LiveQueues();
        live.apply(progressed("c1", ContactState.ABANDONED, T + 5_000, null), T + 5_000);
        // its contact_queued arrives late: the tombstone keeps it out of the line
        live.apply(queued("c1", 1, T), T + 6_000);
        live.apply(queued("c2", 1, T + 7_000), T + 7_000);
        live.apply(progressed("c2", ContactState.ABANDONED, T + 8_000, null), T + 8_000);
        live.apply(progressed("c2", ContactState.ASSIGNED, T + 9_000, null), T + 9_000);
        QueueSnapshot q = snapshot(live, 1, T + 10_000);
        assertEquals(0, q.waitingAhead(0));
        assertEquals(null, q.lesWaitSeconds());
    }

    @Test
    void anAgentCountsOnlyOnTheQueuesItServesNowAndFractionally() {
        LiveQueues live = new LiveQueues();
        live.apply(agent("ann", AgentStatus.AVAILABLE, T, 1L, 2L), T);
        assertEquals(0.5, snapshot(live, 1, T).servingCapacity(), 1e-9);
        live.apply(agent("ann", AgentStatus.BUSY, T + 1_000, 2L), T + 1_000);
        // an older status arriving late is ignored
        live.apply(agent("ann", AgentStatus.AVAILABLE, T + 500, 1L), T + 2_000);
        assertEquals(0, snapshot(live, 1, T + 2_000).servingCapacity(), 1e-9);
        assertEquals(1, snapshot(live, 2, T + 2_000).busyCapacity(), 1e-9);
    }

    private static QueueEvent.SnapshotReported snapshotOf(long menu, long asOf, String... waiting) {
        List<QueueEvent.SnapshotContact> contacts = new java.util.ArrayList<>();
        for (String w : waiting) {
            String[] p = w.split("@");
            contacts.add(new QueueEvent.SnapshotContact(p[0], Long.parseLong(p[1]), 0));
        }
        return new QueueEvent.SnapshotReported(
                "snap-" + asOf, asOf, menu, Channel.VOICE_CALL, 1, 1, contacts, List.of());
    }

    @Test
    void aLostAssignmentHealsWithTheNextSnapshot() {
        LiveQueues live = new LiveQueues();
        live.apply(queued("c1", 1, T), T);
        live.apply(queued("c2", 1, T + 1_000), T + 1_000);
        // c1's contact_assigned at T + 20 s is lost: the state still counts it
        assertEquals(2, snapshot(live, 1, T + 30_000).waitingCount());

        live.apply(snapshotOf(1, T + 60_000, "c2@" + (T + 1_000)), T + 65_000);
        assertEquals(1, snapshot(live, 1, T + 70_000).waitingCount());
        // c2's own leaving, after the snapshot, still counts
        live.apply(progressed("c2", ContactState.ABANDONED, T + 80_000, null), T + 81_000);
        assertEquals(0, snapshot(live, 1, T + 90_000).waitingCount());
    }

    @Test
    void eventsNoNewerThanASnapshotMoveNoWaitingCountButStillTeach() {
        LiveQueues live = new LiveQueues();
        live.apply(queued("c1", 1, T), T);
        live.apply(queued("c2", 1, T + 1_000), T + 1_000);
        // as of T + 90 s: c1 had left (its event still on its way), c2 waited, c3 had joined (reported late)
        live.apply(snapshotOf(1, T + 90_000, "c2@" + (T + 1_000), "c3@" + (T + 29_000)), T + 91_000);
        assertEquals(2, snapshot(live, 1, T + 92_000).waitingCount());
        live.apply(progressed("c1", ContactState.ASSIGNED, T + 25_000, null), T + 93_000);
        live.apply(queued("c3", 1, T + 29_000), T + 94_000);
        QueueSnapshot q = snapshot(live, 1, T + 95_000);
        assertEquals(2, q.waitingCount());
        // what c1's late assignment says of waits and service is not in the snapshot: it counts
        assertEquals(25, q.lesWaitSeconds());
        assertEquals(1, q.serviceStartSeconds().length);
        // a contact who joined in the snapshot's minute after it, reported before it arrived, is not dropped by it
        live.apply(queued("c4", 1, T + 90_500), T + 90_600);
        live.apply(snapshotOf(1, T + 90_001, "c2@" + (T + 1_000), "c3@" + (T + 29_000)), T + 96_000);
        assertEquals(3, snapshot(live, 1, T + 97_000).waitingCount());
        // the snapshot's own minute is left to the events: a leaving older than it, of a contact who joined in it,
        // still counts
        live.apply(snapshotOf(1, T + 91_000, "c2@" + (T + 1_000), "c3@" + (T + 29_000)), T + 98_000);
        live.apply(progressed("c4", ContactState.ABANDONED, T + 90_700, null), T + 99_000);
        assertEquals(2, snapshot(live, 1, T + 100_000).waitingCount());
    }

    @Test
    void aContactBehindOneOfItsPriorityServedHasLeftTheLine() {
        LiveQueues live = new LiveQueues();
        long minute = 60_000;
        live.apply(queued("c1", 1, T), T);
        live.apply(queued("c2", 1, T + 2 * minute), T + 2 * minute);
        live.apply(queued("c3", 1, T + 3 * minute), T + 3 * minute);
        live.apply(new QueueEvent.ContactQueued("q-vip", T + minute, "vip", 1, Channel.VOICE_CALL, 5), T + minute);
        // c1's leaving is lost; c2, who joined after it, reaches an agent: first come, first served, c1 is gone
        live.apply(progressed("c2", ContactState.ASSIGNED, T + 4 * minute, null), T + 4 * minute);
        QueueSnapshot q = snapshot(live, 1, T + 4 * minute);
        assertEquals(2, q.waitingCount());
        // c3 waits, and so does the contact of another priority who joined before c2
        assertEquals(1, q.waitingAhead(5));
    }
}
