package dev.contactcenter.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.contactcenter.core.http.AuthContext;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What API Gateway does with a request, in its order: match a resource and method, run the authorizer,
 * apply the usage plan's throttle, then invoke the function with a REST proxy event and return its
 * response.
 */
final class GatewayHandler {
    static final String STAGE = "local";

    private final RouteTable routes;
    private final Map<String, GatewayAuthorizer> authorizers;
    private final UsagePlanThrottle throttle;
    private final GatewayTemplate template;

    GatewayHandler(
            RouteTable routes,
            Map<String, GatewayAuthorizer> authorizers,
            UsagePlanThrottle throttle,
            GatewayTemplate template) {
        this.routes = routes;
        this.authorizers = authorizers;
        this.throttle = throttle;
        this.template = template;
    }

    /** Answers one request; a function's failure is API Gateway's 502, never an escaped exception. */
    APIGatewayProxyResponseEvent handle(LocalRequest request, String requestId) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach((name, values) -> headers.put(name, values.get(values.size() - 1)));
        try {
            return route(request, headers, requestId);
        } catch (RuntimeException e) {
            // a function (or the authorizer) failed: API Gateway answers 502 (500 for the authorizer); both are server
            // faults
            System.err.println("Request " + requestId + " failed:");
            e.printStackTrace();
            return template.respond(
                    "DEFAULT_5XX",
                    502,
                    "The function failed; see the local runtime's output for request " + requestId + ".",
                    headers);
        }
    }

    private APIGatewayProxyResponseEvent route(LocalRequest request, Map<String, String> headers, String requestId) {
        String method = request.method().toUpperCase();
        String path;
        Map<String, List<String>> query;
        try {
            path = PercentDecoding.decode(request.rawPath(), false);
        } catch (IllegalArgumentException e) {
            return malformedUrl("The path is not a valid URL path: " + e.getMessage() + ".", headers);
        }
        try {
            query = query(request.rawQuery());
        } catch (IllegalArgumentException e) {
            return malformedUrl("The query string is not valid: " + e.getMessage() + ".", headers);
        }
        // API Gateway answers a method and path no route serves with this type (named after IAM signatures)
        Optional<RouteTable.Match> match = routes.match(path);
        RouteTable.Function function = match.map(m -> m.methods().get(method)).orElse(null);
        if (function == null) {
            return template.respond("MISSING_AUTHENTICATION_TOKEN", 403, "Missing Authentication Token", headers);
        }

        // a route without an authorizer has no API key either, so no usage plan applies to it
        GatewayAuthorizer authorizer =
                authorizers.get(routes.authorizer(method, match.get().resource()));
        Map<String, Object> authContext = null;
        if (authorizer != null) {
            GatewayAuthorizer.Outcome auth =
                    authorizer.authorize(method, match.get().resource(), path, headers);
            switch (auth.verdict()) {
                case UNAUTHORIZED -> {
                    return template.respond("UNAUTHORIZED", 401, "Unauthorized", headers);
                }
                case FORBIDDEN -> {
                    return template.respond(
                            "ACCESS_DENIED",
                            403,
                            "User is not authorized to access this resource with an explicit deny",
                            headers);
                }
                case ALLOW -> {}
            }
            String usageKey = auth.usageKey() != null
                    ? auth.usageKey()
                    : String.valueOf(auth.context().get(AuthContext.TENANT_ID));
            OptionalLong retryAfter = throttle.acquire(usageKey);
            if (retryAfter.isPresent()) {
                APIGatewayProxyResponseEvent throttled =
                        template.respond("THROTTLED", 429, "Too Many Requests", headers);
                throttled.getHeaders().put("Retry-After", Long.toString(retryAfter.getAsLong()));
                return throttled;
            }
            authContext = auth.context();
        }

        APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent()
                .withResource(match.get().resource())
                .withPath(path)
                .withHttpMethod(method)
                .withHeaders(headers)
                .withMultiValueHeaders(request.headers())
                .withPathParameters(
                        match.get().pathParameters().isEmpty()
                                ? null
                                : match.get().pathParameters());
        if (!query.isEmpty()) {
            Map<String, String> single = new LinkedHashMap<>();
            query.forEach((name, values) -> single.put(name, values.get(values.size() - 1)));
            event.setQueryStringParameters(single);
            event.setMultiValueQueryStringParameters(query);
        }
        body(request.body(), event);
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext();
        context.setRequestId(requestId);
        context.setStage(STAGE);
        context.setApiId("local");
        context.setAccountId("000000000000");
        context.setHttpMethod(method);
        context.setResourcePath(match.get().resource());
        context.setPath(path);
        context.setRequestTimeEpoch(System.currentTimeMillis());
        context.setAuthorizer(authContext);
        event.setRequestContext(context);
        APIGatewayProxyResponseEvent response =
                function.handler().handleRequest(event, new LocalContext(function.id(), requestId));
        if (response == null || response.getStatusCode() == null) {
            throw new IllegalStateException(function.id() + " returned no status code");
        }
        return response;
    }

    /** A bad %-escape in the path or query: API Gateway never calls a function with it. */
    private APIGatewayProxyResponseEvent malformedUrl(String message, Map<String, String> headers) {
        return template.respond("BAD_REQUEST_PARAMETERS", 400, message, headers);
    }

    /** Every value of each name, in order (API Gateway passes the last one too, as the single-value map). */
    private static Map<String, List<String>> query(String rawQuery) {
        Map<String, List<String>> multi = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return multi;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String rawName = eq < 0 ? pair : pair.substring(0, eq);
            String name;
            try {
                name = PercentDecoding.decode(rawName, true);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("parameter name '" + rawName + "': " + e.getMessage());
            }
            String value;
            try {
                value = eq < 0 ? "" : PercentDecoding.decode(pair.substring(eq + 1), true);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("parameter '" + name + "': " + e.getMessage());
            }
            multi.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return multi;
    }

    /** UTF-8 text as is; anything else base64-encoded, as API Gateway does for binary payloads. */
    private static void body(byte[] raw, APIGatewayProxyRequestEvent event) {
        if (raw.length == 0) {
            event.setIsBase64Encoded(false);
            return;
        }
        try {
            event.setBody(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw))
                    .toString());
            event.setIsBase64Encoded(false);
        } catch (CharacterCodingException e) {
            event.setBody(Base64.getEncoder().encodeToString(raw));
            event.setIsBase64Encoded(true);
        }
    }
}
