package dev.contactcenter.core.waittimes;

import dev.contactcenter.core.Json;
import dev.contactcenter.core.JsonText;
import dev.contactcenter.core.ewt.Estimate;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32C;

/**
 * The wait-times response in the shape of the vendor's example, appended as text (see {@link JsonText}), with
 * its entity tag. Between two requests most rows come out the same (estimates are whole seconds, and most
 * queues did not move), so each row's text and checksum are kept and reused while its menu (the same parsed
 * menu, so the same version) and its figures are equal: writing and checksumming a thousand rows anew cost
 * more CPU than estimating them.
 */
public final class WaitTimesJson {
    /** A few large tenants per execution environment; beyond this the kept rows are dropped and written anew. */
    private static final int MAX_KEPT_ROWS = 50_000;

    /** The response body and its strong entity tag. */
    public record Body(String json, String etag) {}

    /** A row as last written: its text, the UTF-8 length and CRC-32C of that text. */
    private record RowText(WaitTimeRow row, String text, int bytes, int crc) {}

    /** Per tenant: the rows by menu id, and the last response's rows in order. */
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    private final AtomicInteger keptRows = new AtomicInteger();

    /** A tenant's kept rows; {@code last} is replaced whole, never changed. */
    private static final class Kept {
        final Map<Long, RowText> byMenu = new ConcurrentHashMap<>();
        volatile RowText[] last = new RowText[0];
        volatile int lastLength;
    }

    /**
     * The rows as JSON. The tag is {@code "{UTF-8 length in hex}-{64-bit hash in hex}"}, the hash mixing the
     * rows' CRC-32C checksums in order: equal bodies get equal tags in every execution environment, and a
     * different body of the same length needs a checksum collision to get the same tag.
     */
    public Body write(String tenantId, List<WaitTimeRow> rows) {
        Kept tenant = kept.computeIfAbsent(tenantId, t -> new Kept());
        RowText[] last = tenant.last;
        RowText[] written = new RowText[rows.size()];
        StringBuilder out = new StringBuilder(Math.max(tenant.lastLength, rows.size() * 370) + 2).append('[');
        long bytes = 2L + Math.max(0, rows.size() - 1);
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < rows.size(); i++) {
            WaitTimeRow row = rows.get(i);
            // mostly the same rows come in the same order as last time: no lookup then
            RowText text = i < last.length && last[i].row().sameAs(row)
                    ? last[i]
                    : tenant.byMenu.get(row.menu().id());
            if (text == null || !text.row().sameAs(row)) {
                text = render(row);
                remember(tenant, text);
            }
            written[i] = text;
            if (i > 0) {
                out.append(',');
            }
            out.append(text.text());
            bytes += text.bytes();
            // FNV-1a over the rows' checksums: order matters, as in the text
            hash = (hash ^ (text.crc() & 0xffffffffL)) * 0x100000001b3L;
        }
        String json = out.append(']').toString();
        tenant.last = written;
        tenant.lastLength = json.length();
        return new Body(json, "\"" + Long.toHexString(bytes) + "-" + Long.toHexString(hash) + "\"");
    }

    private void remember(Kept tenant, RowText text) {
        if (tenant.byMenu.put(text.row().menu().id(), text) == null && keptRows.incrementAndGet() > MAX_KEPT_ROWS) {
            kept.clear();
            keptRows.set(0);
        }
    }

    private static RowText render(WaitTimeRow row) {
        StringBuilder out = new StringBuilder(384);
        writeRow(out, row);
        String text = out.toString();
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        CRC32C crc = new CRC32C();
        crc.update(utf8);
        return new RowText(row, text, utf8.length, (int) crc.getValue());
    }

    private static void writeRow(StringBuilder out, WaitTimeRow row) {
        out.append('{');
        JsonText.field(out, "menu_id", true).append(row.menu().id());
        JsonText.string(
                JsonText.field(out, "menu_type", false), row.menu().menuType().wireName());
        JsonText.string(
                JsonText.field(out, "materialized_path", false), row.menu().materializedPath());
        for (WaitTimeRow.ChannelEstimate c : row.estimates()) {
            JsonText.number(
                    JsonText.field(out, c.channel().wireName(), false),
                    c.estimate().seconds());
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
            if (row.opensAt() != null) {
                JsonText.string(JsonText.field(out, "opens_at", false), Json.timestamp(row.opensAt()));
            }
            out.append('}');
            first = false;
        }
        out.append("}}");
    }
}
