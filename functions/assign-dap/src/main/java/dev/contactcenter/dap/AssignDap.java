package dev.contactcenter.dap;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.contactcenter.core.dap.DapJson;
import dev.contactcenter.core.dap.DapResolver;
import dev.contactcenter.core.dap.DapService;
import dev.contactcenter.core.dap.DirectAccessPoint;
import dev.contactcenter.core.http.ApiRequest;
import dev.contactcenter.core.http.ApiResponse;
import dev.contactcenter.core.http.Router;
import dev.contactcenter.core.snapstart.Priming;
import dev.contactcenter.core.store.Backend;

/** Direct access points: assign menus to mobile apps, user segments or general entry points, and evaluate them. */
public final class AssignDap implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    /** {id} is the menu: API Gateway allows one variable name per path level, and /menus/{id} exists. */
    private static final String ON_MENU = "/apps/api/v1/menus/{id}/direct_access_points";

    private final DapService daps;
    private final DapResolver resolver;
    private final Router router;

    public AssignDap() {
        this(Backend.fromEnvironment());
        Priming.register(this, "GET", "/apps/api/v1/direct_access_points", null);
    }

    public AssignDap(Backend backend) {
        this.daps = new DapService(backend);
        this.resolver = new DapResolver(backend);
        this.router = new Router()
                .route("POST", ON_MENU, this::create)
                .route(
                        "GET",
                        "/apps/api/v1/direct_access_points",
                        r -> ApiResponse.ok(DapJson.list(daps.list(r.tenantId()))))
                .route("DELETE", ON_MENU + "/{dap_id}", r -> {
                    daps.delete(r.tenantId(), r.pathId("id"), r.pathId("dap_id"));
                    return ApiResponse.noContent();
                })
                .route(
                        "POST",
                        "/apps/api/v1/direct_access_points/resolve",
                        r -> ApiResponse.ok(
                                resolver.resolve(r.tenantId(), r.jsonObject()).toJson()));
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return router.handle(event);
    }

    private ApiResponse create(ApiRequest r) {
        long menuId = r.pathId("id");
        DirectAccessPoint dap = daps.create(r.tenantId(), menuId, r.jsonObject());
        return ApiResponse.created(
                DapJson.toJson(dap), "/apps/api/v1/menus/" + menuId + "/direct_access_points/" + dap.id());
    }
}
