package dev.contactcenter.core.calls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.domain.Languages;
import dev.contactcenter.core.domain.Menu;
import dev.contactcenter.core.domain.MenuType;
import dev.contactcenter.core.domain.Tenant;
import dev.contactcenter.core.domain.TenantSettings;
import dev.contactcenter.core.ewt.Estimate;
import dev.contactcenter.core.http.ApiException;
import dev.contactcenter.core.http.ApiResponse;
import dev.contactcenter.core.http.Fields;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.store.IdempotencyStore;
import dev.contactcenter.core.store.MenuStore;
import dev.contactcenter.core.store.StaleWriteException;
import dev.contactcenter.core.store.TenantStore;
import dev.contactcenter.core.store.Transactions;
import dev.contactcenter.core.queue.ContactState;
import dev.contactcenter.core.queue.QueueEvent;
import dev.contactcenter.core.queue.QueueEventService;
import dev.contactcenter.core.waittimes.QuotedWait;
import dev.contactcenter.core.waittimes.WaitTimesService;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Call-backs: the documented creation rules (queue, language, outbound number, ticket, recording),
 * idempotency keys, duplicate protection and the lifecycle. Every create is one transaction over the
 * call, its ticket, the pending-call guard, the menu's dependents count and the idempotency record.
 */
public final class CallService {
    public static final String CALLS = "/apps/api/v1/calls";
    static final Set<String> CREATE_FIELDS = new LinkedHashSet<>(List.of("call_type", "end_user_number", "menu_id",
            "recording_permission", "outbound_number", "ticket_id", "lang"));
    static final Set<String> PATCH_FIELDS = new LinkedHashSet<>(List.of("status", "fail_reason", "fail_details", "agent_id"));
    private static final String IDEMPOTENCY_SCOPE = "POST_CALLS";

    private final Backend backend;
    private final PhoneNormalizer phones;
    private final CallStore calls;
    private final TicketStore tickets;
    private final MenuStore menus;
    private final TenantStore tenants;
    private final IdempotencyStore idempotency;
    private final QueueEventService queueEvents;
    private final WaitTimesService waitTimes;
    private final Transactions transactions;

    public CallService(Backend backend, PhoneNormalizer phones) {
        this.backend = backend;
        this.phones = phones;
        this.calls = new CallStore(backend);
        this.tickets = new TicketStore(backend);
        this.menus = new MenuStore(backend);
        this.tenants = new TenantStore(backend);
        this.idempotency = new IdempotencyStore(backend);
        this.queueEvents = new QueueEventService(backend);
        this.waitTimes = new WaitTimesService(backend);
        this.transactions = new Transactions(backend);
    }

    /** POST /calls, answered exactly once per Idempotency-Key. */
    public ApiResponse create(String tenantId, ObjectNode body, Optional<String> idempotencyKey) {
        if (idempotencyKey.isEmpty()) {
            return created(createCall(tenantId, body, null));
        }
        String key = idempotencyKey.get();
        if (!key.matches("[\\x21-\\x7E]{1,255}")) {
            throw ApiException.badRequest("Idempotency-Key", "The Idempotency-Key header must be 1 to 255 visible ASCII characters.");
        }
        IdempotencyStore.Claim claim = idempotency.claim(tenantId, IDEMPOTENCY_SCOPE, key, hash(body));
        switch (claim.outcome()) {
            case REPLAY -> {
                ApiResponse replay = claim.status() == 201 ? ApiResponse.json(201, parse(claim.body()))
                        .header("Location", CALLS + "/" + parse(claim.body()).get("id").asLong())
                        : ApiResponse.json(claim.status(), parse(claim.body())).header("Content-Type", ApiResponse.PROBLEM_JSON);
                return replay.header("Idempotent-Replayed", "true");
            }
            case DIFFERENT_REQUEST -> throw ApiException.unprocessable("Idempotency-Key",
                    "This Idempotency-Key was used with a different request body in the last 24 hours.");
            case IN_FLIGHT -> throw ApiException.conflict("A request with this Idempotency-Key is still being processed; retry shortly.");
            default -> {
            }
        }
        try {
            return created(createCall(tenantId, body, key));
        } catch (ApiException e) {
            if (e.status() == 409) {
                // a conflict may clear (the pending call ends): the same key may try again
                idempotency.release(tenantId, IDEMPOTENCY_SCOPE, key);
            } else {
                idempotency.complete(tenantId, IDEMPOTENCY_SCOPE, key, e.status(), ApiResponse.problem(e).body());
            }
            throw e;
        } catch (RuntimeException e) {
            idempotency.release(tenantId, IDEMPOTENCY_SCOPE, key);
            throw e;
        }
    }

