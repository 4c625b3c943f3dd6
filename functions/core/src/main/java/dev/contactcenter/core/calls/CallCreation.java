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
import dev.contactcenter.core.hours.HoursJson;
import dev.contactcenter.core.hours.OpeningHours;
import dev.contactcenter.core.http.ApiException;
import dev.contactcenter.core.http.ApiResponse;
import dev.contactcenter.core.http.Fields;
import dev.contactcenter.core.idempotency.IdempotentRequest;
import dev.contactcenter.core.menu.MenuStore;
import dev.contactcenter.core.queue.NewContactEstimates;
import dev.contactcenter.core.queue.QueueEventService;
import dev.contactcenter.core.queue.QuotedWait;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.store.StaleWriteException;
import dev.contactcenter.core.store.Transactions;
import dev.contactcenter.core.tenant.TenantStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * POST /calls: the documented creation rules (queue, language, outbound number, ticket, recording), the
 * duplicate guard and the Idempotency-Key step, for immediate and scheduled call-backs alike. Every create is one
 * transaction over the call, its ticket, the pending-call guard, the menu's dependents count, the idempotency
 * record and either the call-back's place in its queue (immediate) or its place in a slot (scheduled, see
 * {@link CallScheduling}).
 */
public final class CallCreation {
    public static final String CALLS = "/apps/api/v1/calls";
    static final Set<String> CREATE_FIELDS = new LinkedHashSet<>(List.of(
            "call_type",
            "end_user_number",
            "menu_id",
            "recording_permission",
            "outbound_number",
            "ticket_id",
            "lang",
            "scheduled_at",
            "priority",
            "data"));
    static final String INCOMING = "IncomingCall";
    static final String SCHEDULED = "ScheduledCall";
    private static final String IDEMPOTENCY_SCOPE = "POST_CALLS";

    private final Backend backend;
    private final PhoneNormalizer phones;
    private final CallStore calls;
    private final TicketService tickets;
    private final MenuStore menus;
    private final TenantStore tenants;
    private final QueueEventService queueEvents;
    private final NewContactEstimates estimates;
    private final IdempotentRequest idempotency;
    private final Transactions transactions;
    private final CallScheduling scheduling;

    public CallCreation(
            Backend backend,
            PhoneNormalizer phones,
            CallStore calls,
            TicketService tickets,
            MenuStore menus,
            TenantStore tenants,
            QueueEventService queueEvents,
            NewContactEstimates estimates,
            IdempotentRequest idempotency,
            Transactions transactions,
            CallScheduling scheduling) {
        this.backend = backend;
        this.phones = phones;
        this.calls = calls;
        this.tickets = tickets;
        this.menus = menus;
        this.tenants = tenants;
        this.queueEvents = queueEvents;
        this.estimates = estimates;
        this.idempotency = idempotency;
        this.transactions = transactions;
        this.scheduling = scheduling;
    }

    /** POST /calls, answered exactly once per Idempotency-Key. */
    public ApiResponse create(String tenantId, ObjectNode body, Optional<String> idempotencyKey) {
        return idempotency.run(tenantId, IDEMPOTENCY_SCOPE, idempotencyKey, body, CALLS, completion -> {
            Created c = createCall(tenantId, body, completion);
            return ApiResponse.created(
                    CallJson.toJson(c.call(), c.ticketUrl()),
                    CALLS + "/" + c.call().id());
        });
    }

    private record Created(Call call, String ticketUrl) {}

