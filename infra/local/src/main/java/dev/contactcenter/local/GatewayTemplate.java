package dev.contactcenter.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.http.ApiException;
import dev.contactcenter.core.http.ApiResponse;
import dev.contactcenter.testkit.TemplateRoutes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
                return new GatewayTemplate(
                        YAML.readTree(Files.readString(file)),
                        file.toAbsolutePath().normalize().toString());
            }
            try (InputStream in = GatewayTemplate.class.getResourceAsStream("/template.yaml")) {
                if (in == null) {
                    throw new IllegalStateException(
                            "No template.yaml here and none built into the jar; pass --template PATH.");
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

    /** The scheduled functions (EventBridge rate rules), which the runtime runs on its own timer. */
    List<ScheduleTimer.Job> schedules() {
        return ScheduleTimer.fromTemplate(template);
    }

    String parameterDefault(String name) {
        return template.path("Parameters").path(name).path("Default").asText();
    }

    /**
     * API Gateway's answer of this response type (MISSING_AUTHENTICATION_TOKEN, UNAUTHORIZED, THROTTLED...),
     * rendered as API Gateway renders the template's gateway response: its status code (else the type's
     * own), its header mappings, and its body template with the error variables substituted. A type without
     * an entry of its own takes DEFAULT_4XX's or DEFAULT_5XX's; without those, a plain problem document.
     *
     * @param status  the type's status when the template does not set one
     * @param message API Gateway's message for the type, what {@code $context.error.message} holds
     */
    APIGatewayProxyResponseEvent respond(String type, int status, String message, Map<String, String> requestHeaders) {
        JsonNode configured = gatewayResponses.path(type);
        if (configured.isMissingNode()) {
            configured = gatewayResponses.path(status >= 500 ? "DEFAULT_5XX" : "DEFAULT_4XX");
        }
        int code = configured.path("StatusCode").asInt(status);
        if (configured.isMissingNode()) {
            return ApiResponse.problem(new ApiException(code, "Request refused", message))
                    .toEvent();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        // API Gateway's content type is the template's (application/json) unless a header mapping sets one
        JsonNode templates = configured.path("ResponseTemplates");
        String contentType =
                templates.fieldNames().hasNext() ? templates.fieldNames().next() : ApiResponse.JSON;
        headers.put("Content-Type", contentType);
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
        String body = render(templates.path(contentType).asText(""), type, message);
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(code)
                .withHeaders(headers)
                .withBody(body)
                .withIsBase64Encoded(false);
    }

    /** Simple variable substitution, as gateway response templates have (no VTL). */
    static String render(String template, String type, String message) {
        String quoted = Json.write(TextNode.valueOf(message));
        return template.replace("$context.error.messageString", quoted)
                .replace("$context.error.message", quoted.substring(1, quoted.length() - 1))
                .replace("$context.error.responseType", type);
    }

    /** The gateway response types the template configures. */
    List<String> gatewayResponseTypes() {
        List<String> types = new ArrayList<>();
        gatewayResponses.fieldNames().forEachRemaining(types::add);
        return types;
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
