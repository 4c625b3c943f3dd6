package dev.contactcenter.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonTimestampTest {
    /** The format every response used before timestamps were written digit by digit. */
    private static final DateTimeFormatter FORMATTER =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void writesWhatTheFormatterWrites() {
        List<String> edges = List.of(
                "1970-01-01T00:00:00Z",
                "1969-12-31T23:59:59.999Z",
                "2024-02-29T12:00:00.5Z",
                "2000-02-29T23:59:59.999999999Z",
                "1900-03-01T00:00:00.001Z",
                "2026-11-24T04:15:30.120Z",
                "0001-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999Z",
                "+10000-01-01T00:00:00Z",
                "-0001-06-15T08:30:00Z",
                "0000-12-31T23:59:59Z");
        for (String edge : edges) {
            Instant instant = Instant.parse(edge);
            assertEquals(FORMATTER.format(instant), Json.timestamp(instant), edge);
        }
        Random random = new Random(5);
        long min = Instant.parse("0001-01-01T00:00:00Z").toEpochMilli();
        long max = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();
        for (int i = 0; i < 200_000; i++) {
            // half over the whole range, half around now, where the data is
            long millis = i % 2 == 0
                    ? min + (long) (random.nextDouble() * (max - min))
                    : 1_700_000_000_000L + (long) (random.nextDouble() * 200_000_000_000L);
            Instant instant = Instant.ofEpochMilli(millis).plusNanos(random.nextInt(1_000_000));
            assertEquals(FORMATTER.format(instant), Json.timestamp(instant), instant.toString());
        }
    }

    @Test
    void nullStaysNull() {
        assertNull(Json.timestamp(null));
    }
}