    private Created createCall(String tenantId, ObjectNode body, IdempotentRequest.Completion completion) {
        Fields f = new Fields(body, CREATE_FIELDS);
        Optional<String> callType = f.optionalString("call_type", 40);
        if (!f.has("call_type")) {
            f.error("call_type", "'call_type' is required: 'IncomingCall' or 'ScheduledCall'.");
        } else if (callType.isPresent()
                && !callType.get().equals(INCOMING)
                && !callType.get().equals(SCHEDULED)) {
            f.error(
                    "call_type",
                    "'call_type' must be 'IncomingCall' (a call-back now) or 'ScheduledCall' (at scheduled_at).");
        }
        boolean scheduled = callType.filter(SCHEDULED::equals).isPresent();
        Instant scheduledAt = scheduledAt(f, scheduled);
        Optional<Long> priority = f.optionalInteger("priority", 0, 100);
        String data = CallData.read(f);
        Optional<Long> menuId = f.optionalInteger("menu_id", 1, Fields.MAX_SAFE_INTEGER);
        if (!f.has("menu_id") || f.isNull("menu_id")) {
            f.error("menu_id", "'menu_id' is required: the IVR or web queue the call-back joins.");
        }
        RecordingPermission permission = f.optionalEnum(
                        "recording_permission", RecordingPermission::fromWire, RecordingPermission.WIRE_NAMES)
                .orElse(RecordingPermission.NOT_ASKED);
        String lang = f.optionalString("lang", 10).orElse("en");
        String ticketId = ticketId(f);
        Optional<String> requestedNumber = f.optionalString("end_user_number", 40);
        Optional<String> requestedOutbound = f.optionalString("outbound_number", 40);
        f.throwIfInvalid();

        Menu menu = menus.get(tenantId, menuId.get()).orElse(null);
        if (menu == null) {
            f.error("menu_id", "No menu " + menuId.get() + ".");
        } else if (menu.menuType() == MenuType.MOBILE_MENU || !menu.serves(Channel.VOICE_CALL)) {
            f.error(
                    "menu_id",
                    "Menu " + menu.id() + " is a " + menu.menuType().wireName()
                            + (menu.serves(Channel.VOICE_CALL) ? "" : " without voice_call")
                            + "; call-backs go to ivr_menu or web_menu queues that serve voice_call.");
        } else if (!Languages.isSupported(lang) || !menu.servesLanguage(lang)) {
            f.error(
                    "lang",
                    "'lang' must be a supported language that menu " + menu.id() + " is enabled for: "
                            + String.join(", ", menu.languages()) + ".");
        }
        f.throwIfInvalid();

        Tenant tenant = tenants.get(tenantId).orElseThrow(() -> ApiException.notFound("No tenant " + tenantId + "."));
        String globalNumber = TenantSettings.globalNumber(tenant.settings());
        Optional<Ticket> knownTicket = tickets.find(tenantId, ticketId);
        List<String> warnings = new ArrayList<>();
        String endUserNumber;
        if (knownTicket.isPresent() && knownTicket.get().endUserNumber() != null) {
            // the ticket takes precedence over end_user_number
            endUserNumber = knownTicket.get().endUserNumber();
        } else if (requestedNumber.isEmpty()) {
            throw ApiException.unprocessable(
                    "end_user_number",
                    "'end_user_number' is required unless 'ticket_id' names a known ticket with a number.");
        } else {
            endUserNumber = phones.toE164(requestedNumber.get(), globalNumber)
                    .orElseThrow(
                            () -> ApiException.unprocessable(
                                    "end_user_number",
                                    "'end_user_number' is not a possible phone number; give it in E.164, such as +14155550123."));
        }
        OutboundNumberRule.Choice outbound = OutboundNumberRule.choose(
                menu,
                globalNumber,
                requestedOutbound.orElse(null),
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

        Instant now = backend.clock().instant();
        long callPriority = priority.orElse(menu.priority());
        // when the call-back is promised for: asked for, or (a closed queue, if the tenant wants it) its next opening
        OpeningHours open = scheduling.hoursOf(tenantId, menu);
        OpeningHours.Interval slot = null;
        if (scheduled) {
            slot = scheduling.check(tenant.settings(), menu, open, scheduledAt, now);
        } else if (!open.isOpen(now)) {
            slot = slotAtOpening(tenantId, menu, open, now, tenant.settings());
            scheduledAt = slot.start();
            warnings.add("Menu " + menu.id() + " is closed; the call-back is scheduled for its next opening.");
        }

        long id = calls.allocateId(tenantId);
        CallWrites writes = new CallWrites();
        Ticket ticket = tickets.attach(tenantId, ticketId, knownTicket, endUserNumber, menu.id(), id, now, writes);
        // the wait an immediate call-back is quoted: the queue's estimate for a new contact of its priority
        Estimate estimate = slot != null
                ? null
                : estimates.at(tenantId, menu.withPriority(callPriority), Channel.VOICE_CALL, now.toEpochMilli());
        Call call = new Call(
                id,
                slot != null ? CallStatus.SCHEDULED : CallStatus.QUEUED,
                lang,
                menu.id(),
                menu.materializedPath(),
                callPriority,
                endUserNumber,
                outbound.number(),
                ticket.id(),
                permission,
                RecordingPermission.recordingEnabled(menu.recordingOption(), permission),
                null,
                null,
                null,
                List.copyOf(warnings),
                estimate == null ? null : estimate.seconds(),
                now,
                scheduledAt,
                slot == null ? null : slot.start(),
                slot == null ? now : null,
                null,
                null,
                null,
                data,
                0);
        String ticketUrl = TenantSettings.ticketUrl(tenant.settings(), ticket.id());
        writes.add(calls.putNew(tenantId, call), CallWrites.CALL);
        if (TenantSettings.rejectsDuplicateCallbacks(tenant.settings())) {
            writes.add(calls.claimGuard(tenantId, call), CallWrites.GUARD);
        }
        writes.add(menus.adjustDependents(tenantId, menu.id(), 1, false), CallWrites.MENU);
        if (slot != null) {
            scheduling.book(tenantId, menu, slot, writes);
        } else {
            writes.addAll(
                    queueEvents.writesFor(
                            tenantId,
                            CallContacts.queued(call, menu),
                            QuotedWait.of(estimate, menu, lang).orElse(null)),
                    CallWrites.QUEUE);
        }
        completion
                .write(201, Json.write(CallJson.toJson(call, ticketUrl)))
                .ifPresent(w -> writes.add(w, CallWrites.IDEMPOTENCY));
        if (CallWrites.SLOT.equals(transact(tenantId, call, writes))) {
            throw scheduling.full(tenantId, menu, open, scheduledAt, now, tenant.settings());
        }
        return new Created(call, ticketUrl);
    }

    /** An immediate call-back for a closed queue: refused with the opening, or scheduled at it (tenant setting). */
    private OpeningHours.Interval slotAtOpening(
            String tenantId, Menu menu, OpeningHours open, Instant now, ObjectNode settings) {
        Instant opens = open.status(now).nextOpen();
        if (!TenantSettings.schedulesClosedQueueCallbacks(settings)) {
            ApiException e = ApiException.conflict(
                    "menu_id",
                    "Menu " + menu.id() + " is closed"
                            + (opens == null
                                    ? "."
                                    : " until " + HoursJson.local(opens, open.zone())
                                            + "; schedule the call-back (call_type ScheduledCall) or call again then."));
            return throwWith(e, opens);
        }
        return scheduling
                .firstFree(tenantId, menu, open, opens == null ? now : opens, now, settings)
                .orElseGet(() -> throwWith(
                        ApiException.conflict(
                                "menu_id",
                                "Menu " + menu.id()
                                        + " is closed and has no call-back slot with room within the scheduling horizon."),
                        opens));
    }

    private static OpeningHours.Interval throwWith(ApiException e, Instant opensAt) {
        if (opensAt != null) {
            e.with("opens_at", Json.timestamp(opensAt));
        }
        throw e;
    }

    /** scheduled_at: required for a ScheduledCall (ISO-8601 with an offset), refused for an IncomingCall. */
    private static Instant scheduledAt(Fields f, boolean scheduled) {
        JsonNode raw = f.raw(CallScheduling.SCHEDULED_AT);
        if (!scheduled) {
            if (raw != null && !raw.isNull()) {
                f.error(CallScheduling.SCHEDULED_AT, "'scheduled_at' is for call_type 'ScheduledCall' only.");
            }
            return null;
        }
        Optional<Instant> at = raw != null && raw.isTextual() ? HoursJson.instant(raw.textValue()) : Optional.empty();
        if (at.isEmpty()) {
            f.error(
                    CallScheduling.SCHEDULED_AT,
                    "'scheduled_at' is required for a ScheduledCall: an ISO-8601 "
                            + "date-time with an offset, such as 2026-12-01T09:30:00-05:00.");
        }
        return at.orElse(null);
    }

    /** The label of the write a cancelled transaction failed on that the caller answers itself, else null. */
    private String transact(String tenantId, Call call, CallWrites writes) {
        OptionalInt failedAt;
        try {
            failedAt = transactions.write(writes.actions());
        } catch (StaleWriteException e) {
            throw ApiException.conflict("The queue is busy with other changes; retry the request.");
        }
        if (failedAt.isEmpty()) {
            return null;
        }
        String failed = writes.label(failedAt.getAsInt());
        if (CallWrites.SLOT.equals(failed)) {
            return failed;
        }
        if (CallWrites.GUARD.equals(failed)) {
            long existing = calls.pendingCallId(tenantId, call.endUserNumber(), call.menuId())
                    .orElse(0L);
            throw ApiException.conflict("A call-back for this end user in menu " + call.menuId()
                            + " is already queued or assigned (call " + existing + ").")
                    .with("call_id", existing);
        }
        if (CallWrites.MENU.equals(failed)) {
            throw ApiException.unprocessable(
                    "menu_id", "Menu " + call.menuId() + " was deleted while the call-back was created.");
        }
        throw ApiException.conflict("The ticket or queue changed while the call-back was created; retry the request.");
    }

    /** ticket_id as a string or, as in the vendor's curl sample, an integer. */
    private static String ticketId(Fields f) {
        JsonNode raw = f.raw("ticket_id");
        if (raw == null || raw.isNull()) {
            return null;
        }
        String id = raw.isIntegralNumber() && raw.canConvertToLong()
                ? Long.toString(raw.longValue())
                : raw.isTextual() ? raw.textValue().strip() : null;
        if (!Ticket.isValidId(id)) {
            f.error(
                    "ticket_id",
                    "'ticket_id' must be a string or integer of 1 to 64 letters, digits, '_', '-', '.' or ':'.");
            return null;
        }
        return id;
    }
}
