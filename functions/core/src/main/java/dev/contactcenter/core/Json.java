package dev.contactcenter.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

/**
 * JSON in and out. Everything goes through the tree model (no bean reflection): request bodies are read as
 * {@link JsonNode} and validated field by field, responses are built as nodes and written by {@link JsonText}.
 */
public final class Json {
    /** Hostile bodies: deep nesting and huge numbers are refused by the parser, before any handler code runs. */
    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(32)
            .maxNumberLength(40)
            .maxStringLength(1_000_000)
            .build();

    /** Parses request bodies and stored documents: jackson-core only, which a fresh JVM sets up far faster than a mapper. */
    private static final JsonFactory FACTORY =
            JsonFactory.builder().streamReadConstraints(LIMITS).build();

    /** The mapper, for what only it does (YAML trees in the local runtime, non-finite numbers); built on first use. */
    private static final class Mapper {
        static final ObjectMapper INSTANCE = JsonMapper.builder(FACTORY.copy())
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build();
    }

    private Json() {}

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    public static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /** ISO-8601 UTC with milliseconds, as the vendor's documented samples show: 2019-04-04T15:42:14.000Z */
    private static final class Millis {
        static final java.time.format.DateTimeFormatter FORMAT = java.time.format.DateTimeFormatter.ofPattern(
                        "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
                .withZone(java.time.ZoneOffset.UTC);
    }

    /**
     * The one timestamp format of every response (and of keys that sort by time); null stays null. Years 1 to
     * 9999 are written digit by digit: a list of a thousand menus writes two thousand of them, and the general
     * formatter costs microseconds a call, most of all in a fresh JVM. Other years go to the formatter.
     */
    public static String timestamp(java.time.Instant instant) {
        if (instant == null) {
            return null;
        }
        long seconds = instant.getEpochSecond();
        java.time.LocalDate date = java.time.LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
        if (date.getYear() < 1 || date.getYear() > 9999) {
            return Millis.FORMAT.format(instant);
        }
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        StringBuilder out = new StringBuilder(24);
        padded(out, date.getYear(), 4).append('-');
        padded(out, date.getMonthValue(), 2).append('-');
        padded(out, date.getDayOfMonth(), 2).append('T');
        padded(out, secondOfDay / 3600, 2).append(':');
        padded(out, secondOfDay / 60 % 60, 2).append(':');
        padded(out, secondOfDay % 60, 2).append('.');
        return padded(out, instant.getNano() / 1_000_000, 3).append('Z').toString();
    }

    private static StringBuilder padded(StringBuilder out, int value, int width) {
        for (int limit = 10, w = 1; w < width; limit *= 10, w++) {
            if (value < limit) {
                out.append('0');
            }
        }
        return out.append(value);
    }

    public static ObjectMapper mapper() {
        return Mapper.INSTANCE;
    }

    /**
     * The tree of a JSON text, as the mapper would read it (floats as {@code BigDecimal} without trailing zeros,
     * the last of duplicate names wins, nothing may follow the value), within {@link #LIMITS}. Built from the
     * streaming parser: a POST would otherwise set up the whole mapper on a cold start just to read its body.
     */
    public static JsonNode parse(String text) throws JsonProcessingException {
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return MissingNode.getInstance();
            }
            JsonNode root = value(parser, first);
            if (parser.nextToken() != null) {
                throw new JsonParseException(
                        parser,
                        "Trailing token (of type " + parser.currentToken() + ") found after value: not allowed");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string failed", e);
        }
    }

    private static JsonNode value(JsonParser p, JsonToken token) throws IOException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        switch (token) {
            case START_OBJECT: {
                ObjectNode object = nodes.objectNode();
                for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                    object.set(name, value(p, p.nextToken()));
                }
                return object;
            }
            case START_ARRAY: {
                ArrayNode array = nodes.arrayNode();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    array.add(value(p, t));
                }
                return array;
            }
            case VALUE_STRING:
                return nodes.textNode(p.getText());
            case VALUE_NUMBER_INT:
                return switch (p.getNumberType()) {
                    case INT -> nodes.numberNode(p.getIntValue());
                    case LONG -> nodes.numberNode(p.getLongValue());
                    default -> nodes.numberNode(p.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT:
                return nodes.numberNode(stripTrailingZeros(p.getDecimalValue()));
            case VALUE_TRUE:
                return nodes.booleanNode(true);
            case VALUE_FALSE:
                return nodes.booleanNode(false);
            case VALUE_NULL:
                return nodes.nullNode();
            default:
                throw new JsonParseException(p, "Unexpected token " + token);
        }
    }

    private static BigDecimal stripTrailingZeros(BigDecimal value) {
        return value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
    }

    /** The tree as compact JSON text, written without the mapper (see {@link JsonText#node}). */
    public static String write(JsonNode node) {
        return JsonText.node(new StringBuilder(256), node).toString();
    }
}
