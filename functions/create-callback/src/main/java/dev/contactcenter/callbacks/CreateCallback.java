package dev.contactcenter.callbacks;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.contactcenter.core.calls.CallService;
import dev.contactcenter.core.calls.CallStatus;
import dev.contactcenter.core.http.ApiException;
import dev.contactcenter.core.http.ApiRequest;
import dev.contactcenter.core.http.ApiResponse;
import dev.contactcenter.core.http.Router;
import dev.contactcenter.core.snapstart.Priming;
import dev.contactcenter.core.store.Backend;


/** Call-backs (/calls) and the tickets they pop (/tickets). */
public final class CreateCallback implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private static final String CALL = "/apps/api/v1/calls/{id}";
    private static final String TICKET = "/apps/api/v1/tickets/{id}";

    private final Router router;

    public CreateCallback() {
        this(Backend.fromEnvironment());
        Priming.register(this, "GET", CallService.CALLS, null);
    }

    public CreateCallback(Backend backend) {
        CallService calls = new CallService(backend, new LibPhoneNumbers());
        this.router = new Router()
                .route("POST", CallService.CALLS, r -> calls.create(r.tenantId(), r.jsonObject(), r.header("Idempotency-Key")))
                .route("GET", CallService.CALLS, r -> ApiResponse.ok(calls.list(r.tenantId(),
                        r.query("status").map(CreateCallback::status), r.query("menu_id").map(CreateCallback::menuId),
                        r.query("limit").map(CreateCallback::limit).orElse(25), r.query("cursor"))))
                .route("GET", CALL, r -> ApiResponse.ok(calls.get(r.tenantId(), r.pathId("id"))))
                .route("PATCH", CALL, r -> ApiResponse.ok(calls.move(r.tenantId(), r.pathId("id"), r.jsonObject())))
                .route("GET", TICKET, r -> ApiResponse.ok(calls.ticket(r.tenantId(), r.pathParameter("id"))))
                .route("PATCH", TICKET, r -> ApiResponse.ok(calls.changeTicket(r.tenantId(), r.pathParameter("id"), r.jsonObject())));
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return router.handle(event);
    }

    private static CallStatus status(String value) {
        return CallStatus.fromWire(value).orElseThrow(() -> ApiException.badRequest("status",
                "'status' must be one of: " + String.join(", ", CallStatus.WIRE_NAMES) + "."));
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
