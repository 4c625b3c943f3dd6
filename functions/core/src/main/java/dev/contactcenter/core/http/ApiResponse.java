package dev.contactcenter.core.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.domain.FieldError;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a route returns; turned into the proxy response in one place. */
public final class ApiResponse {
    public static final String JSON = "application/json";
    public static final String PROBLEM_JSON = "application/problem+json";

    private final int status;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final String body;

    private ApiResponse(int status, String contentType, String body) {
        this.status = status;
        this.body = body;
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
    }

    public static ApiResponse json(int status, JsonNode node) {
        return new ApiResponse(status, JSON, Json.write(node));
    }

    public static ApiResponse ok(JsonNode node) {
        return json(200, node);
    }

    /** 200 with a body already serialized (streamed by the caller, skipping the tree on hot paths). */
    public static ApiResponse okJson(String serialized) {
        return new ApiResponse(200, JSON, serialized);
    }

    public static ApiResponse created(ObjectNode node, String location) {
        return json(201, node).header("Location", location);
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, null, null);
    }

    public static ApiResponse notModified() {
        return new ApiResponse(304, null, null);
    }

    public static ApiResponse problem(ApiException e) {
        ObjectNode problem = Json.object();
        problem.put("type", "about:blank");
        problem.put("title", e.title());
        problem.put("status", e.status());
        problem.put("detail", e.getMessage());
        if (!e.errors().isEmpty()) {
            ArrayNode errors = problem.putArray("errors");
            for (FieldError fe : e.errors()) {
                errors.addObject().put("field", fe.field()).put("detail", fe.detail());
            }
            // the first offending field also at top level, for clients that read one name
            problem.put("field", e.errors().get(0).field());
        }
        problem.setAll(e.extensions());
        ApiResponse response = new ApiResponse(e.status(), PROBLEM_JSON, Json.write(problem));
        response.headers.putAll(e.headers());
        return response;
    }

    public ApiResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public String body() {
        return body;
    }

    public APIGatewayProxyResponseEvent toEvent() {
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(status)
                .withHeaders(new LinkedHashMap<>(headers))
                .withBody(body)
                .withIsBase64Encoded(false);
    }
}