    private record Created(Call call, String ticketUrl) {
    }

    private ApiResponse created(Created c) {
        return ApiResponse.created(CallJson.toJson(c.call(), c.ticketUrl()), CALLS + "/" + c.call().id());
    }

    private Created createCall(String tenantId, ObjectNode body, String idempotencyKey) {
        Fields f = new Fields(body, CREATE_FIELDS);
        Optional<String> callType = f.optionalString("call_type", 40);
        if (!f.has("call_type")) {
            f.error("call_type", "'call_type' is required and must be 'IncomingCall'.");
        } else if (callType.isPresent() && !callType.get().equals("IncomingCall")) {
            f.error("call_type", "'call_type' must be 'IncomingCall' (every inbound request, call-backs included, is an incoming call).");
        }
        Optional<Long> menuId = f.optionalInteger("menu_id", 1, Fields.MAX_SAFE_INTEGER);
        if (!f.has("menu_id") || f.isNull("menu_id")) {
            f.error("menu_id", "'menu_id' is required: the IVR or web queue the call-back joins.");
        }
        RecordingPermission permission = f.optionalEnum("recording_permission", RecordingPermission::fromWire,
                RecordingPermission.WIRE_NAMES).orElse(RecordingPermission.NOT_ASKED);
        String lang = f.optionalString("lang", 10).orElse("en");
        String ticketId = ticketId(f);
        Optional<String> requestedNumber = f.optionalString("end_user_number", 40);
        Optional<String> requestedOutbound = f.optionalString("outbound_number", 40);
        f.throwIfInvalid();

        Menu menu = menus.get(tenantId, menuId.get()).orElse(null);
        if (menu == null) {
            f.error("menu_id", "No menu " + menuId.get() + ".");
        } else if (menu.menuType() == MenuType.MOBILE_MENU || !menu.serves(Channel.VOICE_CALL)) {
            f.error("menu_id", "Menu " + menu.id() + " is a " + menu.menuType().wireName()
                    + (menu.serves(Channel.VOICE_CALL) ? "" : " without voice_call")
                    + "; call-backs go to ivr_menu or web_menu queues that serve voice_call.");
        } else if (!Languages.isSupported(lang) || !menu.servesLanguage(lang)) {
            f.error("lang", "'lang' must be a supported language that menu " + menu.id() + " is enabled for: "
                    + String.join(", ", menu.languages()) + ".");
        }
        f.throwIfInvalid();

        Tenant tenant = tenants.get(tenantId).orElseThrow(() -> ApiException.notFound("No tenant " + tenantId + "."));
        String globalNumber = TenantSettings.globalNumber(tenant.settings());
        Optional<Ticket> knownTicket = ticketId == null ? Optional.empty() : tickets.get(tenantId, ticketId);
        List<String> warnings = new ArrayList<>();
        String endUserNumber;
        if (knownTicket.isPresent() && knownTicket.get().endUserNumber() != null) {
            // the ticket takes precedence over end_user_number
            endUserNumber = knownTicket.get().endUserNumber();
        } else if (requestedNumber.isEmpty()) {
            throw ApiException.unprocessable("end_user_number", "'end_user_number' is required unless 'ticket_id' names a known ticket with a number.");
        } else {
            endUserNumber = phones.toE164(requestedNumber.get(), globalNumber).orElseThrow(() -> ApiException.unprocessable(
                    "end_user_number", "'end_user_number' is not a possible phone number; give it in E.164, such as +14155550123."));
        }
        OutboundNumberRule.Choice outbound = OutboundNumberRule.choose(menu, globalNumber, requestedOutbound.orElse(null),
                requestedOutbound.flatMap(n -> phones.toE164(n, globalNumber)));
        if (outbound.refusal() != null) {
            throw ApiException.unprocessable("outbound_number", outbound.refusal());
        }
        if (outbound.number() == null) {
            throw ApiException.conflict("The tenant has no global_number and menu " + menu.id()
                    + " no available outbound number; set settings.global_number first.");
        }
        if (outbound.warning() != null) {
            warnings.add(outbound.warning());
        }

        // the wait this call-back is quoted: the queue's estimate for a new contact, before it joins
        Estimate estimate = waitTimes.estimateForNewContact(tenantId, menu, Channel.VOICE_CALL);
        Long estimatedWait = estimate.seconds();
        long id = calls.allocateId(tenantId);
        Instant now = backend.clock().instant();
        List<TransactWriteItem> actions = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        Ticket ticket = ticketFor(tenantId, ticketId, knownTicket, endUserNumber, menu.id(), id, now, actions, labels);
        Call call = new Call(id, CallStatus.QUEUED, lang, menu.id(), menu.materializedPath(), menu.priority(), endUserNumber,
                outbound.number(), ticket.id(), permission, RecordingPermission.recordingEnabled(menu.recordingOption(), permission),
                null, null, null, List.copyOf(warnings), estimatedWait, now, null, null, null, 0);
        String ticketUrl = TenantSettings.ticketUrl(tenant.settings(), ticket.id());
        add(actions, labels, calls.putNew(tenantId, call), "call");
        if (TenantSettings.rejectsDuplicateCallbacks(tenant.settings())) {
            add(actions, labels, calls.claimGuard(tenantId, call), "guard");
        }
        add(actions, labels, calls.adjustMenuDependents(tenantId, menu.id(), 1), "menu");
        // the call-back waits in its queue like any contact, so wait times count it and its quote is settled like theirs
        for (TransactWriteItem write : queueEvents.writesFor(tenantId, new QueueEvent.ContactQueued(contactEvent(call, "queued"),
                now.toEpochMilli(), contactId(call), menu.id(), Channel.VOICE_CALL, menu.priority(), lang),
                QuotedWait.of(estimate, menu, lang).orElse(null))) {
            add(actions, labels, write, "queue");
        }
        if (idempotencyKey != null) {
            add(actions, labels, idempotency.completeAction(tenantId, IDEMPOTENCY_SCOPE, idempotencyKey, 201,
                    Json.write(CallJson.toJson(call, ticketUrl))), "idempotency");
        }
        transact(tenantId, call, actions, labels);
        return new Created(call, ticketUrl);
    }

