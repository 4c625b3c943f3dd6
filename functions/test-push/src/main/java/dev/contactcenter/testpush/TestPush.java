package dev.contactcenter.testpush;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.contactcenter.core.crypto.KeyWrapper;
import dev.contactcenter.core.crypto.KmsKeyWrapper;
import dev.contactcenter.core.crypto.LocalKeyWrapper;
import dev.contactcenter.core.http.ApiResponse;
import dev.contactcenter.core.http.Router;
import dev.contactcenter.core.snapstart.Priming;
import dev.contactcenter.core.store.Backend;
import java.io.PrintStream;

/**
 * POST /mobile_apps/{id}/test_push: one real notification through APNs or FCM with the app's own
 * credentials, answering with what the provider said. Provider endpoints come from the environment
 * (APNS_*, FCM_*), read once when the handler is built.
 */
public final class TestPush implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    static final String ROUTE = "/apps/api/v1/mobile_apps/{id}/test_push";

    private final TestPushService pushes;
    private final Router router;

    /** Lambda: credentials' data keys unwrapped by KMS (KMS_KEY_ID). */
    public TestPush() {
        this(Backend.fromEnvironment(), KmsKeyWrapper.fromEnvironment(), PushEndpoints.fromEnvironment());
        Priming.register(pushes::prime);
        // SnapStart: the priming tenant has no app 1, so this ends in a 404 before anything is sent
        Priming.register(this, "POST", ROUTE, "{\"platform\": \"android\", \"device_token\": \"priming\"}");
    }

    /** Local runtime: the process's local wrapping key; endpoints from system properties or the environment. */
    public TestPush(Backend backend) {
        this(backend, LocalKeyWrapper.fromEnvironment(), PushEndpoints.fromEnvironment());
    }

    public TestPush(Backend backend, KeyWrapper keys, PushEndpoints endpoints) {
        this(backend, keys, endpoints, System.out);
    }

    TestPush(Backend backend, KeyWrapper keys, PushEndpoints endpoints, PrintStream log) {
        this.pushes = new TestPushService(backend, keys, endpoints, log);
        this.router = new Router()
                .route("POST", ROUTE, r -> ApiResponse.ok(pushes.send(r.tenantId(), r.pathId("id"), r.jsonObject())));
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return router.handle(event);
    }
}
