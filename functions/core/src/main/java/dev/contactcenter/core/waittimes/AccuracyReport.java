package dev.contactcenter.core.waittimes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.domain.Channel;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

/** The response of GET /wait_times/accuracy: one row per queue, language and channel with settled quotes in the window. */
public record AccuracyReport(int windowMinutes, long fromMillis, long toMillis, List<Row> queues) {

    /** @param lang null for contacts whose language was not reported */
    public record Row(long menuId, String lang, Channel channel, AccuracyStats stats) {}

    public ObjectNode toJson() {
        ObjectNode out = Json.object();
        out.put("window_minutes", windowMinutes);
        out.put("from", Json.timestamp(Instant.ofEpochMilli(fromMillis)));
        out.put("to", Json.timestamp(Instant.ofEpochMilli(toMillis)));
        ArrayNode rows = out.putArray("queues");
        for (Row row : queues) {
            AccuracyStats s = row.stats();
            ObjectNode o = rows.addObject();
            o.put("menu_id", row.menuId());
            o.put("lang", row.lang());
            o.put("channel", row.channel().wireName());
            o.put("count", s.count());
            seconds(o, "bias_seconds", s.biasSeconds());
            seconds(o, "rmse_seconds", s.rmseSeconds());
            seconds(o, "mae_seconds", s.maeSeconds());
            seconds(o, "mean_quoted_seconds", s.meanQuotedSeconds());
            seconds(o, "mean_realized_seconds", s.meanRealizedSeconds());
            o.put("abandoned_count", s.abandonedCount());
        }
        return out;
    }

    /**
     * Seconds to the tenth (realized waits are known to the millisecond, quotes only to the second), as a plain
     * decimal however large (a double would print 1.0E7).
     */
    private static void seconds(ObjectNode o, String field, Double value) {
        if (value == null) {
            o.putNull(field);
        } else {
            o.put(field, BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP));
        }
    }
}
