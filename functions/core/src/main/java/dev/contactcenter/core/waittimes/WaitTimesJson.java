package dev.contactcenter.core.waittimes;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.ewt.Estimate;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The wait-times response in the shape of the vendor's example, streamed: a thousand rows through the
 * tree model would cost more CPU than computing them.
 */
public final class WaitTimesJson {
    // names and constant values encoded once, not escaped again for every row
    private static final SerializedString MENU_ID = new SerializedString("menu_id");
    private static final SerializedString MENU_TYPE = new SerializedString("menu_type");
    private static final SerializedString MATERIALIZED_PATH = new SerializedString("materialized_path");
    private static final SerializedString LOGGED_IN = new SerializedString("logged_in_agents");
    private static final SerializedString AVAILABLE = new SerializedString("available_agents");
    private static final SerializedString BREAKTHROUGH = new SerializedString("breakthrough_agents");
    private static final SerializedString ESTIMATES = new SerializedString("estimates");
    private static final SerializedString SECONDS = new SerializedString("seconds");
    private static final SerializedString P90 = new SerializedString("p90_seconds");
    private static final SerializedString ESTIMABLE = new SerializedString("estimable");
    private static final SerializedString REASON = new SerializedString("reason");
    private static final SerializedString METHOD = new SerializedString("method");
    private static final Map<String, SerializedString> CONSTANTS = new ConcurrentHashMap<>();

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
        g.writeFieldName(MENU_ID);
        g.writeNumber(row.menu().id());
        g.writeFieldName(MENU_TYPE);
        g.writeString(constant(row.menu().menuType().wireName()));
        g.writeFieldName(MATERIALIZED_PATH);
        g.writeString(row.menu().materializedPath());
        for (WaitTimeRow.ChannelEstimate c : row.estimates()) {
            nullableNumber(g, constant(c.channel().wireName()), c.estimate().seconds());
        }
        g.writeFieldName(LOGGED_IN);
        g.writeNumber(row.loggedInAgents());
        g.writeFieldName(AVAILABLE);
        g.writeNumber(row.availableAgents());
        g.writeFieldName(BREAKTHROUGH);
        g.writeNumber(row.breakthroughAgents());
        g.writeFieldName(ESTIMATES);
        g.writeStartObject();
        for (WaitTimeRow.ChannelEstimate c : row.estimates()) {
            Estimate e = c.estimate();
            g.writeFieldName(constant(c.channel().wireName()));
            g.writeStartObject();
            nullableNumber(g, SECONDS, e.seconds());
            nullableNumber(g, P90, e.p90Seconds());
            g.writeFieldName(ESTIMABLE);
            g.writeBoolean(e.estimable());
            g.writeFieldName(REASON);
            if (e.reason() == null) {
                g.writeNull();
            } else {
                g.writeString(constant(e.reason()));
            }
            g.writeFieldName(METHOD);
            g.writeString(constant(e.method()));
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    /** Wire names, reasons and method names: a handful of strings, encoded once. */
    private static SerializedString constant(String value) {
        return CONSTANTS.computeIfAbsent(value, SerializedString::new);
    }

    private static void nullableNumber(JsonGenerator g, SerializedString field, Long value) throws IOException {
        g.writeFieldName(field);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeNumber(value);
        }
    }
}
