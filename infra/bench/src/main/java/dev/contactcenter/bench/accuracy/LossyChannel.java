package dev.contactcenter.bench.accuracy;

import dev.contactcenter.core.queue.ContactState;
import dev.contactcenter.core.queue.QueueEvent;
import dev.contactcenter.testkit.simulation.Delivery;
import java.util.HashSet;
import java.util.PriorityQueue;
import java.util.Set;
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
    /** Events posted and not delivered yet, by id (a duplicate's copies count once). */
    private final Set<String> inFlightIds = new HashSet<>();
    /** The line as the events no longer in flight (delivered or lost) say it is. */
    private final SettledLine settled = new SettledLine();

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
            settled.apply(e);
            sink.accept(e, e.occurredAtMillis());
            return;
        }
        if (random.nextDouble() < delivery.lossOf(QueueEvent.typeOf(e))) {
            lost++;
            settled.apply(e);
            return;
        }
        inFlightIds.add(e.eventId());
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
            if (inFlightIds.remove(f.event.eventId())) {
                settled.apply(f.event);
            }
            sink.accept(f.event, f.deliverAtMillis);
        }
    }

    /**
     * How many contacts wait by every event sent so far except those still on their way (the lost ones included): the
     * truth less what only the delivery's delay hides, which no state that reads delivered events can know. The true
     * count minus this is the drift the delay alone makes; a state can differ from it both ways (a lost event not yet
     * healed, or a rule that takes a contact as gone before its leaving arrives).
     */
    int waitingSettled() {
        return settled.waiting;
    }

    /** The waiting count of a set of contact events applied once each, in any order. */
    private static final class SettledLine {
        private final Set<String> waitingIds = new HashSet<>();
        /** Contacts whose leaving was applied before their joining. */
        private final Set<String> leftFirst = new HashSet<>();

        private int waiting;

        void apply(QueueEvent e) {
            if (e instanceof QueueEvent.ContactQueued q) {
                if (!leftFirst.remove(q.contactId()) && waitingIds.add(q.contactId())) {
                    waiting++;
                }
            } else if (e instanceof QueueEvent.ContactProgressed p
                    && (p.state() == ContactState.ASSIGNED || p.state() == ContactState.ABANDONED)) {
                if (waitingIds.remove(p.contactId())) {
                    waiting--;
                } else {
                    leftFirst.add(p.contactId());
                }
            }
        }
    }

    long lost() {
        return lost;
    }

    long duplicated() {
        return duplicated;
    }
}