    /** The ticket the call attaches to: the one named, or the end user's open ticket for the queue, or a new one. */
    private Ticket ticketFor(String tenantId, String ticketId, Optional<Ticket> known, String number, long menuId, long callId,
                            Instant now, List<TransactWriteItem> actions, List<String> labels) {
        if (known.isPresent()) {
            Ticket t = known.get();
            Ticket attached = new Ticket(t.id(), t.open(), t.endUserNumber() == null ? number : t.endUserNumber(),
                    t.menuId() == null ? menuId : t.menuId(), callId, t.createdAt(), now, t.version() + 1);
            add(actions, labels, tickets.put(tenantId, attached), "ticket");
            return attached;
        }
        if (ticketId != null) {
            Ticket created = new Ticket(ticketId, true, number, menuId, callId, now, now, 0);
            add(actions, labels, tickets.put(tenantId, created), "ticket");
            return created;
        }
        Optional<Ticket> open = tickets.openTicketId(tenantId, number, menuId).flatMap(id -> tickets.get(tenantId, id));
        if (open.isPresent()) {
            return ticketFor(tenantId, null, open, number, menuId, callId, now, actions, labels);
        }
        Ticket created = new Ticket("cb-" + callId, true, number, menuId, callId, now, now, 0);
        add(actions, labels, tickets.put(tenantId, created), "ticket");
        add(actions, labels, tickets.claimOpenPointer(tenantId, created), "open_ticket");
        return created;
    }

