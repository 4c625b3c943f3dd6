package dev.contactcenter.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.domain.FieldError;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a JSON object field by field, collecting every problem so the client sees all offending
 * fields at once (422), not one per round trip. Unknown fields are reported too: a misspelt optional
 * field silently ignored is a configuration the admin thinks they set.
 */
public final class Fields {
    /** JSON integers clients can round-trip without loss (JavaScript's safe range). */
    public static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

    private final ObjectNode object;
    private final List<FieldError> errors = new ArrayList<>();

    public Fields(ObjectNode object, Set<String> allowed) {
        this.object = object;
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                errors.add(new FieldError(
                        name,
                        "Unknown field '" + ApiRequest.abbreviate(name) + "'. Allowed: " + String.join(", ", allowed)
                                + "."));
            }
        }
    }

    public boolean has(String field) {
        return object.has(field);
    }

    public boolean isNull(String field) {
        return object.has(field) && object.get(field).isNull();
    }

    public void error(String field, String detail) {
        errors.add(new FieldError(field, detail));
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    /** What is wrong so far, field by field, in the order found. */
    public List<FieldError> errors() {
        return List.copyOf(errors);
    }

    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw ApiException.unprocessable(errors);
        }
    }

    public String requiredString(String field, int maxLength) {
        if (!object.hasNonNull(field)) {
            error(field, "'" + field + "' is required.");
            return null;
        }
        return string(field, maxLength);
    }

    public Optional<String> optionalString(String field, int maxLength) {
        if (!object.hasNonNull(field)) {
            return Optional.empty();
        }
        return Optional.ofNullable(string(field, maxLength));
    }

    private String string(String field, int maxLength) {
        JsonNode node = object.get(field);
        if (!node.isTextual()) {
            error(field, "'" + field + "' must be a string.");
            return null;
        }
        String value = node.textValue().strip();
        if (value.isEmpty()) {
            error(field, "'" + field + "' must not be blank.");
            return null;
        }
        if (value.length() > maxLength) {
            error(field, "'" + field + "' must be at most " + maxLength + " characters.");
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                error(field, "'" + field + "' must not contain control characters.");
                return null;
            }
        }
        return value;
    }

    public Optional<Long> optionalInteger(String field, long min, long max) {
        if (!object.hasNonNull(field)) {
            return Optional.empty();
        }
        JsonNode node = object.get(field);
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < min || node.longValue() > max) {
            error(field, "'" + field + "' must be an integer from " + min + " to " + max + ".");
            return Optional.empty();
        }
        return Optional.of(node.longValue());
    }

    public Optional<Boolean> optionalBoolean(String field) {
        if (!object.hasNonNull(field)) {
            return Optional.empty();
        }
        JsonNode node = object.get(field);
        if (!node.isBoolean()) {
            error(field, "'" + field + "' must be true or false.");
            return Optional.empty();
        }
        return Optional.of(node.booleanValue());
    }

    public Optional<Boolean> requiredBoolean(String field) {
        if (!object.hasNonNull(field)) {
            error(field, "'" + field + "' is required: true or false.");
            return Optional.empty();
        }
        return optionalBoolean(field);
    }

    /** A JSON number within [min, max], kept exact (thresholds and ratios compare without float error). */
    public Optional<BigDecimal> optionalDecimal(String field, BigDecimal min, BigDecimal max) {
        if (!object.hasNonNull(field)) {
            return Optional.empty();
        }
        JsonNode node = object.get(field);
        if (!node.isNumber()
                || node.decimalValue().compareTo(min) < 0
                || node.decimalValue().compareTo(max) > 0) {
            error(
                    field,
                    "'" + field + "' must be a number from " + min.toPlainString() + " to " + max.toPlainString()
                            + ".");
            return Optional.empty();
        }
        return Optional.of(node.decimalValue());
    }

    /** An enum given by its wire name; the error lists the allowed values. */
    public <E> Optional<E> optionalEnum(String field, Function<String, Optional<E>> parse, List<String> allowed) {
        if (!object.hasNonNull(field)) {
            return Optional.empty();
        }
        JsonNode node = object.get(field);
        Optional<E> value = node.isTextual() ? parse.apply(node.textValue()) : Optional.empty();
        if (value.isEmpty()) {
            error(field, "'" + field + "' must be one of: " + String.join(", ", allowed) + ".");
        }
        return value;
    }

    /** A non-empty array of distinct allowed strings, kept in the order given. */
    public Optional<List<String>> optionalSubset(String field, List<String> allowed) {
        if (!object.hasNonNull(field)) {
            return Optional.empty();
        }
        JsonNode node = object.get(field);
        String expectation = "'" + field + "' must be a non-empty array of distinct values from: "
                + String.join(", ", allowed) + ".";
        if (!node.isArray() || node.isEmpty()) {
            error(field, expectation);
            return Optional.empty();
        }
        Set<String> values = new LinkedHashSet<>();
        for (JsonNode item : node) {
            if (!item.isTextual() || !allowed.contains(item.textValue()) || !values.add(item.textValue())) {
                error(field, expectation);
                return Optional.empty();
            }
        }
        return Optional.of(List.copyOf(values));
    }

    public JsonNode raw(String field) {
        return object.get(field);
    }
}
