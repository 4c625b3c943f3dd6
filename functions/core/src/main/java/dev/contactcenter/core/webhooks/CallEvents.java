package dev.contactcenter.core.webhooks;

import dev.contactcenter.core.calls.Call;
import dev.contactcenter.core.calls.CallJson;
import dev.contactcenter.core.calls.CallStatus;
import dev.contactcenter.core.calls.CallStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A call-back item's change as events: its creation ({@code call.created}, then {@code call.queued}) and
 * every status it reaches. The data is the call object as {@code GET /calls/{id}} returns it.
 */
final class CallEvents {
    private CallEvents() {}

    /** {@code ticketUrl}: the tenant's CRM link for a ticket id (from its settings). */
    static List<WebhookEvent> of(String tenant, ItemChange change, Function<String, String> ticketUrl) {
        if (change.newImage().isEmpty() || !CallStore.isCall(change.newImage())) {
            return List.of();
        }
        Call now = CallStore.fromImage(change.newImage());
        CallStatus before = change.oldImage().isEmpty()
                ? null
                : CallStore.fromImage(change.oldImage()).status();
        if (before == now.status()) {
            return List.of();
        }
        List<WebhookEvent> events = new ArrayList<>(2);
        if (before == null) {
            events.add(event(tenant, now, EventType.CALL_CREATED, now.createdAt(), ticketUrl));
        }
        events.add(event(tenant, now, EventType.forCall(now.status()), reachedAt(now, change), ticketUrl));
        return events;
    }

    private static WebhookEvent event(
            String tenant, Call call, EventType type, Instant at, Function<String, String> ticketUrl) {
        return new WebhookEvent(
                WebhookEvent.idOf(tenant, "call", Long.toString(call.id()), type.wireName()),
                type,
                at,
                tenant,
                CallJson.toJson(call, ticketUrl.apply(call.ticketId())),
                "call#" + call.id());
    }

    private static Instant reachedAt(Call c, ItemChange change) {
        Instant at = switch (c.status()) {
            case SCHEDULED -> c.createdAt();
            // a scheduled call-back joins its queue later than it was created
            case QUEUED -> c.queuedAt();
            case ASSIGNED -> c.assignedAt();
            case CONNECTED -> c.connectedAt();
            default -> c.endsAt();
        };
        return at != null ? at : change.approximateTime();
    }
}