    private void transact(String tenantId, Call call, List<TransactWriteItem> actions, List<String> labels) {
        OptionalInt failedAt;
        try {
            failedAt = transactions.write(actions);
        } catch (StaleWriteException e) {
            throw ApiException.conflict("The queue is busy with other changes; retry the request.");
        }
        if (failedAt.isEmpty()) {
            return;
        }
        String failed = labels.get(failedAt.getAsInt());
        if ("guard".equals(failed)) {
            long existing = calls.pendingCallId(tenantId, call.endUserNumber(), call.menuId()).orElse(0L);
            throw ApiException.conflict("A call-back for this end user in menu " + call.menuId()
                    + " is already queued or assigned (call " + existing + ").").with("call_id", existing);
        }
        if ("menu".equals(failed)) {
            throw ApiException.unprocessable("menu_id", "Menu " + call.menuId() + " was deleted while the call-back was created.");
        }
        throw ApiException.conflict("The ticket or queue changed while the call-back was created; retry the request.");
    }

    private static void add(List<TransactWriteItem> actions, List<String> labels, TransactWriteItem action, String label) {
        actions.add(action);
        labels.add(label);
    }

    public ObjectNode get(String tenantId, long id) {
        Call call = call(tenantId, id);
        return CallJson.toJson(call, ticketUrl(tenantId, call.ticketId()));
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
        Call current = call(tenantId, id);
        if (!current.status().next().contains(to.get())) {
            throw ApiException.conflict("A " + current.status().wireName() + " call cannot become " + to.get().wireName()
                    + "; allowed next: " + String.join(", ", current.status().next().stream().map(CallStatus::wireName).toList()) + ".")
                    .with("status", current.status().wireName());
        }
        Call moved = current.moved(to.get(), backend.clock().instant(), agent.orElse(null), reason.orElse(null), details.orElse(null));
        List<TransactWriteItem> actions = new ArrayList<>();
        actions.add(calls.putChanged(tenantId, moved));
        if (current.status().isPending() && !moved.status().isPending()) {
            actions.add(calls.releaseGuard(tenantId, moved));
        }
        if (moved.status().isTerminal()) {
            actions.add(calls.adjustMenuDependents(tenantId, moved.menuId(), -1));
        }
        queueEvent(current, moved).ifPresent(e -> actions.addAll(queueEvents.writesFor(tenantId, e)));
        try {
            if (transactions.write(actions).isPresent()) {
                throw ApiException.conflict("Call " + id + " changed while this request was applied; read it again.");
            }
        } catch (StaleWriteException e) {
            throw ApiException.conflict("Call " + id + " is busy with other changes; retry the request.");
        }
        return CallJson.toJson(moved, ticketUrl(tenantId, moved.ticketId()));
    }

    /** What a step of the call-back's lifecycle means for its queue, as the routing engine would report it. */
    private static Optional<QueueEvent> queueEvent(Call from, Call to) {
        long at = (to.endsAt() != null ? to.endsAt() : to.assignedAt() != null ? to.assignedAt() : to.createdAt()).toEpochMilli();
        String eventId = contactEvent(to, to.status().wireName());
        if (from.status() == CallStatus.QUEUED) {
            return Optional.of(new QueueEvent.ContactProgressed(eventId, at, contactId(to),
                    to.status() == CallStatus.ASSIGNED ? ContactState.ASSIGNED : ContactState.ABANDONED, to.agentId(), null));
        }
        if (to.status().isTerminal()) {
            Instant started = to.connectedAt() != null ? to.connectedAt() : to.assignedAt();
            long handled = Math.max(0, to.endsAt().getEpochSecond() - started.getEpochSecond());
            return Optional.of(new QueueEvent.ContactProgressed(eventId, at, contactId(to), ContactState.ENDED, to.agentId(), handled));
        }
        return Optional.empty();
    }

    /** Call-backs' contact ids live in their own namespace beside the routing engine's. */
    private static String contactId(Call call) {
        return "callback:" + call.id();
    }

    private static String contactEvent(Call call, String step) {
        return "callback:" + call.id() + ":" + step;
    }

