package dev.contactcenter.mobileapps;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.contactcenter.core.crypto.KeyWrapper;
import dev.contactcenter.core.crypto.KmsKeyWrapper;
import dev.contactcenter.core.crypto.LocalKeyWrapper;
import dev.contactcenter.core.dap.DapStore;
import dev.contactcenter.core.http.ApiException;
import dev.contactcenter.core.http.ApiRequest;
import dev.contactcenter.core.http.ApiResponse;
import dev.contactcenter.core.http.Router;
import dev.contactcenter.core.mobileapps.AppMessageService;
import dev.contactcenter.core.mobileapps.MobileApp;
import dev.contactcenter.core.mobileapps.MobileAppJson;
import dev.contactcenter.core.mobileapps.MobileAppScope;
import dev.contactcenter.core.mobileapps.MobileAppService;
import dev.contactcenter.core.snapstart.Priming;
import dev.contactcenter.core.store.Backend;
import java.util.Arrays;
import java.util.Optional;

/** The /mobile_apps resource: register, edit, activate and remove mobile apps; their messages; the SDK's config. */
public final class RegisterMobileApp
        implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private static final String COLLECTION = "/apps/api/v1/mobile_apps";
    private static final String ITEM = COLLECTION + "/{id}";
    private static final String MESSAGES = ITEM + "/messages/{lang}";

    private final MobileAppService apps;
    private final MobileAppScope scope;
    private final AppMessageService messages;
    private final Router router;

    /** Lambda: push credentials' data keys wrapped by the KMS key in KMS_KEY_ID. */
    public RegisterMobileApp() {
        this(Backend.fromEnvironment(), KmsKeyWrapper.fromEnvironment());
        Priming.register(this, "GET", COLLECTION, null);
    }

    /** Local runtime: data keys wrapped by the local key (LOCAL_WRAPPING_KEY or one for this process). */
    public RegisterMobileApp(Backend backend) {
        this(backend, LocalKeyWrapper.fromEnvironment());
    }

    public RegisterMobileApp(Backend backend, KeyWrapper keys) {
        this.apps = new MobileAppService(backend, keys, new DapStore(backend));
        this.scope = new MobileAppScope(backend);
        this.messages = new AppMessageService(backend);
        this.router = new Router()
                .route("POST", COLLECTION, this::create)
                .route("GET", COLLECTION, this::list)
                .route("GET", ITEM, r -> ApiResponse.ok(MobileAppJson.toJson(apps.get(r.tenantId(), r.pathId("id")))))
                .route(
                        "PATCH",
                        ITEM,
                        r -> ApiResponse.ok(
                                MobileAppJson.toJson(apps.patch(r.tenantId(), r.pathId("id"), r.jsonObject()))))
                .route("DELETE", ITEM, r -> {
                    apps.delete(r.tenantId(), r.pathId("id"));
                    return ApiResponse.noContent();
                })
                .route(
                        "POST",
                        ITEM + "/activate",
                        r -> ApiResponse.ok(MobileAppJson.toJson(apps.setActive(r.tenantId(), r.pathId("id"), true))))
                .route(
                        "POST",
                        ITEM + "/deactivate",
                        r -> ApiResponse.ok(MobileAppJson.toJson(apps.setActive(r.tenantId(), r.pathId("id"), false))))
                .route("GET", COLLECTION + "/sdk_config", this::sdkConfig)
                .route(
                        "GET",
                        MESSAGES,
                        r -> ApiResponse.ok(messages.get(r.tenantId(), r.pathId("id"), r.pathParameter("lang"))
                                .toJson()))
                .route(
                        "PUT",
                        MESSAGES,
                        r -> ApiResponse.ok(
                                messages.put(r.tenantId(), r.pathId("id"), r.pathParameter("lang"), r.jsonObject())
                                        .toJson()));
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return router.handle(event);
    }

    private ApiResponse create(ApiRequest r) {
        MobileApp app = apps.create(r.tenantId(), r.jsonObject());
        return ApiResponse.created(MobileAppJson.toJson(app), COLLECTION + "/" + app.id());
    }

    private ApiResponse list(ApiRequest r) {
        Optional<MobileApp.Status> status = r.query("status")
                .map(v -> MobileApp.Status.fromWire(v)
                        .orElseThrow(() -> ApiException.badRequest(
                                "status",
                                "'status' must be one of: "
                                        + String.join(
                                                ", ",
                                                Arrays.stream(MobileApp.Status.values())
                                                        .map(MobileApp.Status::wireName)
                                                        .toList())
                                        + ".")));
        return ApiResponse.ok(MobileAppJson.list(apps.list(r.tenantId(), status)));
    }

    private ApiResponse sdkConfig(ApiRequest r) {
        String identifier = r.header(MobileAppScope.HEADER)
                .filter(v -> !v.isBlank())
                .orElseThrow(() -> ApiException.badRequest(
                        MobileAppScope.HEADER,
                        "The " + MobileAppScope.HEADER + " header (the app's bundle id or package name) is required."));
        return ApiResponse.ok(MobileAppScope.sdkConfig(scope.resolve(r.tenantId(), identifier)));
    }
}
