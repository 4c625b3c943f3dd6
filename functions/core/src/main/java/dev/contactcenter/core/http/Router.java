package dev.contactcenter.core.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.contactcenter.core.domain.KeyKind;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;

/**
 * The shared request pipeline of every API function: find the route, check the key's scope for it,
 * run it, and map every failure to a problem document. One structured log line per request.
 */
public final class Router {
    private final Map<String, Function<ApiRequest, ApiResponse>> routes = new LinkedHashMap<>();
    private final RequestLog log;

    public Router(RequestLog log) {
        this.log = log;
    }

    public Router() {
        this(RequestLog.STDOUT);
    }

    /** Registers a route by method and resource template exactly as template.yaml names them. */
    public Router route(String method, String resource, Function<ApiRequest, ApiResponse> route) {
        if (RouteAccess.find(method, resource).isEmpty()) {
            throw new IllegalArgumentException("No access rule for " + method + " " + resource);
        }
        routes.put(key(method, resource), route);
        return this;
    }

    public Map<String, Function<ApiRequest, ApiResponse>> routes() {
        return routes;
    }

    public APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
        long started = System.nanoTime();
        ApiRequest request = new ApiRequest(event);
        ApiResponse response = BrowserAccess.withCors(request, dispatch(request));
        log.record(request, response.status(), (System.nanoTime() - started) / 1_000_000.0);
        return response.toEvent();
    }

    ApiResponse dispatch(ApiRequest request) {
        try {
            Function<ApiRequest, ApiResponse> route = routes.get(key(request.method(), request.resource()));
            if (route == null) {
                throw ApiException.notFound("No route " + request.method() + " " + request.resource() + ".");
            }
            if (RouteAccess.isAnonymous(request.method(), request.resource())) {
                return route.apply(request);
            }
            request.tenantId();
            BrowserAccess.check(request);
            Optional<RouteAccess.Rule> rule = RouteAccess.find(request.method(), request.resource());
            // a publishable key has no scopes: BrowserAccess has already limited it to the browser routes
            boolean publishable = request.keyKind() == KeyKind.PUBLISHABLE;
            if (rule.isEmpty() || !publishable && !RouteAccess.allows(request.scopes(), rule.get())) {
                throw ApiException.forbidden("This API key lacks the scope '"
                        + rule.map(r -> r.scope().wireName()).orElse("?") + "' that this route needs.");
            }
            return route.apply(request);
        } catch (ApiException e) {
            return ApiResponse.problem(e);
        } catch (SdkClientException | SdkServiceException e) {
            if (isTransient(e)) {
                // the SDK already retried with backoff; the client should come back shortly
                return ApiResponse.problem(new ApiException(
                        503,
                        "Service Unavailable",
                        "Storage is busy; retry the request shortly.",
                        java.util.List.of(),
                        Map.of("Retry-After", "1"),
                        null));
            }
            log.failure(request, e);
            return internalError();
        } catch (RuntimeException e) {
            log.failure(request, e);
            return internalError();
        }
    }

    private static boolean isTransient(RuntimeException e) {
        if (e instanceof SdkClientException) {
            return true;
        }
        SdkServiceException service = (SdkServiceException) e;
        return service.isThrottlingException()
                || service.statusCode() >= 500
                || e instanceof ProvisionedThroughputExceededException
                || e instanceof RequestLimitExceededException;
    }

    private static ApiResponse internalError() {
        return ApiResponse.problem(new ApiException(
                500, "Internal Server Error", "The request could not be completed. It has been logged."));
    }

    private static String key(String method, String resource) {
        return method.toUpperCase() + " " + resource;
    }
}
