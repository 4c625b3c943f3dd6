package dev.contactcenter.callbacks;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.calls.CallCreation;
import dev.contactcenter.core.calls.CallLifecycle;
import dev.contactcenter.core.calls.CallScheduling;
import dev.contactcenter.core.calls.CallStatus;
import dev.contactcenter.core.calls.CallStore;
import dev.contactcenter.core.calls.TicketService;
import dev.contactcenter.core.calls.TicketStore;
import dev.contactcenter.core.hours.HoursJson;
import dev.contactcenter.core.http.ApiException;
import dev.contactcenter.core.http.ApiResponse;
import dev.contactcenter.core.http.Router;
import dev.contactcenter.core.idempotency.IdempotencyStore;
import dev.contactcenter.core.idempotency.IdempotentRequest;
import dev.contactcenter.core.menu.MenuHours;
import dev.contactcenter.core.menu.MenuStore;
import dev.contactcenter.core.queue.ContactWaits;
import dev.contactcenter.core.queue.NewContactEstimates;
import dev.contactcenter.core.queue.QueueEventService;
import dev.contactcenter.core.queue.QueueStore;
import dev.contactcenter.core.snapstart.Priming;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.store.Transactions;
import dev.contactcenter.core.tenant.TenantStore;
import dev.contactcenter.core.waittimes.AccuracyStore;
import java.time.Instant;

/** Call-backs (/calls) and the tickets they pop (/tickets). */
public final class CreateCallback implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private static final String CALL = "/apps/api/v1/calls/{id}";
    private static final String TICKET = "/apps/api/v1/tickets/{id}";
    private static final String CANCEL = "/apps/api/v1/calls/scheduled/{id}/cancel";
    private static final String CANCEL_ALL = "/apps/api/v1/calls/scheduled/cancel";
    private static final String SLOTS = "/apps/api/v1/menus/{id}/callback_slots";

    private final Router router;

    public CreateCallback() {
        this(Backend.fromEnvironment());
        Priming.register(this, "GET", CallCreation.CALLS, null);
    }

    public CreateCallback(Backend backend) {
        // every object this function needs, built once: one store of each kind, one queue-event service
        Transactions transactions = new Transactions(backend);
        TenantStore tenants = new TenantStore(backend);
        MenuStore menus = new MenuStore(backend);
        CallStore callStore = new CallStore(backend);
        QueueStore queues = new QueueStore(backend);
        NewContactEstimates estimates = new NewContactEstimates(queues);
        QueueEventService queueEvents =
                new QueueEventService(backend, queues, menus, estimates, new AccuracyStore(backend));
        TicketService tickets = new TicketService(backend, new TicketStore(backend), tenants, transactions);
        CallScheduling scheduling =
                new CallScheduling(backend, callStore, tickets, menus, new MenuHours(menus), tenants, transactions);
        CallCreation creation = new CallCreation(
                backend,
                new LibPhoneNumbers(),
                callStore,
                tickets,
                menus,
                tenants,
                queueEvents,
                estimates,
                new IdempotentRequest(new IdempotencyStore(backend)),
                transactions,
                scheduling);
        CallLifecycle calls = new CallLifecycle(
                backend,
                callStore,
                tickets,
                menus,
                tenants,
                queueEvents,
                transactions,
                new ContactWaits(backend, queues, menus));
        this.router = new Router()
                .route(
                        "POST",
                        CallCreation.CALLS,
                        r -> creation.create(r.tenantId(), r.jsonObject(), r.header(IdempotentRequest.HEADER)))
                .route(
                        "GET",
                        CallCreation.CALLS,
                        r -> ApiResponse.ok(calls.list(
                                r.tenantId(),
                                r.query("status").map(CreateCallback::status),
                                r.query("menu_id").map(CreateCallback::menuId),
                                r.query("from").map(v -> instant("from", v, false)),
                                r.query("to").map(v -> instant("to", v, false)),
                                r.query("limit").map(CreateCallback::limit).orElse(25),
                                r.query("cursor"))))
                .route("GET", CALL, r -> ApiResponse.ok(calls.get(r.tenantId(), r.pathId("id"))))
                .route("PATCH", CALL, r -> {
                    ObjectNode body = r.jsonObject();
                    // a new scheduled_at moves the promise; a status moves the call along its lifecycle
                    return ApiResponse.ok(
                            body.has(CallScheduling.SCHEDULED_AT) && body.size() == 1
                                    ? scheduling.reschedule(
                                            r.tenantId(),
                                            r.pathId("id"),
                                            instant(
                                                    CallScheduling.SCHEDULED_AT,
                                                    body.get(CallScheduling.SCHEDULED_AT)
                                                            .asText(),
                                                    true))
                                    : calls.move(r.tenantId(), r.pathId("id"), body));
                })
                .route(
                        "PATCH",
                        CANCEL,
                        r -> calls.cancel(r.tenantId(), r.pathId("id"))
                                .map(ApiResponse::ok)
                                .orElseGet(ApiResponse::noContent))
                .route("PATCH", CANCEL_ALL, r -> ApiResponse.ok(calls.cancelAll(r.tenantId(), r.jsonObject())))
                .route(
                        "GET",
                        SLOTS,
                        r -> ApiResponse.ok(scheduling.slots(
                                r.tenantId(),
                                r.pathId("id"),
                                r.query("from").map(v -> instant("from", v, false)),
                                r.query("to").map(v -> instant("to", v, false)))))
                .route("GET", TICKET, r -> ApiResponse.ok(tickets.get(r.tenantId(), r.pathParameter("id"))))
                .route(
                        "PATCH",
                        TICKET,
                        r -> ApiResponse.ok(tickets.change(r.tenantId(), r.pathParameter("id"), r.jsonObject())));
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return router.handle(event);
    }

    /** An ISO-8601 instant with offset: 422 in a body, 400 in a query. */
    private static Instant instant(String field, String value, boolean inBody) {
        return HoursJson.instant(value).orElseThrow(() -> {
            String detail =
                    "'" + field + "' must be an ISO-8601 date-time with an offset, such as 2026-12-01T09:30:00-05:00.";
            return inBody ? ApiException.unprocessable(field, detail) : ApiException.badRequest(field, detail);
        });
    }

    private static CallStatus status(String value) {
        return CallStatus.fromWire(value)
                .orElseThrow(() -> ApiException.badRequest(
                        "status", "'status' must be one of: " + String.join(", ", CallStatus.WIRE_NAMES) + "."));
    }

    private static long menuId(String value) {
        if (!value.matches("[1-9][0-9]{0,15}")) {
            throw ApiException.badRequest("menu_id", "'menu_id' must be a menu id.");
        }
        return Long.parseLong(value);
    }

    private static int limit(String value) {
        if (!value.matches("[0-9]{1,3}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > 100) {
            throw ApiException.badRequest("limit", "'limit' must be an integer from 1 to 100.");
        }
        return Integer.parseInt(value);
    }
}
