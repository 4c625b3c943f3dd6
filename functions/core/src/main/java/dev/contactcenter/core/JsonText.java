package dev.contactcenter.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * JSON text appended to a {@link StringBuilder}: every response body and log line is written this way, without
 * a generator or {@code ObjectMapper}. In a fresh JVM, setting up Jackson's mapper costs more than the whole
 * wait-times computation (a GET never needs it: only request bodies are parsed with it), and a warm request
 * spends less CPU on appends than on a generator writing into a synchronized {@code StringWriter}.
 */
public final class JsonText {
    private JsonText() {}

    /** {@code "value"} with JSON escaping (Jackson's encoder, only when a character needs it); null as {@code null}. */
    public static StringBuilder string(StringBuilder out, String value) {
        if (value == null) {
            return out.append("null");
        }
        out.append('"');
        if (needsEscaping(value)) {
            JsonStringEncoder.getInstance().quoteAsString(value, out);
        } else {
            out.append(value);
        }
        return out.append('"');
    }

    /** {@code ,"name":} (without the comma for the first field of an object): names are constants that need no escaping. */
    public static StringBuilder field(StringBuilder out, String name, boolean first) {
        if (!first) {
            out.append(',');
        }
        return out.append('"').append(name).append("\":");
    }

    /** A number or {@code null}. */
    public static StringBuilder number(StringBuilder out, Long value) {
        return value == null ? out.append("null") : out.append(value.longValue());
    }

    /** A tree as compact JSON, in the form Jackson's own writer gives it (numbers in their Java text form). */
    public static StringBuilder node(StringBuilder out, JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return out.append("null");
        } else if (node.isObject()) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (!first) {
                    out.append(',');
                }
                node(string(out, e.getKey()).append(':'), e.getValue());
                first = false;
            }
            return out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                node(i > 0 ? out.append(',') : out, node.get(i));
            }
            return out.append(']');
        } else if (node.isTextual() || node.isBinary()) {
            return string(out, node.asText());
        } else if (node.isBoolean()) {
            return out.append(node.booleanValue());
        } else if (node.isNumber()
                && (node.isIntegralNumber() || node.isBigDecimal() || Double.isFinite(node.doubleValue()))) {
            return out.append(node.asText());
        }
        // NaN, infinities and POJO nodes: as Jackson writes them
        try {
            return out.append(Json.mapper().writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON tree could not be written", e);
        }
    }

    private static boolean needsEscaping(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || c >= 0x7f) {
                return true;
            }
        }
        return false;
    }
}
