package dev.contactcenter.bench.accuracy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.queue.ContactState;
import dev.contactcenter.core.queue.QueueEvent;
import org.junit.jupiter.api.Test;

class CompleteHistoryTest {
    private static QueueEvent queued(String contact, long atSeconds) {
        return new QueueEvent.ContactQueued("q-" + contact, atSeconds * 1000, contact, 1, Channel.VOICE_CALL, 0);
    }

    private static QueueEvent progressed(String contact, ContactState state, long atSeconds) {
        return new QueueEvent.ContactProgressed(
                state.wireName() + "-" + contact, atSeconds * 1000, contact, state, "ann", null);
    }

    @Test
    void timesStillRunningCountAsCensoredExposure() {
        CompleteHistory h = new CompleteHistory();
        h.record(queued("a", 0));
        h.record(queued("b", 10));
        h.record(queued("c", 20));
        h.record(progressed("a", ContactState.ASSIGNED, 30));
        h.record(progressed("b", ContactState.ABANDONED, 40));
        h.record(progressed("a", ContactState.ENDED, 130));
        h.record(progressed("c", ContactState.ASSIGNED, 140));

        // at 200 s: a waited 30 s and b 30 s; c waited 120 s and has been with an agent for 60 s
        assertEquals(1, h.abandoned());
        assertEquals(30 + 30 + 120, h.waitExposureSeconds(200_000), 1e-9);
        assertEquals(1, h.ended());
        assertEquals(100 + 60, h.handleExposureSeconds(200_000), 1e-9);

        // a contact still in line counts its wait so far, and nothing with an agent
        h.record(queued("d", 150));
        assertEquals(30 + 30 + 120 + 50, h.waitExposureSeconds(200_000), 1e-9);
        assertEquals(100 + 60, h.handleExposureSeconds(200_000), 1e-9);
    }
}
