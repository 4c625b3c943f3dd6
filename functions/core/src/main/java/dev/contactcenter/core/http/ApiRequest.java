package dev.contactcenter.core.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.domain.KeyKind;
import dev.contactcenter.core.domain.Origins;
import dev.contactcenter.core.domain.Scope;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A REST API proxy event as the handlers need it. The tenant and scopes come only from the authorizer
 * context that API Gateway (or the local runtime) attached: never from anything the client sent.
 */
public final class ApiRequest {
    /** API Gateway caps payloads at 10 MB; our documents are small, so anything larger is refused early. */
    public static final int MAX_BODY_BYTES = 256 * 1024;

    private final APIGatewayProxyRequestEvent event;
    private final String tenantId;
    private final Set<Scope> scopes;
    private final KeyKind keyKind;
    private final String keyId;
    private final List<String> allowedOrigins;

    public ApiRequest(APIGatewayProxyRequestEvent event) {
        this.event = event;
        Map<String, Object> authorizer = event.getRequestContext() == null
                ? null
                : event.getRequestContext().getAuthorizer();
        Object tenant = authorizer == null ? null : authorizer.get(AuthContext.TENANT_ID);
        Object scopeList = authorizer == null ? null : authorizer.get(AuthContext.SCOPES);
        this.tenantId = tenant == null ? null : tenant.toString();
        this.scopes = Scope.parse(scopeList == null ? null : scopeList.toString());
        this.keyKind = KeyKind.fromWire(contextValue(authorizer, AuthContext.KEY_KIND));
        this.keyId = contextValue(authorizer, AuthContext.KEY_ID);
        this.allowedOrigins = Origins.parse(contextValue(authorizer, AuthContext.ALLOWED_ORIGINS));
    }

    private static String contextValue(Map<String, Object> authorizer, String key) {
        Object value = authorizer == null ? null : authorizer.get(key);
        return value == null ? null : value.toString();
    }

    public APIGatewayProxyRequestEvent event() {
        return event;
    }

    public String method() {
        return event.getHttpMethod() == null ? "" : event.getHttpMethod().toUpperCase();
    }

    /** The resource template, e.g. {@code /apps/api/v1/menus/{id}}. */
    public String resource() {
        return event.getResource() == null ? "" : event.getResource();
    }

    public String requestId() {
        return event.getRequestContext() == null || event.getRequestContext().getRequestId() == null
                ? "-"
                : event.getRequestContext().getRequestId();
    }

    /** The authenticated tenant; a request without one never reaches a handler on AWS, so it is a 401 here too. */
    public String tenantId() {
        if (tenantId == null || tenantId.isEmpty()) {
            throw ApiException.unauthorized("No authenticated tenant on this request.");
        }
        return tenantId;
    }

    public Optional<String> tenantIdIfAny() {
        return Optional.ofNullable(tenantId);
    }

    public Set<Scope> scopes() {
        return scopes;
    }

    public KeyKind keyKind() {
        return keyKind;
    }

    /** The id of the key the authorizer accepted (secret or publishable). */
    public Optional<String> keyId() {
        return Optional.ofNullable(keyId);
    }

    public List<String> allowedOrigins() {
        return allowedOrigins;
    }

    /** The Origin a browser sent (absent from server-to-server calls and same-origin GETs). */
    public Optional<String> origin() {
        return header("Origin").filter(o -> !o.isBlank());
    }

    public Optional<String> header(String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) {
            return Optional.empty();
        }
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
                return Optional.ofNullable(e.getValue());
            }
        }
        return Optional.empty();
    }

    /**
     * A query parameter that must appear at most once. Repeated keys are refused rather than silently
     * taking the first or last value.
     */
    public Optional<String> query(String name) {
        Map<String, List<String>> multi = event.getMultiValueQueryStringParameters();
        if (multi != null && multi.get(name) != null && multi.get(name).size() > 1) {
            throw ApiException.badRequest(name, "Query parameter '" + name + "' must be given at most once.");
        }
        Map<String, String> single = event.getQueryStringParameters();
        return Optional.ofNullable(single == null ? null : single.get(name));
    }

    public String pathParameter(String name) {
        Map<String, String> params = event.getPathParameters();
        String value = params == null ? null : params.get(name);
        if (value == null) {
            throw ApiException.notFound("Missing path parameter '" + name + "'.");
        }
        return value;
    }

    /** A numeric id in the path; anything else cannot name a record, so it is a 404 rather than a 400. */
    public long pathId(String name) {
        String value = pathParameter(name);
        if (!value.matches("[0-9]{1,16}")) {
            throw ApiException.notFound("No record with id '" + abbreviate(value) + "'.");
        }
        return Long.parseLong(value);
    }

    public String bodyText() {
        String body = event.getBody();
        if (body == null) {
            return "";
        }
        if (Boolean.TRUE.equals(event.getIsBase64Encoded())) {
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw new ApiException(400, "Bad Request", "The request body is not valid base64.");
            }
            checkSize(raw.length);
            try {
                return StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(raw))
                        .toString();
            } catch (CharacterCodingException e) {
                throw new ApiException(400, "Bad Request", "The request body is not valid UTF-8.");
            }
        }
        checkSize(body.length());
        return body;
    }

    /** The body as a JSON object; anything else is a 400 that says what was wrong. */
    public ObjectNode jsonObject() {
        String text = bodyText();
        if (text.isBlank()) {
            throw new ApiException(400, "Bad Request", "A JSON object body is required.");
        }
        JsonNode node;
        try {
            node = Json.parse(text);
        } catch (JacksonException e) {
            throw new ApiException(400, "Bad Request", "The request body is not valid JSON: " + conciseParseError(e));
        }
        if (!(node instanceof ObjectNode object)) {
            throw new ApiException(400, "Bad Request", "The request body must be a JSON object.");
        }
        return object;
    }

    private static void checkSize(int length) {
        if (length > MAX_BODY_BYTES) {
            throw new ApiException(413, "Content Too Large", "The request body exceeds " + MAX_BODY_BYTES + " bytes.");
        }
    }

    /** Jackson's message without the source excerpt (which would echo the client's input back). */
    private static String conciseParseError(JacksonException e) {
        String message = e.getOriginalMessage();
        if (message == null) {
            return "unreadable input";
        }
        int newline = message.indexOf('\n');
        String first = newline >= 0 ? message.substring(0, newline) : message;
        String location = e.getLocation() == null
                ? ""
                : " (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ")";
        return abbreviate(first) + location;
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
