package dev.contactcenter.settings;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.contactcenter.core.auth.PublishableKeyService;
import dev.contactcenter.core.domain.PublishableKey;
import dev.contactcenter.core.http.ApiResponse;
import dev.contactcenter.core.http.Router;
import dev.contactcenter.core.settings.SettingsService;
import dev.contactcenter.core.snapstart.Priming;
import dev.contactcenter.core.store.Backend;

/** GET and PATCH (JSON merge patch) of the tenant's settings, and its publishable keys (browser widgets). */
public final class Settings implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private static final String RESOURCE = "/apps/api/v1/settings";
    private static final String PUBLISHABLE_KEYS = "/apps/api/v1/publishable_keys";
    private final Router router;

    public Settings() {
        this(Backend.fromEnvironment());
        Priming.register(this, "GET", RESOURCE, null);
    }

    public Settings(Backend backend) {
        SettingsService settings = new SettingsService(backend);
        PublishableKeyService publishableKeys = new PublishableKeyService(backend);
        this.router = new Router()
                .route("GET", RESOURCE, r -> ApiResponse.ok(settings.get(r.tenantId())))
                .route("PATCH", RESOURCE, r -> ApiResponse.ok(settings.patch(r.tenantId(), r.jsonObject())))
                .route("POST", PUBLISHABLE_KEYS, r -> {
                    PublishableKey key = publishableKeys.create(r.tenantId(), r.jsonObject());
                    return ApiResponse.created(PublishableKeyService.toJson(key), PUBLISHABLE_KEYS + "/" + key.keyId());
                })
                .route(
                        "GET",
                        PUBLISHABLE_KEYS,
                        r -> ApiResponse.ok(PublishableKeyService.toJson(publishableKeys.list(r.tenantId()))))
                .route("DELETE", PUBLISHABLE_KEYS + "/{id}", r -> {
                    publishableKeys.revoke(r.tenantId(), r.pathParameter("id"));
                    return ApiResponse.noContent();
                });
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return router.handle(event);
    }
}
