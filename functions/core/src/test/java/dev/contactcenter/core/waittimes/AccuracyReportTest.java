package dev.contactcenter.core.waittimes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.contactcenter.core.Json;
import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.queue.ContactState;
import dev.contactcenter.core.queue.SettledQuote;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccuracyReportTest {
    private static final long T0 = 1_795_000_000_000L;

    @Test
    void rowsCarrySecondsInTenthsAsPlainDecimalsAndNullsWithoutASample() {
        AccuracyStats served = new AccuracyStats();
        // one very wrong quote: 20,000,000 s quoted, 2.25 s waited
        served.add(new SettledQuote(
                "c1", 7, "/0000000000000007/", "en", Channel.CHAT, ContactState.ASSIGNED, 20_000_000, T0, T0 + 2_250));
        AccuracyStats abandonedOnly = new AccuracyStats();
        abandonedOnly.add(new SettledQuote(
                "c2", 8, "/0000000000000008/", null, Channel.VOICE_CALL, ContactState.ABANDONED, 60, T0, T0 + 5_000));
        AccuracyReport report = new AccuracyReport(
                60,
                T0 - 3_600_000,
                T0,
                List.of(
                        new AccuracyReport.Row(7, "en", Channel.CHAT, served),
                        new AccuracyReport.Row(8, null, Channel.VOICE_CALL, abandonedOnly)));
        assertEquals(
                "{\"window_minutes\":60,\"from\":\"2026-11-18T10:06:40.000Z\",\"to\":\"2026-11-18T11:06:40.000Z\",\"queues\":["
                        + "{\"menu_id\":7,\"lang\":\"en\",\"channel\":\"chat\",\"count\":1,\"bias_seconds\":19999997.8,\"rmse_seconds\":19999997.8,"
                        + "\"mae_seconds\":19999997.8,\"mean_quoted_seconds\":20000000.0,\"mean_realized_seconds\":2.3,\"abandoned_count\":0},"
                        + "{\"menu_id\":8,\"lang\":null,\"channel\":\"voice_call\",\"count\":0,\"bias_seconds\":null,\"rmse_seconds\":null,"
                        + "\"mae_seconds\":null,\"mean_quoted_seconds\":null,\"mean_realized_seconds\":null,\"abandoned_count\":1}]}",
                Json.write(report.toJson()));
    }
}
