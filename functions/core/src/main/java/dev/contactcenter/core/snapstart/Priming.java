package dev.contactcenter.core.snapstart;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.contactcenter.core.aws.Checkpoints;
import dev.contactcenter.core.domain.Scope;
import dev.contactcenter.core.http.AuthContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.crac.Resource;

/**
 * SnapStart priming of an API function: one request of {@link #TENANT}, a tenant that cannot exist, run in
 * {@code beforeCheckpoint} (see {@link Checkpoints}): priming reads nothing and writes nothing of any tenant.
 * Each function registers its request path here from its no-argument, Lambda-only constructor.
 */
public final class Priming {
    public static final String TENANT = Checkpoints.PRIMING_TENANT;

    private Priming() {}

    public static void register(Runnable prime) {
        Checkpoints.register(prime);
    }

    /**
     * Primes an API function with one request of the priming tenant (every scope, each path parameter 1).
     * A 5xx answer fails the checkpoint: the function would otherwise publish with an unprimed snapshot.
     */
    public static void register(
            RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler,
            String method,
            String resource,
            String body) {
        register(() -> {
            int status =
                    handler.handleRequest(request(method, resource, body), null).getStatusCode();
            if (status >= 500) {
                throw new IllegalStateException("priming " + method + " " + resource + " answered " + status);
            }
        });
    }

    /** What a restore would run before the first request; for tests of the priming requests. */
    public static List<Resource> registered() {
        return Checkpoints.registered();
    }

    static APIGatewayProxyRequestEvent request(String method, String resource, String body) {
        Map<String, String> pathParameters = new HashMap<>();
        StringBuilder path = new StringBuilder();
        for (String segment : resource.substring(1).split("/")) {
            boolean parameter = segment.startsWith("{") && segment.endsWith("}");
            if (parameter) {
                pathParameters.put(segment.substring(1, segment.length() - 1), "1");
            }
            path.append('/').append(parameter ? "1" : segment);
        }
        Map<String, Object> authorizer = Map.of(
                AuthContext.TENANT_ID,
                TENANT,
                AuthContext.KEY_ID,
                "ak_snapstart_priming",
                AuthContext.SCOPES,
                Scope.join(Scope.all()));
        APIGatewayProxyRequestEvent.ProxyRequestContext context =
                new APIGatewayProxyRequestEvent.ProxyRequestContext().withRequestId("snapstart-priming");
        context.setAuthorizer(authorizer);
        return new APIGatewayProxyRequestEvent()
                .withHttpMethod(method)
                .withResource(resource)
                .withPath(path.toString())
                .withHeaders(Map.of("Content-Type", "application/json"))
                .withPathParameters(pathParameters)
                .withBody(body)
                .withRequestContext(context);
    }
}
