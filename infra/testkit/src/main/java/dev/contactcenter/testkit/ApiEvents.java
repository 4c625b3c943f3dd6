package dev.contactcenter.testkit;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.contactcenter.core.domain.Scope;
import dev.contactcenter.core.http.AuthContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Builds REST API proxy events as API Gateway delivers them after the authorizer has run. */
public final class ApiEvents {
    private final APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent();
    private final Map<String, String> pathParameters = new HashMap<>();
    private final Map<String, List<String>> query = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, Object> authorizer = new HashMap<>();

    private ApiEvents(String method, String resource) {
        event.setHttpMethod(method);
        event.setResource(resource);
        headers.put("Content-Type", "application/json");
    }

    public static ApiEvents request(String method, String resource) {
        return new ApiEvents(method, resource);
    }

    /** The authorizer's context for a key of this tenant with these scopes. */
    public ApiEvents tenant(String tenantId, Set<Scope> scopes) {
        authorizer.put(AuthContext.TENANT_ID, tenantId);
        authorizer.put(AuthContext.SCOPES, Scope.join(scopes));
        authorizer.put(AuthContext.KEY_ID, "ak_test");
        return this;
    }

    public ApiEvents admin(String tenantId) {
        return tenant(tenantId, Scope.all());
    }

    public ApiEvents path(String name, Object value) {
        pathParameters.put(name, String.valueOf(value));
        return this;
    }

    public ApiEvents query(String name, String value) {
        query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        return this;
    }

    public ApiEvents header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public ApiEvents body(String json) {
        event.setBody(json);
        return this;
    }

    public APIGatewayProxyRequestEvent build() {
        String path = event.getResource();
        for (Map.Entry<String, String> p : pathParameters.entrySet()) {
            path = path.replace("{" + p.getKey() + "}", p.getValue());
        }
        event.setPath(path);
        event.setPathParameters(pathParameters.isEmpty() ? null : pathParameters);
        event.setHeaders(headers);
        if (!query.isEmpty()) {
            Map<String, String> single = new LinkedHashMap<>();
            query.forEach((k, v) -> single.put(k, v.get(v.size() - 1)));
            event.setQueryStringParameters(single);
            event.setMultiValueQueryStringParameters(query);
        }
        event.setIsBase64Encoded(false);
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext();
        context.setRequestId(UUID.randomUUID().toString());
        context.setHttpMethod(event.getHttpMethod());
        context.setResourcePath(event.getResource());
        context.setPath(path);
        context.setStage("local");
        if (!authorizer.isEmpty()) {
            context.setAuthorizer(authorizer);
        }
        event.setRequestContext(context);
        return event;
    }
}
