package dev.contactcenter.bench.accuracy;

import dev.contactcenter.core.queue.QueueEvent;
import dev.contactcenter.testkit.simulation.Delivery;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;

/**
 * Carries the simulator's events to the queue state as a {@link Delivery} says: some lost, some twice, each late by
 * its own delay. Delivered events are handed to the sink (event, moment of delivery) when the state is next read
 * ({@link #deliverUntil}), in order of delivery. Seeded: the same stream gives the same deliveries.
 */
final class LossyChannel {
    private record InFlight(long deliverAtMillis, long seq, QueueEvent event) {}

    private final Delivery delivery;
    private final SplittableRandom random;
    private final BiConsumer<QueueEvent, Long> sink;
    private final PriorityQueue<InFlight> inFlight =
            new PriorityQueue<>((a, b) -> a.deliverAtMillis != b.deliverAtMillis
                    ? Long.compare(a.deliverAtMillis, b.deliverAtMillis)
                    : Long.compare(a.seq, b.seq));
    private long seq;
    private long lost;
    private long duplicated;

    LossyChannel(Delivery delivery, SplittableRandom random, BiConsumer<QueueEvent, Long> sink) {
        this.delivery = delivery;
        this.random = random;
        this.sink = sink;
    }

    /** The event happened (a snapshot: was taken) at its {@code occurredAtMillis}. */
    void send(QueueEvent e) {
        if (delivery.isPerfect()) {
            sink.accept(e, e.occurredAtMillis());
            return;
        }
        if (random.nextDouble() < delivery.lossOf(QueueEvent.typeOf(e))) {
            lost++;
            return;
        }
        post(e);
        if (random.nextDouble() < delivery.duplicateFraction()) {
            duplicated++;
            post(e);
        }
    }

    private void post(QueueEvent e) {
        double mean = delivery.delayMeanSeconds();
        double delay = switch (delivery.delay()) {
            case CONSTANT -> mean;
            case EXPONENTIAL -> -mean * Math.log(1 - random.nextDouble());
        };
        inFlight.add(new InFlight(e.occurredAtMillis() + Math.round(delay * 1000), seq++, e));
    }

    /** Hands over every event due by {@code nowMillis}, each at its own moment of delivery. */
    void deliverUntil(long nowMillis) {
        while (!inFlight.isEmpty() && inFlight.peek().deliverAtMillis <= nowMillis) {
            InFlight f = inFlight.poll();
            sink.accept(f.event, f.deliverAtMillis);
        }
    }

    long lost() {
        return lost;
    }

    long duplicated() {
        return duplicated;
    }
}
