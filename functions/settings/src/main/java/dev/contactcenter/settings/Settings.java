package dev.contactcenter.settings;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.contactcenter.core.http.ApiResponse;
import dev.contactcenter.core.http.Router;
import dev.contactcenter.core.settings.SettingsService;
import dev.contactcenter.core.snapstart.Priming;
import dev.contactcenter.core.store.Backend;

/** GET and PATCH (JSON merge patch) of the tenant's settings. */
public final class Settings implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private static final String RESOURCE = "/apps/api/v1/settings";
    private final Router router;

    public Settings() {
        this(Backend.fromEnvironment());
        Priming.register(this, "GET", RESOURCE, null);
    }

    public Settings(Backend backend) {
        SettingsService settings = new SettingsService(backend);
        this.router = new Router()
                .route("GET", RESOURCE, r -> ApiResponse.ok(settings.get(r.tenantId())))
                .route("PATCH", RESOURCE, r -> ApiResponse.ok(settings.patch(r.tenantId(), r.jsonObject())));
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return router.handle(event);
    }
}
