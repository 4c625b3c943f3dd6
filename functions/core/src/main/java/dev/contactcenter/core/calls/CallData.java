package dev.contactcenter.core.calls;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.http.Fields;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A call-back's custom attributes for the agent's screen pop: an object of at most {@value #MAX_KEYS} keys whose
 * values are strings, numbers or booleans, at most {@value #MAX_BYTES} bytes serialized. Stored as compact JSON
 * text, returned on the call; it may hold personal data, so it is never logged.
 */
final class CallData {
    static final int MAX_KEYS = 50;
    static final int MAX_BYTES = 32 * 1024;

    private CallData() {}

    /** The validated attributes as compact JSON, or null when none were given. */
    static String read(Fields f) {
        JsonNode raw = f.raw("data");
        if (raw == null || raw.isNull()) {
            return null;
        }
        if (!raw.isObject()) {
            f.error("data", "'data' must be an object of custom attributes, such as {\"order_id\": \"A-1001\"}.");
            return null;
        }
        if (raw.size() > MAX_KEYS) {
            f.error("data", "'data' has " + raw.size() + " keys; at most " + MAX_KEYS + ".");
            return null;
        }
        boolean valid = true;
        for (Map.Entry<String, JsonNode> e : raw.properties()) {
            JsonNode v = e.getValue();
            if (e.getKey().isEmpty()
                    || e.getKey().length() > 100
                    || !(v.isTextual() || v.isNumber() || v.isBoolean())) {
                // the key names the field; the value is not echoed (it may be personal data)
                f.error(
                        "data." + (e.getKey().length() > 40 ? e.getKey().substring(0, 40) + "..." : e.getKey()),
                        "Each attribute has a key of 1 to 100 characters " + "and a string, number or boolean value.");
                valid = false;
            }
        }
        String text = Json.write(raw);
        if (valid && text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            f.error(
                    "data",
                    "'data' is " + text.getBytes(StandardCharsets.UTF_8).length + " bytes serialized; at most "
                            + MAX_BYTES + ".");
            valid = false;
        }
        return valid ? text : null;
    }

    static ObjectNode parse(String text) {
        try {
            return (ObjectNode) Json.parse(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored call data is not JSON", e);
        }
    }
}