    /** GET /calls: newest first; the cursor is opaque and bound to the tenant. */
    public ObjectNode list(String tenantId, Optional<CallStatus> status, Optional<Long> menuId, int limit, Optional<String> cursor) {
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> start = cursor.map(c -> CallCursor.decode(tenantId, c)).orElse(null);
        CallStore.Page page = calls.list(tenantId, status, menuId, limit, start);
        ObjectNode out = Json.object();
        var array = out.putArray("calls");
        ObjectNode settings = tenants.get(tenantId).map(Tenant::settings).orElse(Json.object());
        for (Call c : page.calls()) {
            array.add(CallJson.toJson(c, TenantSettings.ticketUrl(settings, c.ticketId())));
        }
        out.put("next_cursor", page.next() == null ? null : CallCursor.encode(page.next()));
        return out;
    }

    public ObjectNode ticket(String tenantId, String ticketId) {
        Ticket t = knownTicket(tenantId, ticketId);
        return CallJson.ticket(t, ticketUrl(tenantId, t.id()));
    }

    /** PATCH /tickets/{id}: close or reopen, keeping at most one open ticket per end user and queue. */
    public ObjectNode changeTicket(String tenantId, String ticketId, ObjectNode body) {
        Fields f = new Fields(body, Set.of("status"));
        Optional<String> status = f.optionalEnum("status", s -> s.equals("open") || s.equals("closed") ? Optional.of(s) : Optional.empty(),
                List.of("open", "closed"));
        if (!f.has("status")) {
            f.error("status", "'status' is required: open or closed.");
        }
        f.throwIfInvalid();
        Ticket t = knownTicket(tenantId, ticketId);
        boolean open = status.get().equals("open");
        if (open == t.open()) {
            return CallJson.ticket(t, ticketUrl(tenantId, t.id()));
        }
        Ticket changed = new Ticket(t.id(), open, t.endUserNumber(), t.menuId(), t.lastCallId(), t.createdAt(),
                backend.clock().instant(), t.version() + 1);
        List<TransactWriteItem> actions = new ArrayList<>();
        actions.add(tickets.put(tenantId, changed));
        if (t.endUserNumber() != null && t.menuId() != null) {
            actions.add(open ? tickets.claimOpenPointer(tenantId, changed) : tickets.releaseOpenPointer(tenantId, changed));
        }
        OptionalInt failed;
        try {
            failed = transactions.write(actions);
        } catch (StaleWriteException e) {
            failed = OptionalInt.of(0);
        }
        if (failed.isPresent()) {
            throw ApiException.conflict(open && failed.getAsInt() == 1 ? "Another ticket is already open for this end user and queue."
                    : "Ticket " + ticketId + " changed while this request was applied; read it again.");
        }
        return CallJson.ticket(changed, ticketUrl(tenantId, changed.id()));
    }

    /** An id that cannot be a ticket's names none (and never reaches DynamoDB's key size limits). */
    private Ticket knownTicket(String tenantId, String ticketId) {
        if (!Ticket.isValidId(ticketId)) {
            throw ApiException.notFound("No ticket with that id.");
        }
        return tickets.get(tenantId, ticketId).orElseThrow(() -> ApiException.notFound("No ticket with that id."));
    }

    private Call call(String tenantId, long id) {
        return calls.get(tenantId, id).orElseThrow(() -> ApiException.notFound("No call " + id + "."));
    }

    private String ticketUrl(String tenantId, String ticketId) {
        return tenants.get(tenantId).map(t -> TenantSettings.ticketUrl(t.settings(), ticketId)).orElse(null);
    }

    /** ticket_id as a string or, as in the vendor's curl sample, an integer. */
    private static String ticketId(Fields f) {
        JsonNode raw = f.raw("ticket_id");
        if (raw == null || raw.isNull()) {
            return null;
        }
        String id = raw.isIntegralNumber() && raw.canConvertToLong() ? Long.toString(raw.longValue())
                : raw.isTextual() ? raw.textValue().strip() : null;
        if (!Ticket.isValidId(id)) {
            f.error("ticket_id", "'ticket_id' must be a string or integer of 1 to 64 letters, digits, '_', '-', '.' or ':'.");
            return null;
        }
        return id;
    }

    private static String hash(ObjectNode body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Json.write(body).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return Json.parse(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Stored response is not JSON", e);
        }
    }
}
