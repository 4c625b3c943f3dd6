package dev.contactcenter.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.testkit.TemplateRoutes;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The template's resources and methods, each bound to one handler instance per function, as Lambda keeps one warm. */
final class RouteTable {
    /** A function's handler and its logical id (the Lambda function name in the template). */
    record Function(String id, RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler) {}

    /** A request path matched to a resource template, with its path parameters and the methods it serves. */
    record Match(String resource, Map<String, String> pathParameters, Map<String, Function> methods) {}

    private final Map<String, Map<String, Function>> resources = new LinkedHashMap<>();
    /** "METHOD resource" -> the authorizer guarding it, as the template names it. */
    private final Map<String, String> authorizers = new HashMap<>();

    RouteTable(TemplateRoutes template, Backend backend) {
        Map<String, Function> functions = new HashMap<>();
        for (TemplateRoutes.Route route : template.routes()) {
            Function function = functions.computeIfAbsent(
                    route.functionId(),
                    id -> new Function(
                            id, instantiate(id, route.handlerClass(), new Class<?>[] {Backend.class}, backend)));
            resources.computeIfAbsent(route.path(), p -> new LinkedHashMap<>()).put(route.method(), function);
            authorizers.put(route.method() + " " + route.path(), route.authorizer());
        }
    }

    String authorizer(String method, String resource) {
        return authorizers.get(method + " " + resource);
    }

    int size() {
        return resources.values().stream().mapToInt(Map::size).sum();
    }

    Map<String, Map<String, Function>> resources() {
        return resources;
    }

    /** Like API Gateway, a literal segment wins over a {parameter} segment. */
    Optional<Match> match(String path) {
        String[] segments = path.split("/", -1);
        Match best = null;
        for (Map.Entry<String, Map<String, Function>> resource : resources.entrySet()) {
            Map<String, String> parameters = bind(resource.getKey().split("/", -1), segments);
            if (parameters != null
                    && (best == null
                            || parameters.size() < best.pathParameters().size())) {
                best = new Match(resource.getKey(), parameters, resource.getValue());
            }
        }
        return Optional.ofNullable(best);
    }

    private static Map<String, String> bind(String[] template, String[] segments) {
        if (template.length != segments.length) {
            return null;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            if (t.startsWith("{") && t.endsWith("}") && !segments[i].isEmpty()) {
                parameters.put(t.substring(1, t.length() - 1), segments[i]);
            } else if (!t.equals(segments[i])) {
                return null;
            }
        }
        return parameters;
    }

    /** A handler class named by the template, built with the constructor the local runtime and tests use. */
    @SuppressWarnings("unchecked")
    static <T> T instantiate(String functionId, String handlerClass, Class<?>[] parameterTypes, Object... args) {
        try {
            return (T)
                    Class.forName(handlerClass).getConstructor(parameterTypes).newInstance(args);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(
                    "template.yaml names " + handlerClass + " for " + functionId
                            + ", which is not in the local runtime: add its function module as a dependency of infra/local/pom.xml.",
                    e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    handlerClass + " (" + functionId + ") has no public constructor " + Arrays.toString(parameterTypes)
                            + ".",
                    e);
        }
    }
}
