package dev.contactcenter.core.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.domain.FieldError;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An error the client can act on, rendered as an RFC 9457 problem document. Handlers throw it; the
 * shared dispatcher turns it into the response, so no handler builds error bodies by hand.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String title;
    private final List<FieldError> errors;
    private final Map<String, String> headers;
    private static final Set<String> STANDARD_MEMBERS = Set.of("type", "title", "status", "detail", "errors");
    private final ObjectNode extensions;

    public ApiException(
            int status,
            String title,
            String detail,
            List<FieldError> errors,
            Map<String, String> headers,
            ObjectNode extensions) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.headers = Map.copyOf(headers);
        this.extensions = extensions == null ? Json.object() : extensions;
    }

    public ApiException(int status, String title, String detail) {
        this(status, title, detail, List.of(), Map.of(), null);
    }

    public static ApiException badRequest(String field, String detail) {
        return new ApiException(400, "Bad Request", detail, List.of(new FieldError(field, detail)), Map.of(), null);
    }

    public static ApiException unprocessable(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).detail()
                : errors.size() + " fields are invalid: "
                        + String.join(
                                ", ", errors.stream().map(FieldError::field).toList());
        return new ApiException(422, "Unprocessable Content", detail, errors, Map.of(), null);
    }

    public static ApiException unprocessable(String field, String detail) {
        return unprocessable(List.of(new FieldError(field, detail)));
    }

    public static ApiException notFound(String detail) {
        return new ApiException(404, "Not Found", detail);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(409, "Conflict", detail);
    }

    /** A conflict with the stored state that one request field caused (the field is named in the problem). */
    public static ApiException conflict(String field, String detail) {
        return new ApiException(409, "Conflict", detail, List.of(new FieldError(field, detail)), Map.of(), null);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(403, "Forbidden", detail);
    }

    public static ApiException unauthorized(String detail) {
        return new ApiException(
                401,
                "Unauthorized",
                detail,
                List.of(),
                Map.of("WWW-Authenticate", "Basic realm=\"contact-center-api\", charset=\"UTF-8\""),
                null);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** Extra members of the problem document (for example the id of the record a conflict is about). */
    public ObjectNode extensions() {
        return extensions;
    }

    public ApiException with(String member, long value) {
        extensions.put(extension(member), value);
        return this;
    }

    public ApiException with(String member, String value) {
        extensions.put(extension(member), value);
        return this;
    }

    /** An extension never replaces a member RFC 9457 defines: "status" stays the HTTP status a client reads. */
    private static String extension(String member) {
        if (STANDARD_MEMBERS.contains(member)) {
            throw new IllegalArgumentException("'" + member + "' is a standard problem member, not an extension");
        }
        return member;
    }
}
