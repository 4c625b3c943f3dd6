package dev.contactcenter.core.waittimes;

import dev.contactcenter.core.JsonText;
import dev.contactcenter.core.ewt.Estimate;

import java.util.List;

/**
 * The wait-times response in the shape of the vendor's example, appended as text (see {@link JsonText}):
 * a thousand rows through the tree model, or even a generator, would cost more CPU than computing them.
 */
public final class WaitTimesJson {
    private WaitTimesJson() {
    }

    public static String write(List<WaitTimeRow> rows) {
        StringBuilder out = new StringBuilder(rows.size() * 320 + 2).append('[');
        for (int i = 0; i < rows.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            writeRow(out, rows.get(i));
        }
        return out.append(']').toString();
    }

    private static void writeRow(StringBuilder out, WaitTimeRow row) {
        out.append('{');
        JsonText.field(out, "menu_id", true).append(row.menu().id());
        JsonText.string(JsonText.field(out, "menu_type", false), row.menu().menuType().wireName());
        JsonText.string(JsonText.field(out, "materialized_path", false), row.menu().materializedPath());
        for (WaitTimeRow.ChannelEstimate c : row.estimates()) {
            JsonText.number(JsonText.field(out, c.channel().wireName(), false), c.estimate().seconds());
        }
        JsonText.field(out, "logged_in_agents", false).append(row.loggedInAgents());
        JsonText.field(out, "available_agents", false).append(row.availableAgents());
        JsonText.field(out, "breakthrough_agents", false).append(row.breakthroughAgents());
        JsonText.field(out, "estimates", false).append('{');
        boolean first = true;
        for (WaitTimeRow.ChannelEstimate c : row.estimates()) {
            Estimate e = c.estimate();
            JsonText.field(out, c.channel().wireName(), first).append('{');
            JsonText.number(JsonText.field(out, "seconds", true), e.seconds());
            JsonText.number(JsonText.field(out, "p90_seconds", false), e.p90Seconds());
            JsonText.field(out, "estimable", false).append(e.estimable());
            JsonText.string(JsonText.field(out, "reason", false), e.reason());
            JsonText.string(JsonText.field(out, "method", false), e.method());
            out.append('}');
            first = false;
        }
        out.append("}}");
    }
}
