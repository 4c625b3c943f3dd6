package dev.contactcenter.core.snapstart;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.contactcenter.core.auth.Scope;
import dev.contactcenter.core.http.AuthContext;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * SnapStart priming. Lambda snapshots a function's JVM after init; whatever {@code beforeCheckpoint} ran
 * is then loaded, initialized and connected in every environment restored from it. Each function
 * registers its request path here (from its no-argument, Lambda-only constructor), run against
 * {@link #TENANT}, a tenant that cannot exist: priming reads nothing and writes nothing of any tenant.
 * <p>
 * Nothing unique is captured: priming keeps no response, id, timestamp or random seed, so
 * {@code afterRestore} has nothing to re-create. A connection kept alive from priming may be dead after
 * a restore; the SDK retries such a request on a fresh one.
 */
public final class Priming implements Resource {
    /** Tenant ids are subdomains (lowercase letters, digits, '-'): no tenant can have this one. */
    public static final String TENANT = "~snapstart-priming";

    /** CRaC holds resources weakly: these stay registered for the life of the environment. */
    private static final List<Priming> REGISTERED = new CopyOnWriteArrayList<>();

    private final Runnable prime;

    private Priming(Runnable prime) {
        this.prime = prime;
    }

    public static void register(Runnable prime) {
        Priming priming = new Priming(prime);
        REGISTERED.add(priming);
        Core.getGlobalContext().register(priming);
    }

    /**
     * Primes an API function with one request of the priming tenant (every scope, each path parameter 1).
     * A 5xx answer fails the checkpoint: the function would otherwise publish with an unprimed snapshot.
     */
    public static void register(RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler,
                                String method, String resource, String body) {
        register(() -> {
            int status = handler.handleRequest(request(method, resource, body), null).getStatusCode();
            if (status >= 500) {
                throw new IllegalStateException("priming " + method + " " + resource + " answered " + status);
            }
        });
    }

    /** What a restore would run before the first request; for tests of the priming requests. */
    public static List<Resource> registered() {
        return List.copyOf(REGISTERED);
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
        Map<String, Object> authorizer = Map.of(AuthContext.TENANT_ID, TENANT, AuthContext.KEY_ID, "ak_snapstart_priming",
                AuthContext.SCOPES, Scope.join(Scope.all()));
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext()
                .withRequestId("snapstart-priming");
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

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime.run();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing unique was captured (see the class comment)
    }
}
