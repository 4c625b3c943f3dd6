package dev.contactcenter.core.hours;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hours model without AWS: call-back slots and the reused status. */
class OpeningHoursTest {
    static final Duration HALF_HOUR = Duration.ofMinutes(30);

    static OpeningHours hours(String json) throws Exception {
        HoursJson.Parsed parsed = HoursJson.parse((ObjectNode) Json.parse(json), "hours");
        assertTrue(parsed.problems().isEmpty(), parsed.problems().toString());
        return parsed.hours();
    }

    static List<String> local(List<OpeningHours.Interval> slots, ZoneId zone) {
        return slots.stream()
                .map(s -> HoursJson.local(s.start(), zone).substring(11))
                .toList();
    }

    @Test
    void slotsRunFromEachOpeningAndTheLastIsCutAtTheClose() throws Exception {
        OpeningHours h = hours(
                "{\"time_zone\":\"Europe/Berlin\",\"weekly\":[{\"day\":\"tue\",\"open\":\"08:15\",\"close\":\"09:30\"}]}");
        List<OpeningHours.Interval> slots =
                h.slots(Instant.parse("2026-06-16T00:00:00Z"), Instant.parse("2026-06-17T00:00:00Z"), HALF_HOUR);
        assertEquals(List.of("08:15:00+02:00", "08:45:00+02:00", "09:15:00+02:00"), local(slots, h.zone()));
        assertEquals(
                Duration.ofMinutes(15),
                Duration.between(slots.get(2).start(), slots.get(2).end()));
        assertEquals(
                slots.get(1),
                h.slotAt(Instant.parse("2026-06-16T06:59:59Z"), HALF_HOUR).orElseThrow());
        assertTrue(h.slotAt(Instant.parse("2026-06-16T07:30:00Z"), HALF_HOUR).isEmpty(), "closed at 09:30");
    }

    @Test
    void onTheSpringForwardDaySlotsKeepTheirLengthAcrossTheGap() throws Exception {
        OpeningHours h = hours(
                "{\"time_zone\":\"America/New_York\",\"weekly\":[{\"day\":\"sun\",\"open\":\"01:00\",\"close\":\"04:00\"}]}");
        List<OpeningHours.Interval> slots =
                h.slots(Instant.parse("2026-03-08T00:00:00Z"), Instant.parse("2026-03-09T00:00:00Z"), HALF_HOUR);
        // 01:00 EST to 04:00 EDT is two hours: four slots, the clock jumping from 01:59 to 03:00
        assertEquals(
                List.of("01:00:00-05:00", "01:30:00-05:00", "03:00:00-04:00", "03:30:00-04:00"),
                local(slots, h.zone()));
    }

    @Test
    void aroundTheClockSlotsLineUpInUtc() {
        OpeningHours always = OpeningHours.alwaysOpen();
        OpeningHours.Interval slot = always.slotAt(Instant.parse("2026-06-16T10:47:12Z"), Duration.ofMinutes(45))
                .orElseThrow();
        assertEquals(0, slot.start().getEpochSecond() % (45 * 60));
        assertTrue(slot.contains(Instant.parse("2026-06-16T10:47:12Z")));
    }

    @Test
    void theStatusIsReusedOnlyUntilTheNextChange() throws Exception {
        OpeningHours h =
                hours("{\"time_zone\":\"UTC\",\"weekly\":[{\"day\":\"mon\",\"open\":\"09:00\",\"close\":\"17:00\"}]}");
        Instant monday = Instant.parse("2026-06-15T08:00:00Z");
        assertFalse(h.status(monday).open());
        assertFalse(h.status(monday.plus(Duration.ofMinutes(59))).open());
        assertTrue(h.status(monday.plus(Duration.ofHours(1))).open(), "opens at 09:00 sharp");
        assertEquals(
                Instant.parse("2026-06-15T17:00:00Z"),
                h.status(monday.plus(Duration.ofHours(2))).nextClose());
        assertFalse(h.status(Instant.parse("2026-06-15T17:00:00Z")).open());
        assertFalse(h.status(monday.minus(Duration.ofDays(3))).open(), "an earlier instant is computed anew");
        assertEquals(
                Instant.parse("2026-06-15T09:00:00Z"),
                h.status(monday.minus(Duration.ofDays(3))).nextOpen());
    }
}
