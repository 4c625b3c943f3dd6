package dev.contactcenter.bench.cold;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The cold-start child: {@code java -cp <function>.jar:<this jar> ColdStart <handler class> <event file>}
 * does what Lambda's runtime does at a cold start (no-argument constructor, one event) and prints
 * {@code status=N}. It uses only the JDK and the Lambda event types the function jar already holds, and
 * reads the event from a tab-separated file the bench wrote, so it adds no JSON parsing of its own.
 * {@code --check <handler class>} only loads the class and finds the constructor.
 */
public final class ColdStart {
    private ColdStart() {}

    public static void main(String[] args) throws Exception {
        if (args[0].equals("--check")) {
            Class<?> type = Class.forName(args[1], false, ColdStart.class.getClassLoader());
            if (!RequestHandler.class.isAssignableFrom(type)) {
                throw new IllegalStateException(args[1] + " is not a RequestHandler");
            }
            type.getConstructor();
            System.out.println("status=0");
            return;
        }
        Object handler = Class.forName(args[0]).getConstructor().newInstance();
        System.out.println("status=" + invoke(handler, read(Path.of(args[1]))));
        System.out.flush();
        // the SDK's non-daemon threads must not hold the child: Lambda freezes it here anyway
        System.exit(0);
    }

    /** One event through a handler, as the runtime would pass it; the answer's status (401: the authorizer refused). */
    public static int invoke(Object handler, Map<String, Map<String, String>> event) {
        return event.containsKey("methodArn") ? authorize(handler, event) : proxy(handler, event);
    }

    @SuppressWarnings("unchecked")
    private static int proxy(Object handler, Map<String, Map<String, String>> e) {
        Map<String, Object> authorizer = new HashMap<>(e.getOrDefault("authorizer", Map.of()));
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext()
                .withRequestId("cold-start")
                .withResourcePath(one(e, "resource"));
        context.setAuthorizer(authorizer);
        APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent()
                .withHttpMethod(one(e, "method"))
                .withResource(one(e, "resource"))
                .withPath(one(e, "path"))
                .withHeaders(e.getOrDefault("header", Map.of()))
                .withQueryStringParameters(e.get("query"))
                .withPathParameters(e.get("pathParameter"))
                .withBody(body(e))
                .withRequestContext(context);
        return ((RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>) handler)
                .handleRequest(event, null)
                .getStatusCode();
    }

    @SuppressWarnings("unchecked")
    private static int authorize(Object handler, Map<String, Map<String, String>> e) {
        APIGatewayCustomAuthorizerEvent event = new APIGatewayCustomAuthorizerEvent();
        event.setType("REQUEST");
        event.setMethodArn(one(e, "methodArn"));
        event.setHeaders(e.getOrDefault("header", Map.of()));
        try {
            ((RequestHandler<APIGatewayCustomAuthorizerEvent, Object>) handler).handleRequest(event, null);
            return 200;
        } catch (RuntimeException unauthorized) {
            return 401;
        }
    }

    private static String one(Map<String, Map<String, String>> e, String kind) {
        return e.getOrDefault(kind, Map.of()).get("");
    }

    private static String body(Map<String, Map<String, String>> e) {
        String encoded = one(e, "body");
        return encoded == null ? null : new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    }

    /** Lines of "kind TAB value" (method, resource, path, methodArn, body as Base64) or "kind TAB name TAB value". */
    private static Map<String, Map<String, String>> read(Path file) throws Exception {
        Map<String, Map<String, String>> event = new HashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines) {
            String[] f = line.split("\t", 3);
            event.computeIfAbsent(f[0], k -> new HashMap<>()).put(f.length == 3 ? f[1] : "", f[f.length - 1]);
        }
        return event;
    }
}
