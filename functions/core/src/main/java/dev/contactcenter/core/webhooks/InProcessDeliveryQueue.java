package dev.contactcenter.core.webhooks;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The local runtime's delivery queue, with the FIFO queue's semantics: messages of one ordering key go
 * out one at a time in the order sent, and a message being retried holds the later ones back. Retries
 * wait as {@link DeliveryService} says (the same backoff as on AWS, scaled by the runtime's flag).
 */
public final class InProcessDeliveryQueue implements DeliveryQueue, AutoCloseable {
    /** When an attempt throws (storage unavailable, say): try again after this. */
    private static final Duration AFTER_ERROR = Duration.ofSeconds(1);

    private final DeliveryService deliveries;
    private final ScheduledExecutorService executor;
    private final Map<String, Deque<DeliveryMessage>> groups = new HashMap<>();

    public InProcessDeliveryQueue(DeliveryService deliveries, int threads) {
        this.deliveries = deliveries;
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newScheduledThreadPool(threads, r -> {
            Thread t = new Thread(r, "webhook-delivery-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public synchronized void send(DeliveryMessage message) {
        Deque<DeliveryMessage> group = groups.computeIfAbsent(message.orderingKey(), k -> new ArrayDeque<>());
        group.addLast(message);
        if (group.size() == 1) {
            schedule(message.orderingKey(), Duration.ZERO);
        }
    }

    /** No message waiting or being retried (tests wait for this). */
    public synchronized boolean idle() {
        return groups.isEmpty();
    }

    private void schedule(String key, Duration delay) {
        executor.schedule(() -> run(key), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run(String key) {
        DeliveryMessage head;
        synchronized (this) {
            head = groups.get(key).peekFirst();
        }
        Duration retryAfter;
        try {
            DeliveryService.Result result = deliveries.attempt(head);
            retryAfter = result.outcome() == DeliveryService.Outcome.RETRY ? result.retryAfter() : null;
        } catch (RuntimeException e) {
            if (executor.isShutdown()) {
                return;
            }
            System.err.println("webhook delivery " + head.deliveryId() + " failed, retrying: " + e);
            retryAfter = AFTER_ERROR;
        }
        synchronized (this) {
            if (retryAfter != null) {
                schedule(key, retryAfter);
                return;
            }
            Deque<DeliveryMessage> group = groups.get(key);
            group.pollFirst();
            if (group.isEmpty()) {
                groups.remove(key);
            } else {
                schedule(key, Duration.ZERO);
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
