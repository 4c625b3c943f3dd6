package dev.contactcenter.routing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.contactcenter.core.http.ApiResponse;
import dev.contactcenter.core.http.Router;
import dev.contactcenter.core.menu.MenuStore;
import dev.contactcenter.core.mobileapps.MobileAppStore;
import dev.contactcenter.core.routing.DialZeroRouting;
import dev.contactcenter.core.routing.MobileRoutingService;
import dev.contactcenter.core.snapstart.Priming;
import dev.contactcenter.core.store.Backend;

/**
 * The Multiple Mobile Apps routing decisions the SDK, the telephony routing and the agent adapter ask
 * for. Its own function because it only reads: its role gets no write and no KMS permission.
 */
public final class MobileRouting implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    /** {id} as on the sibling /mobile_apps/{id} routes: API Gateway allows one variable name per path level. */
    private static final String APP = "/apps/api/v1/mobile_apps/{id}";

    private final MobileRoutingService routing;
    private final Router router;

    public MobileRouting() {
        this(Backend.fromEnvironment());
        Priming.register(this, "GET", APP + "/transfer_destinations", null);
    }

    public MobileRouting(Backend backend) {
        this.routing = new MobileRoutingService(backend);
        DialZeroRouting dialZero = new DialZeroRouting(new MenuStore(backend), new MobileAppStore(backend));
        this.router = new Router()
                .route(
                        "POST",
                        APP + "/call_route",
                        r -> ApiResponse.ok(routing.callRoute(r.tenantId(), r.pathId("id"), r.jsonObject())))
                .route(
                        "POST",
                        "/apps/api/v1/mobile_apps/pstn_inbound",
                        r -> ApiResponse.ok(routing.pstnInbound(r.tenantId(), r.jsonObject())))
                .route(
                        "POST",
                        "/apps/api/v1/transfers/check",
                        r -> ApiResponse.ok(routing.checkTransfer(r.tenantId(), r.jsonObject())))
                .route(
                        "GET",
                        APP + "/transfer_destinations",
                        r -> ApiResponse.okJson(routing.transferDestinations(r.tenantId(), r.pathId("id"))))
                .route(
                        "GET",
                        APP + "/sms_link",
                        r -> ApiResponse.ok(
                                routing.smsLink(r.tenantId(), r.pathId("id"), r.query("kind"), r.query("platform"))))
                .route(
                        "POST",
                        "/apps/api/v1/ivr/dial_zero",
                        r -> ApiResponse.ok(dialZero.target(r.tenantId(), r.jsonObject())));
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return router.handle(event);
    }
}
