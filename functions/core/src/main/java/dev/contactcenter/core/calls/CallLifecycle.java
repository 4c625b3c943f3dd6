package dev.contactcenter.core.calls;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.domain.Tenant;
import dev.contactcenter.core.domain.TenantSettings;
import dev.contactcenter.core.http.ApiException;
import dev.contactcenter.core.http.Fields;
import dev.contactcenter.core.menu.MenuStore;
import dev.contactcenter.core.queue.ContactWait;
import dev.contactcenter.core.queue.ContactWaits;
import dev.contactcenter.core.queue.QueueEventService;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.store.StaleWriteException;
import dev.contactcenter.core.store.Transactions;
import dev.contactcenter.core.tenant.TenantStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * A call-back after its creation: reading it, listing a tenant's, and moving it one step along its lifecycle
 * (PATCH /calls/{id}), each step one transaction over the call, its guard, its menu's dependents and its place
 * in the queue.
 */
public final class CallLifecycle {
    static final Set<String> PATCH_FIELDS =
            new LinkedHashSet<>(List.of("status", "fail_reason", "fail_details", "agent_id"));
    static final int MAX_BULK_CANCEL = 100;

    private final Backend backend;
    private final CallStore calls;
    private final TicketService tickets;
    private final MenuStore menus;
    private final TenantStore tenants;
    private final QueueEventService queueEvents;
    private final Transactions transactions;
    private final ContactWaits waits;

    public CallLifecycle(
            Backend backend,
            CallStore calls,
            TicketService tickets,
            MenuStore menus,
            TenantStore tenants,
            QueueEventService queueEvents,
            Transactions transactions,
            ContactWaits waits) {
        this.backend = backend;
        this.calls = calls;
        this.tickets = tickets;
        this.menus = menus;
        this.tenants = tenants;
        this.queueEvents = queueEvents;
        this.transactions = transactions;
        this.waits = waits;
    }

    /**
     * GET /calls/{id}: while the call-back is queued, its position in line and remaining wait now (two more reads);
     * the wait quoted at creation stays on the call, for the accuracy ledger.
     */
    public ObjectNode get(String tenantId, long id) {
        Call call = call(tenantId, id);
        ObjectNode json = CallJson.toJson(call, tickets.url(tenantId, call.ticketId()));
        Optional<ContactWait> wait = call.status() == CallStatus.QUEUED
                ? waits.of(tenantId, CallContacts.contactId(call)).filter(ContactWait::waiting)
                : Optional.empty();
        return CallJson.withWait(json, wait);
    }

    /** PATCH /calls/{id}: one step along the lifecycle. */
    public ObjectNode move(String tenantId, long id, ObjectNode body) {
        Fields f = new Fields(body, PATCH_FIELDS);
        Optional<CallStatus> to = f.optionalEnum("status", CallStatus::fromWire, CallStatus.WIRE_NAMES);
        if (!f.has("status")) {
            f.error("status", "'status' is required: one of " + String.join(", ", CallStatus.WIRE_NAMES) + ".");
        }
        Optional<String> reason = f.optionalString("fail_reason", 100);
        Optional<String> details = f.optionalString("fail_details", 1000);
        Optional<String> agent = f.optionalString("agent_id", 100);
        if (to.isPresent() && to.get() == CallStatus.FAILED && reason.isEmpty()) {
            f.error("fail_reason", "'fail_reason' is required when a call fails.");
        }
        f.throwIfInvalid();
        return apply(
                tenantId, call(tenantId, id), to.get(), agent.orElse(null), reason.orElse(null), details.orElse(null));
    }

    /**
     * The vendor's cancel route (PATCH /calls/scheduled/{id}/cancel): the call, canceled; empty when it already
     * was. A call-back already queued or assigned is canceled as by PATCH /calls/{id}.
     */
    public Optional<ObjectNode> cancel(String tenantId, long id) {
        Call current = call(tenantId, id);
        return current.status() == CallStatus.CANCELED
                ? Optional.empty()
                : Optional.of(apply(tenantId, current, CallStatus.CANCELED, null, null, null));
    }

