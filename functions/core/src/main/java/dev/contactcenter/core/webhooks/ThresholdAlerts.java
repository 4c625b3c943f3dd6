package dev.contactcenter.core.webhooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.domain.Menu;
import dev.contactcenter.core.ewt.DecayedSum;
import dev.contactcenter.core.ewt.Estimate;
import dev.contactcenter.core.ewt.Predictors;
import dev.contactcenter.core.queue.QueueStateMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.function.Function;

/**
 * {@code wait_time.threshold_crossed}: after every change of a queue's state, the default predictor's
 * estimate for a new contact, per channel, is compared with the thresholds the tenant's endpoints set.
 * It crosses upward when it reaches a threshold, and back downward only when it falls below the
 * threshold by the hysteresis band ({@link #band}), so an estimate hovering at a threshold does not flap.
 * Which thresholds a queue is above is kept in an alert-state item written with a version condition,
 * so each crossing fires once; the stream record that caused it is kept with it, so a record read again
 * (a retried batch) re-sends the same events instead of losing or doubling them.
 */
final class ThresholdAlerts {
    private static final int WRITE_ATTEMPTS = 5;

    private final WebhookStore store;

    ThresholdAlerts(WebhookStore store) {
        this.store = store;
    }

    /** How far below a threshold an estimate must fall to count as back under it: 10 %, at least 30 s. */
    static long band(long threshold) {
        return Math.max(30, threshold / 10);
    }

    /**
     * The crossings this queue-state change caused. {@code thresholds}: every threshold an endpoint listening
     * to these events has set; {@code menu}: the queue's menu (empty when it was deleted).
     */
    List<WebhookEvent> of(
            String tenant, ItemChange change, SortedSet<Long> thresholds, Function<Long, Optional<Menu>> menus) {
        if (thresholds.isEmpty() || change.newImage().isEmpty() || !QueueStateMapper.isQueueState(change.newImage())) {
            return List.of();
        }
        long menuId = QueueStateMapper.menuId(change.newImage());
        Optional<Menu> menu = menus.apply(menuId);
        if (menu.isEmpty()) {
            return List.of();
        }
        long atMillis = change.approximateTime().toEpochMilli();
        DecayedSum.At decay = DecayedSum.at(atMillis);
        QueueStateMapper.QueueState state = QueueStateMapper.read(change.newImage(), decay.bucket());
        List<WebhookEvent> events = new ArrayList<>();
        for (Channel channel : menu.get().channels()) {
            Estimate estimate = Predictors.defaultPredictor()
                    .estimate(
                            state.snapshot(
                                    channel,
                                    menu.get().defaultHandleTimeSeconds(),
                                    menu.get().staleLimits(),
                                    decay,
                                    atMillis),
                            menu.get().priority(),
                            atMillis);
            if (estimate.estimable() && estimate.seconds() != null) {
                long seconds = estimate.seconds();
                for (String crossing : crossings(tenant, change.recordId(), menuId, channel, seconds, thresholds)) {
                    events.add(event(tenant, change, menu.get(), channel, estimate.seconds(), crossing));
                }
            }
        }
        return events;
    }

    /** "{threshold}:up" or "{threshold}:down" for each crossing, recorded in the alert state first. */
    private List<String> crossings(
            String tenant, String recordId, long menuId, Channel channel, long seconds, SortedSet<Long> thresholds) {
        for (int attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
            WebhookMapper.AlertState current = store.alertState(tenant, menuId, channel.wireName());
            if (recordId.equals(current.lastRecord())) {
                return current.lastCrossings();
            }
            Crossings crossed = evaluate(current.above(), seconds, thresholds);
            if (crossed.crossings().isEmpty()) {
                return List.of();
            }
            WebhookMapper.AlertState next =
                    new WebhookMapper.AlertState(crossed.above(), recordId, crossed.crossings(), current.version() + 1);
            if (store.saveAlertState(tenant, menuId, channel.wireName(), next)) {
                return crossed.crossings();
            }
        }
        throw new IllegalStateException("Wait-time alert state of menu " + menuId + " kept changing");
    }

    /** The thresholds an estimate is above now, and the crossings ("{threshold}:up" / ":down") that took it there. */
    record Crossings(List<Long> above, List<String> crossings) {}

    /**
     * The hysteresis rule: a threshold the queue was below is crossed when the estimate reaches it; one it
     * was above only when the estimate falls under it by more than {@link #band}. Thresholds no endpoint
     * sets any more are forgotten.
     */
    static Crossings evaluate(List<Long> wasAbove, long seconds, SortedSet<Long> thresholds) {
        List<Long> above = new ArrayList<>();
        List<String> crossings = new ArrayList<>();
        for (long t : thresholds) {
            boolean was = wasAbove.contains(t);
            boolean is = was ? seconds >= t - band(t) : seconds >= t;
            if (is) {
                above.add(t);
            }
            if (is != was) {
                crossings.add(t + (is ? ":up" : ":down"));
            }
        }
        return new Crossings(List.copyOf(above), crossings);
    }

    private static WebhookEvent event(
            String tenant, ItemChange change, Menu menu, Channel channel, long seconds, String crossing) {
        String[] parts = crossing.split(":");
        long threshold = Long.parseLong(parts[0]);
        ObjectNode data = Json.object();
        data.put("menu_id", menu.id());
        data.put("menu_path", menu.materializedPath());
        data.put("channel", channel.wireName());
        data.put("threshold_seconds", threshold);
        data.put("direction", parts[1]);
        data.put("estimated_wait_seconds", seconds);
        data.put("hysteresis_seconds", band(threshold));
        String id = WebhookEvent.idOf(
                tenant, "wait_time", change.recordId(), Long.toString(menu.id()), channel.wireName(), crossing);
        return new WebhookEvent(
                id,
                EventType.WAIT_TIME_THRESHOLD_CROSSED,
                change.approximateTime(),
                tenant,
                data,
                "menu#" + menu.id() + "#" + channel.wireName());
    }

    static long thresholdOf(WebhookEvent event) {
        return event.data().path("threshold_seconds").asLong();
    }
}
