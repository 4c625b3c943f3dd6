package dev.contactcenter.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads template.yaml, the single source of truth for routes: which function (handler class) serves
 * each method and path, and how the authorizer is configured. The local runtime serves exactly these
 * routes and the tests check that every one has a real handler class.
 */
public final class TemplateRoutes {
    /** {@code authorizer}: the name of the API authorizer guarding the route, or {@link #NO_AUTHORIZER}. */
    public record Route(
            String method,
            String path,
            String functionId,
            String handlerClass,
            String handlerMethod,
            String authorizer) {}

    public record AuthorizerConfig(
            String functionId, String handlerClass, List<String> identityHeaders, int ttlSeconds) {}

    /** SAM's name for a route without an authorizer (CORS preflights). */
    public static final String NO_AUTHORIZER = "NONE";

    private final JsonNode resources;
    private final List<Route> routes = new ArrayList<>();
    private final Map<String, AuthorizerConfig> authorizers = new LinkedHashMap<>();
    private final Map<String, String> functionHandlers = new LinkedHashMap<>();
    private final String defaultAuthorizer;

    private TemplateRoutes(JsonNode template) {
        this.resources = template.path("Resources");
        this.defaultAuthorizer = readAuthorizers();
        Iterator<Map.Entry<String, JsonNode>> it = resources.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> resource = it.next();
            if (!"AWS::Serverless::Function"
                    .equals(resource.getValue().path("Type").asText())) {
                continue;
            }
            JsonNode props = resource.getValue().path("Properties");
            String[] handler = props.path("Handler").asText().split("::");
            functionHandlers.put(resource.getKey(), handler[0]);
            Iterator<JsonNode> events = props.path("Events").elements();
            while (events.hasNext()) {
                JsonNode event = events.next();
                if ("Api".equals(event.path("Type").asText())) {
                    JsonNode p = event.path("Properties");
                    routes.add(new Route(
                            p.path("Method").asText().toUpperCase(),
                            p.path("Path").asText(),
                            resource.getKey(),
                            handler[0],
                            handler.length > 1 ? handler[1] : "handleRequest",
                            p.path("Auth").path("Authorizer").asText(defaultAuthorizer)));
                }
            }
        }
    }

    /** Every authorizer of the API; returns the default one's name. */
    private String readAuthorizers() {
        Iterator<JsonNode> all = resources.elements();
        while (all.hasNext()) {
            JsonNode resource = all.next();
            if (!"AWS::Serverless::Api".equals(resource.path("Type").asText())) {
                continue;
            }
            JsonNode auth = resource.path("Properties").path("Auth");
            auth.path("Authorizers").fields().forEachRemaining(named -> {
                JsonNode config = named.getValue();
                // FunctionArn: !Ref AuthorizerFunction.Alias (the tag is dropped by the YAML reader)
                String functionId = config.path("FunctionArn").asText().split("\\.")[0];
                List<String> headers = new ArrayList<>();
                config.path("Identity").path("Headers").forEach(h -> headers.add(h.asText()));
                int ttl = config.path("Identity").path("ReauthorizeEvery").asInt(300);
                String handler = resources
                        .path(functionId)
                        .path("Properties")
                        .path("Handler")
                        .asText()
                        .split("::")[0];
                authorizers.put(named.getKey(), new AuthorizerConfig(functionId, handler, headers, ttl));
            });
            return auth.path("DefaultAuthorizer").asText();
        }
        throw new IllegalStateException("template.yaml has no AWS::Serverless::Api");
    }

    public static TemplateRoutes read(Path template) {
        try {
            return new TemplateRoutes(new ObjectMapper(new YAMLFactory()).readTree(Files.readString(template)));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + template, e);
        }
    }

    /** template.yaml of this checkout, found from the working directory upwards (or -Dproject.root). */
    public static Path templatePath() {
        String root = System.getProperty("project.root");
        Path dir = root != null ? Path.of(root) : Path.of("").toAbsolutePath();
        for (Path d = dir.toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.exists(d.resolve("template.yaml"))) {
                return d.resolve("template.yaml");
            }
        }
        throw new IllegalStateException("template.yaml not found above " + dir);
    }

    /** From a template already parsed (the local runtime reads it from a file or from its own jar). */
    public static TemplateRoutes of(JsonNode template) {
        return new TemplateRoutes(template);
    }

    public static TemplateRoutes readDefault() {
        return read(templatePath());
    }

    public List<Route> routes() {
        return routes;
    }

    /** Every function's handler class by logical id, those invoked by streams and queues included. */
    public Map<String, String> functionHandlers() {
        return functionHandlers;
    }

    /** The API's default authorizer. */
    public AuthorizerConfig authorizer() {
        return authorizers.get(defaultAuthorizer);
    }

    /** Every authorizer by name, the default among them. */
    public Map<String, AuthorizerConfig> authorizers() {
        return authorizers;
    }

    /** A parameter's default value (e.g. TenantRateLimit). */
    public String parameterDefault(String name, JsonNode template) {
        return template.path("Parameters").path(name).path("Default").asText();
    }

    public JsonNode resource(String logicalId) {
        return resources.path(logicalId);
    }
}
