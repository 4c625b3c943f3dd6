package dev.contactcenter.core;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * JSON text appended to a {@link StringBuilder}, for the few outputs written on every request (the request
 * log line, the wait-times list). They go without a generator or {@code ObjectMapper}: in a fresh JVM,
 * setting up Jackson's mapper costs more than the whole wait-times computation, and a warm request spends
 * less CPU on appends than on a generator writing into a synchronized {@code StringWriter}.
 */
public final class JsonText {
    private JsonText() {
    }

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