    /** The bulk cancel route: at most {@value #MAX_BULK_CANCEL} ids, the outcome of each as its own status. */
    public ObjectNode cancelAll(String tenantId, ObjectNode body) {
        Fields f = new Fields(body, Set.of("call_ids"));
        var ids = f.raw("call_ids");
        if (ids == null || !ids.isArray() || ids.isEmpty() || ids.size() > MAX_BULK_CANCEL) {
            f.error("call_ids", "'call_ids' is required: an array of 1 to " + MAX_BULK_CANCEL + " call ids.");
        } else {
            for (int i = 0; i < ids.size(); i++) {
                if (!ids.get(i).isIntegralNumber() || ids.get(i).asLong() < 1) {
                    f.error("call_ids[" + i + "]", "Each call id is a positive integer.");
                }
            }
        }
        f.throwIfInvalid();
        ObjectNode out = Json.object();
        var results = out.putArray("results");
        for (var raw : ids) {
            long id = raw.asLong();
            ObjectNode result = results.addObject().put("call_id", id);
            try {
                Optional<ObjectNode> canceled = cancel(tenantId, id);
                result.put("status", canceled.isPresent() ? 200 : 204);
                result.put("outcome", canceled.isPresent() ? "canceled" : "already_canceled");
                canceled.ifPresent(c -> result.set("call", c));
            } catch (ApiException e) {
                result.put("status", e.status());
                result.put("outcome", e.status() == 404 ? "not_found" : "refused");
                result.put("detail", e.getMessage());
            }
        }
        return out;
    }

    private ObjectNode apply(
            String tenantId, Call current, CallStatus to, String agent, String reason, String details) {
        long id = current.id();
        if (!current.status().next().contains(to)) {
            throw ApiException.conflict("A " + current.status().wireName() + " call cannot become "
                            + to.wireName() + "; allowed next: "
                            + String.join(
                                    ", ",
                                    current.status().next().stream()
                                            .map(CallStatus::wireName)
                                            .toList()) + ".")
                    .with("call_status", current.status().wireName());
        }
        Call moved = current.moved(to, backend.clock().instant(), agent, reason, details);
        List<TransactWriteItem> actions = new ArrayList<>();
        actions.add(calls.putChanged(tenantId, moved));
        calls.releaseHeldSlot(tenantId, current).ifPresent(actions::add);
        if (current.status().isPending() && !moved.status().isPending()) {
            actions.add(calls.releaseGuard(tenantId, moved));
        }
        if (moved.status().isTerminal()) {
            actions.add(menus.adjustDependents(tenantId, moved.menuId(), -1, false));
        }
        CallContacts.progressed(current, moved).ifPresent(e -> actions.addAll(queueEvents.writesFor(tenantId, e)));
        try {
            if (transactions.write(actions).isPresent()) {
                throw ApiException.conflict("Call " + id + " changed while this request was applied; read it again.");
            }
        } catch (StaleWriteException e) {
            throw ApiException.conflict("Call " + id + " is busy with other changes; retry the request.");
        }
        return CallJson.toJson(moved, tickets.url(tenantId, moved.ticketId()));
    }

    /**
     * GET /calls: newest first, optionally only calls scheduled in {@code [from, to)}; the cursor is opaque and
     * bound to the tenant.
     */
    public ObjectNode list(
            String tenantId,
            Optional<CallStatus> status,
            Optional<Long> menuId,
            Optional<Instant> from,
            Optional<Instant> to,
            int limit,
            Optional<String> cursor) {
        Map<String, AttributeValue> start =
                cursor.map(c -> CallCursor.decode(tenantId, c)).orElse(null);
        CallStore.Page page = calls.list(tenantId, status, menuId, from, to, limit, start);
        ObjectNode out = Json.object();
        var array = out.putArray("calls");
        ObjectNode settings = tenants.get(tenantId).map(Tenant::settings).orElse(Json.object());
        for (Call c : page.calls()) {
            array.add(CallJson.toJson(c, TenantSettings.ticketUrl(settings, c.ticketId())));
        }
        out.put("next_cursor", page.next() == null ? null : CallCursor.encode(page.next()));
        return out;
    }

    private Call call(String tenantId, long id) {
        return calls.get(tenantId, id).orElseThrow(() -> ApiException.notFound("No call " + id + "."));
    }
}
