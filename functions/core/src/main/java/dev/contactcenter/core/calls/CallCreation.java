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
 * duplicate guard and the Idempotency-Key step. Every create is one transaction over the call, its ticket,
 * the pending-call guard, the menu's dependents count, the call-back's place in its queue and the
 * idempotency record.
 */
public final class CallCreation {
    public static final String CALLS = "/apps/api/v1/calls";
    static final Set<String> CREATE_FIELDS = new LinkedHashSet<>(List.of("call_type", "end_user_number", "menu_id",
            "recording_permission", "outbound_number", "ticket_id", "lang"));
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

    public CallCreation(Backend backend, PhoneNormalizer phones, CallStore calls, TicketService tickets, MenuStore menus,
                        TenantStore tenants, QueueEventService queueEvents, NewContactEstimates estimates,
                        IdempotentRequest idempotency, Transactions transactions) {
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
    }

    /** POST /calls, answered exactly once per Idempotency-Key. */
    public ApiResponse create(String tenantId, ObjectNode body, Optional<String> idempotencyKey) {
        return idempotency.run(tenantId, IDEMPOTENCY_SCOPE, idempotencyKey, body, CALLS, completion -> {
            Created c = createCall(tenantId, body, completion);
            return ApiResponse.created(CallJson.toJson(c.call(), c.ticketUrl()), CALLS + "/" + c.call().id());
        });
    }

    private record Created(Call call, String ticketUrl) {
    }

    private Created createCall(String tenantId, ObjectNode body, IdempotentRequest.Completion completion) {
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
        Optional<Ticket> knownTicket = tickets.find(tenantId, ticketId);
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
        Instant now = backend.clock().instant();
        Estimate estimate = estimates.at(tenantId, menu, Channel.VOICE_CALL, now.toEpochMilli());
        long id = calls.allocateId(tenantId);
        CallWrites writes = new CallWrites();
        Ticket ticket = tickets.attach(tenantId, ticketId, knownTicket, endUserNumber, menu.id(), id, now, writes);
        Call call = new Call(id, CallStatus.QUEUED, lang, menu.id(), menu.materializedPath(), menu.priority(),
                endUserNumber, outbound.number(), ticket.id(), permission,
                RecordingPermission.recordingEnabled(menu.recordingOption(), permission), null, null, null,
                List.copyOf(warnings), estimate.seconds(), now, null, null, null, 0);
        String ticketUrl = TenantSettings.ticketUrl(tenant.settings(), ticket.id());
        writes.add(calls.putNew(tenantId, call), CallWrites.CALL);
        if (TenantSettings.rejectsDuplicateCallbacks(tenant.settings())) {
            writes.add(calls.claimGuard(tenantId, call), CallWrites.GUARD);
        }
        writes.add(menus.adjustDependents(tenantId, menu.id(), 1, false), CallWrites.MENU);
        writes.addAll(queueEvents.writesFor(tenantId, CallContacts.queued(call, menu),
                QuotedWait.of(estimate, menu, lang).orElse(null)), CallWrites.QUEUE);
        completion.write(201, Json.write(CallJson.toJson(call, ticketUrl)))
                .ifPresent(w -> writes.add(w, CallWrites.IDEMPOTENCY));
        transact(tenantId, call, writes);
        return new Created(call, ticketUrl);
    }

    private void transact(String tenantId, Call call, CallWrites writes) {
        OptionalInt failedAt;
        try {
            failedAt = transactions.write(writes.actions());
        } catch (StaleWriteException e) {
            throw ApiException.conflict("The queue is busy with other changes; retry the request.");
        }
        if (failedAt.isEmpty()) {
            return;
        }
        String failed = writes.label(failedAt.getAsInt());
        if (CallWrites.GUARD.equals(failed)) {
            long existing = calls.pendingCallId(tenantId, call.endUserNumber(), call.menuId()).orElse(0L);
            throw ApiException.conflict("A call-back for this end user in menu " + call.menuId()
                    + " is already queued or assigned (call " + existing + ").").with("call_id", existing);
        }
        if (CallWrites.MENU.equals(failed)) {
            throw ApiException.unprocessable("menu_id",
                    "Menu " + call.menuId() + " was deleted while the call-back was created.");
        }
        throw ApiException.conflict("The ticket or queue changed while the call-back was created; retry the request.");
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
}
