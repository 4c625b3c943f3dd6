package dev.contactcenter.bench.accuracy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.queue.ContactState;
import dev.contactcenter.core.queue.QueueEvent;
import dev.contactcenter.testkit.simulation.Delivery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LossyChannelTest {
    private static final int EVENTS = 20_000;

    private static List<QueueEvent> deliver(Delivery d, long seed, List<Long> deliveredAt) {
        List<QueueEvent> delivered = new ArrayList<>();
        LossyChannel channel = new LossyChannel(d, new SplittableRandom(seed), (e, at) -> {
            delivered.add(e);
            deliveredAt.add(at);
        });
        for (int i = 0; i < EVENTS; i++) {
            long at = 1_000L * i;
            channel.send(
                    i % 2 == 0
                            ? new QueueEvent.ContactQueued("q" + i, at, "c" + i, 1, Channel.VOICE_CALL, 0)
                            : new QueueEvent.ContactProgressed(
                                    "s" + i, at, "c" + (i - 1), ContactState.ASSIGNED, "a", null));
            channel.deliverUntil(at);
        }
        channel.deliverUntil(Long.MAX_VALUE);
        return delivered;
    }

    @Test
    void withoutADeliveryBlockEveryEventArrivesOnceAtOnceInOrder() {
        List<Long> at = new ArrayList<>();
        List<QueueEvent> delivered = deliver(Delivery.PERFECT, 1, at);
        assertEquals(EVENTS, delivered.size());
        for (int i = 0; i < EVENTS; i++) {
            assertEquals(delivered.get(i).occurredAtMillis(), at.get(i));
            assertEquals(1_000L * i, at.get(i));
        }
    }

    @Test
    void eventsAreLostByTypeRepeatedAndLateOutOfOrderAsSeeded() {
        Delivery d = new Delivery(
                0.02, Map.of("contact_assigned", 0.10), 0.05, Delivery.DelayDistribution.EXPONENTIAL, 5, 0);
        List<Long> at = new ArrayList<>();
        List<QueueEvent> delivered = deliver(d, 7, at);

        long queued = delivered.stream()
                .filter(e -> e instanceof QueueEvent.ContactQueued)
                .count();
        long assigned = delivered.size() - queued;
        // half the events of each type, less its loss, plus 5 % repeated
        assertEquals(EVENTS / 2 * 0.98 * 1.05, queued, 0.01 * EVENTS);
        assertEquals(EVENTS / 2 * 0.90 * 1.05, assigned, 0.01 * EVENTS);
        double meanDelay = 0;
        int outOfOrder = 0;
        for (int i = 0; i < delivered.size(); i++) {
            assertTrue(at.get(i) >= delivered.get(i).occurredAtMillis());
            meanDelay += (at.get(i) - delivered.get(i).occurredAtMillis()) / 1000.0 / delivered.size();
            if (i > 0
                    && delivered.get(i).occurredAtMillis()
                            < delivered.get(i - 1).occurredAtMillis()) {
                outOfOrder++;
            }
        }
        assertEquals(5, meanDelay, 0.2);
        assertTrue(outOfOrder > EVENTS / 20, "out of order: " + outOfOrder);
        // the same seed, the same deliveries
        List<Long> again = new ArrayList<>();
        assertEquals(delivered, deliver(d, 7, again));
        assertEquals(at, again);
    }

    @Test
    void theSettledLineCountsEveryEventButThoseStillOnTheirWay() {
        Delivery d = new Delivery(0, Map.of("contact_abandoned", 1.0), 0, Delivery.DelayDistribution.CONSTANT, 5, 0);
        LossyChannel channel = new LossyChannel(d, new SplittableRandom(1), (e, at) -> {});
        channel.send(new QueueEvent.ContactQueued("q1", 0, "c1", 1, Channel.VOICE_CALL, 0));
        channel.send(new QueueEvent.ContactQueued("q2", 1_000, "c2", 1, Channel.VOICE_CALL, 0));
        channel.deliverUntil(4_999);
        assertEquals(0, channel.waitingSettled(), "both joinings still on their way");
        channel.deliverUntil(5_000);
        assertEquals(1, channel.waitingSettled());
        channel.send(new QueueEvent.ContactProgressed("a1", 2_000, "c1", ContactState.ASSIGNED, "ann", null));
        channel.deliverUntil(6_000);
        assertEquals(2, channel.waitingSettled(), "c1's assignment is still on its way");
        channel.deliverUntil(7_000);
        assertEquals(1, channel.waitingSettled());
        // a lost event is no longer on its way: the state should have known it
        channel.send(new QueueEvent.ContactProgressed("x2", 8_000, "c2", ContactState.ABANDONED, null, null));
        assertEquals(0, channel.waitingSettled());
    }

    @Test
    void theSettledLineEndsAtTheTruthWhateverTheOrderOfDelivery() {
        Delivery d = new Delivery(0.02, Map.of(), 0.05, Delivery.DelayDistribution.EXPONENTIAL, 5, 0);
        LossyChannel channel = new LossyChannel(d, new SplittableRandom(3), (e, at) -> {});
        int waiting = 0;
        int mostInFlight = 0;
        for (int i = 0; i < EVENTS; i++) {
            long at = 500L * i;
            // contacts join two by two and leave one second later: the leaving often overtakes the joining
            boolean joining = i % 4 < 2;
            channel.send(
                    joining
                            ? new QueueEvent.ContactQueued("q" + i, at, "c" + i, 1, Channel.VOICE_CALL, 0)
                            : new QueueEvent.ContactProgressed(
                                    "s" + i, at, "c" + (i - 2), ContactState.ASSIGNED, "a", null));
            waiting += joining ? 1 : -1;
            channel.deliverUntil(at);
            mostInFlight = Math.max(mostInFlight, Math.abs(waiting - channel.waitingSettled()));
        }
        assertTrue(mostInFlight > 2, "the delay hides some of the line: " + mostInFlight);
        channel.deliverUntil(Long.MAX_VALUE);
        assertEquals(0, channel.waitingSettled());
    }
}
