package dev.contactcenter.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.contactcenter.core.http.ApiException;
import dev.contactcenter.core.http.ApiResponse;
import dev.contactcenter.testkit.TemplateRoutes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * template.yaml as the local gateway needs it: the routes and authorizer (through {@link TemplateRoutes}),
 * parameter defaults, and the API's gateway responses, so refusals carry the same status, headers and
 * problem text as on AWS.
 */
final class GatewayTemplate {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String REQUEST_HEADER = "method.request.header.";

    private final JsonNode template;
    private final String source;
    private final TemplateRoutes routes;
    private final JsonNode gatewayResponses;

    private GatewayTemplate(JsonNode template, String source) {
        this.template = template;
        this.source = source;
        this.routes = TemplateRoutes.of(template);
        this.gatewayResponses = api().path("Properties").path("GatewayResponses");
    }

    /** The given file, else ./template.yaml, else the copy built into the jar. */
    static GatewayTemplate load(Path explicit) {
        Path file = explicit != null ? explicit : Path.of("template.yaml");
        try {
            if (explicit != null || Files.isRegularFile(file)) {
                return new GatewayTemplate(YAML.readTree(Files.readString(file)), file.toAbsolutePath().normalize().toString());
            }
            try (InputStream in = GatewayTemplate.class.getResourceAsStream("/template.yaml")) {
                if (in == null) {
                    throw new IllegalStateException("No template.yaml here and none built into the jar; pass --template PATH.");
                }
                return new GatewayTemplate(YAML.readTree(in), "template.yaml built into the jar");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    String source() {
        return source;
    }

    TemplateRoutes routes() {
        return routes;
    }

    String parameterDefault(String name) {
        return template.path("Parameters").path(name).path("Default").asText();
    }

    /**
     * The gateway response of this type (UNAUTHORIZED, ACCESS_DENIED, THROTTLED...) as a problem
     * document; the fallback where the template does not configure one. Types without their own entry
     * take DEFAULT_4XX's headers, as API Gateway does.
     */
    ApiResponse problem(String type, ApiException fallback, Map<String, String> requestHeaders) {
        JsonNode own = gatewayResponses.path(type);
        JsonNode configured = own.isMissingNode() ? gatewayResponses.path("DEFAULT_4XX") : own;
        if (configured.isMissingNode()) {
            return ApiResponse.problem(fallback);
        }
        JsonNode body;
        try {
            body = YAML.readTree(configured.path("ResponseTemplates").path("application/json").asText("{}"));
        } catch (IOException e) {
            body = YAML.createObjectNode();
        }
        Map<String, String> headers = new LinkedHashMap<>(fallback.headers());
        // header values are mapping expressions: a literal in single quotes, or a request header (left out when absent)
        configured.path("ResponseParameters").path("Headers").fields().forEachRemaining(h -> {
            String expression = h.getValue().asText();
            if (expression.startsWith(REQUEST_HEADER)) {
                GatewayAuthorizer.header(requestHeaders, expression.substring(REQUEST_HEADER.length()))
                        .ifPresent(value -> headers.put(h.getKey(), value));
            } else {
                headers.put(h.getKey(), expression.replaceAll("^'|'$", ""));
            }
        });
        return ApiResponse.problem(new ApiException(configured.path("StatusCode").asInt(fallback.status()),
                own.isMissingNode() ? fallback.title() : body.path("title").asText(fallback.title()),
                own.isMissingNode() ? fallback.getMessage() : body.path("detail").asText(fallback.getMessage()),
                List.of(), headers, null));
    }

    private JsonNode api() {
        for (JsonNode resource : template.path("Resources")) {
            if ("AWS::Serverless::Api".equals(resource.path("Type").asText())) {
                return resource;
            }
        }
        throw new IllegalStateException(source + " has no AWS::Serverless::Api");
    }
}
