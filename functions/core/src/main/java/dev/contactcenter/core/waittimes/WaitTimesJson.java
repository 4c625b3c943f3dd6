package dev.contactcenter.core.waittimes;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.ewt.Estimate;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The wait-times response in the shape of the vendor's example, streamed: a thousand rows through the
 * tree model would cost more CPU than computing them.
 */
public final class WaitTimesJson {
    private WaitTimesJson() {
    }

    public static String write(List<WaitTimeRow> rows) {
        StringWriter out = new StringWriter(rows.size() * 320 + 2);
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
            g.writeStartArray();
            for (WaitTimeRow row : rows) {
                writeRow(g, row);
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string failed", e);
        }
        return out.toString();
    }

    private static void writeRow(JsonGenerator g, WaitTimeRow row) throws IOException {
        g.writeStartObject();
        g.writeNumberField("menu_id", row.menu().id());
        g.writeStringField("menu_type", row.menu().menuType().wireName());
        g.writeStringField("materialized_path", row.menu().materializedPath());
        for (WaitTimeRow.ChannelEstimate c : row.estimates()) {
            nullableNumber(g, c.channel().wireName(), c.estimate().seconds());
        }
        g.writeNumberField("logged_in_agents", row.loggedInAgents());
        g.writeNumberField("available_agents", row.availableAgents());
        g.writeNumberField("breakthrough_agents", row.breakthroughAgents());
        g.writeObjectFieldStart("estimates");
        for (WaitTimeRow.ChannelEstimate c : row.estimates()) {
            Estimate e = c.estimate();
            g.writeObjectFieldStart(c.channel().wireName());
            nullableNumber(g, "seconds", e.seconds());
            nullableNumber(g, "p90_seconds", e.p90Seconds());
            g.writeBooleanField("estimable", e.estimable());
            g.writeStringField("reason", e.reason());
            g.writeStringField("method", e.method());
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void nullableNumber(JsonGenerator g, String field, Long value) throws IOException {
        if (value == null) {
            g.writeNullField(field);
        } else {
            g.writeNumberField(field, value);
        }
    }
}
