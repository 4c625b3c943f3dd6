package dev.contactcenter.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one Jackson mapper, configured once. Everything goes through the tree model (no bean reflection):
 * request bodies are read as {@link JsonNode} and validated field by field, responses are built as nodes.
 */
public final class Json {
    /** The mapper, configured once; in a holder so that code which only writes JSON never builds it (see {@link JsonText}). */
    private static final class Mapper {
        /** Hostile bodies: deep nesting and huge numbers are refused by the parser, before any handler code runs. */
        static final ObjectMapper INSTANCE = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build();

        static {
            INSTANCE.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(32)
                    .maxNumberLength(40)
                    .maxStringLength(1_000_000)
                    .build());
        }
    }

    private Json() {
    }

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    public static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /** ISO-8601 UTC with milliseconds, as the vendor's documented samples show: 2019-04-04T15:42:14.000Z */
    private static final java.time.format.DateTimeFormatter MILLIS =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);

    /** The one timestamp format of every response; null stays null. */
    public static String timestamp(java.time.Instant instant) {
        return instant == null ? null : MILLIS.format(instant);
    }

    public static ObjectMapper mapper() {
        return Mapper.INSTANCE;
    }

    public static JsonNode parse(String text) throws JsonProcessingException {
        return Mapper.INSTANCE.readTree(text);
    }

    /** The tree as compact JSON text, written without the mapper (see {@link JsonText#node}). */
    public static String write(JsonNode node) {
        return JsonText.node(new StringBuilder(256), node).toString();
    }
}
