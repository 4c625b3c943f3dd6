package dev.contactcenter.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.contactcenter.core.http.ApiException;
import dev.contactcenter.core.http.AuthContext;
import dev.contactcenter.core.http.ApiResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
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
import java.util.UUID;

/**
 * What API Gateway does with a request, in its order: match a resource and method, run the authorizer,
 * apply the usage plan's throttle, then invoke the function with a REST proxy event and return its
 * response.
 */
final class GatewayHandler implements HttpHandler {
    static final String STAGE = "local";

    private final RouteTable routes;
    private final Map<String, GatewayAuthorizer> authorizers;
    private final UsagePlanThrottle throttle;
    private final GatewayTemplate template;

    GatewayHandler(RouteTable routes, Map<String, GatewayAuthorizer> authorizers, UsagePlanThrottle throttle, GatewayTemplate template) {
        this.routes = routes;
        this.authorizers = authorizers;
        this.throttle = throttle;
        this.template = template;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString();
        APIGatewayProxyResponseEvent response;
        try {
            response = route(exchange, requestId);
        } catch (RuntimeException e) {
            // a function (or the authorizer) failed: API Gateway answers 502 (500 for the authorizer); both are server faults
            System.err.println("Request " + requestId + " failed:");
            e.printStackTrace();
            response = ApiResponse.problem(new ApiException(502, "Bad Gateway",
                    "The function failed; see the local runtime's output for request " + requestId + ".")).toEvent();
        }
        send(exchange, requestId, response);
    }

    private APIGatewayProxyResponseEvent route(HttpExchange exchange, String requestId) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase();
        String path = exchange.getRequestURI().getPath();
        Map<String, List<String>> multiHeaders = new LinkedHashMap<>();
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            multiHeaders.put(name, List.copyOf(values));
            headers.put(name, values.get(values.size() - 1));
        });
        Optional<RouteTable.Match> match = routes.match(path);
        if (match.isEmpty()) {
            return template.problem("DEFAULT_4XX", ApiException.notFound("No resource at " + path + "."), headers).toEvent();
        }
        RouteTable.Function function = match.get().methods().get(method);
        if (function == null) {
            String allowed = String.join(", ", match.get().methods().keySet());
            return template.problem("DEFAULT_4XX", new ApiException(405, "Method Not Allowed", method + " is not served at "
                    + match.get().resource() + "; allowed: " + allowed + ".", List.of(), Map.of("Allow", allowed), null), headers).toEvent();
        }

        // a route without an authorizer has no API key either, so no usage plan applies to it
        GatewayAuthorizer authorizer = authorizers.get(routes.authorizer(method, match.get().resource()));
        Map<String, Object> authContext = null;
        if (authorizer != null) {
            GatewayAuthorizer.Outcome auth = authorizer.authorize(method, match.get().resource(), path, headers);
            switch (auth.verdict()) {
                case UNAUTHORIZED -> {
                    return template.problem("UNAUTHORIZED", ApiException.unauthorized("Missing or invalid API key credentials."), headers).toEvent();
                }
                case FORBIDDEN -> {
                    return template.problem("ACCESS_DENIED", ApiException.forbidden("These credentials may not be used here."), headers).toEvent();
                }
                case ALLOW -> {
                }
            }
            String usageKey = auth.usageKey() != null ? auth.usageKey() : String.valueOf(auth.context().get(AuthContext.TENANT_ID));
            OptionalLong retryAfter = throttle.acquire(usageKey);
            if (retryAfter.isPresent()) {
                ApiResponse throttled = template.problem("THROTTLED", new ApiException(429, "Too Many Requests", "Rate limit exceeded."), headers);
                return throttled.header("Retry-After", Long.toString(retryAfter.getAsLong())).toEvent();
            }
            authContext = auth.context();
        }

        APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent()
                .withResource(match.get().resource())
                .withPath(path)
                .withHttpMethod(method)
                .withHeaders(headers)
                .withMultiValueHeaders(multiHeaders)
                .withPathParameters(match.get().pathParameters().isEmpty() ? null : match.get().pathParameters());
        query(exchange.getRequestURI().getRawQuery(), event);
        body(exchange.getRequestBody().readAllBytes(), event);
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
        APIGatewayProxyResponseEvent response = function.handler()
                .handleRequest(event, new LocalContext(function.id(), requestId));
        if (response == null || response.getStatusCode() == null) {
            throw new IllegalStateException(function.id() + " returned no status code");
        }
        return response;
    }

    /** Both forms API Gateway passes: the last value of each name, and all of them. */
    private static void query(String rawQuery, APIGatewayProxyRequestEvent event) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return;
        }
        Map<String, List<String>> multi = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            multi.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        Map<String, String> single = new LinkedHashMap<>();
        multi.forEach((name, values) -> single.put(name, values.get(values.size() - 1)));
        event.setQueryStringParameters(single);
        event.setMultiValueQueryStringParameters(multi);
    }

    /** UTF-8 text as is; anything else base64-encoded, as API Gateway does for binary payloads. */
    private static void body(byte[] raw, APIGatewayProxyRequestEvent event) {
        if (raw.length == 0) {
            event.setIsBase64Encoded(false);
            return;
        }
        try {
            event.setBody(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw)).toString());
            event.setIsBase64Encoded(false);
        } catch (CharacterCodingException e) {
            event.setBody(Base64.getEncoder().encodeToString(raw));
            event.setIsBase64Encoded(true);
        }
    }

    private static void send(HttpExchange exchange, String requestId, APIGatewayProxyResponseEvent response) throws IOException {
        var out = exchange.getResponseHeaders();
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((name, values) -> out.put(name, new ArrayList<>(values)));
        }
        if (response.getHeaders() != null) {
            response.getHeaders().forEach(out::set);
        }
        out.set("x-amzn-RequestId", requestId);
        byte[] body = response.getBody() == null ? new byte[0]
                : Boolean.TRUE.equals(response.getIsBase64Encoded()) ? Base64.getDecoder().decode(response.getBody())
                : response.getBody().getBytes(StandardCharsets.UTF_8);
        int status = response.getStatusCode();
        boolean bodyless = status == 204 || status == 304 || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, bodyless || body.length == 0 ? -1 : body.length);
        try (OutputStream stream = exchange.getResponseBody()) {
            if (!bodyless) {
                stream.write(body);
            }
        }
    }
}
