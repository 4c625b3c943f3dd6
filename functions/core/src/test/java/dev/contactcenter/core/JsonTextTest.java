package dev.contactcenter.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Response bodies are written without Jackson's mapper: they must come out exactly as the mapper writes them. */
class JsonTextTest {
    @Test
    void everyKindOfNodeIsWrittenAsTheMapperWritesIt() throws Exception {
        ObjectNode tree = Json.object();
        tree.put("text", "plain");
        tree.put(
                "escaped",
                "quote \" backslash \\ slash / newline \n tab \t control \u0001 umlaut ä emoji \uD83D\uDE00 line \u2028");
        tree.put("int", 42).put("negative", -7L).put("long", Long.MAX_VALUE);
        tree.put("double", 0.1)
                .put("small", 1.0E-9)
                .put("large", 12345678901234.5)
                .put("float", 2.5f);
        tree.put("decimal", new BigDecimal("123.4500"))
                .put("big_integer", new BigInteger("123456789012345678901234567890"));
        tree.put("true", true).put("false", false).putNull("null");
        tree.putArray("empty_array");
        tree.putObject("empty_object");
        tree.putArray("nested")
                .add(1)
                .add("two")
                .addObject()
                .put("three", 3)
                .putArray("four")
                .add(Json.object());
        tree.put("nan", Double.NaN);
        tree.put("", "empty name").put("name with \"quotes\"", 1);
        // what a request body parsed with the mapper holds (floats as BigDecimal)
        tree.set("parsed", Json.parse("{\"price\": 1.50, \"exp\": 1e400, \"deep\": [[[\"x\"]]]}"));

        assertEquals(Json.mapper().writeValueAsString(tree), Json.write(tree));
    }

    @Test
    void aTopLevelArrayAndScalarsToo() throws Exception {
        for (JsonNode node :
                new JsonNode[] {Json.array().add("a").add(1), Json.parse("\"x\""), Json.parse("17"), Json.parse("null")
                }) {
            assertEquals(Json.mapper().writeValueAsString(node), Json.write(node));
        }
    }

    /** Bodies are parsed without the mapper too: the same trees, and the same refusals. */
    @Test
    void bodiesParseAsTheMapperReadsThem() throws Exception {
        String[] bodies = {
            "{\"a\": 1, \"b\": [true, false, null, \"x\\u00e9\\n\"], \"c\": {\"d\": -2.50}}",
            "{\"int\": 2147483647, \"long\": 2147483648, \"big\": 123456789012345678901234567890, \"neg\": -9223372036854775809}",
            "{\"f\": 1.50, \"g\": 0.0, \"h\": 100.0, \"i\": 1e400, \"j\": 1E+2, \"k\": -0.000, \"l\": 3.14159}",
            "{\"dup\": 1, \"dup\": 2}",
            "[1, [2, [3]]]",
            "\"text\"",
            "42",
            "null",
            "  {}  ",
            "[]"
        };
        for (String body : bodies) {
            JsonNode expected = Json.mapper().readTree(body);
            JsonNode parsed = Json.parse(body);
            assertEquals(expected, parsed, body);
            assertEquals(Json.mapper().writeValueAsString(expected), Json.write(parsed), body);
        }
        assertEquals(true, Json.parse("").isMissingNode());
    }

    @Test
    void malformedTrailingDeepOrHugeInputIsRefused() {
        String deep = "[".repeat(40) + "]".repeat(40);
        String huge = "{\"n\": 1" + "0".repeat(60) + "}";
        for (String body :
                new String[] {"{\"a\": 1} {\"b\": 2}", "{\"a\": 1,}", "{\"a\" 1}", "[1, 2", deep, huge, "tru"}) {
            org.junit.jupiter.api.Assertions.assertThrows(
                    com.fasterxml.jackson.core.JsonProcessingException.class, () -> Json.parse(body), body);
            org.junit.jupiter.api.Assertions.assertThrows(
                    com.fasterxml.jackson.core.JsonProcessingException.class,
                    () -> Json.mapper().readTree(body),
                    body);
        }
    }
}
