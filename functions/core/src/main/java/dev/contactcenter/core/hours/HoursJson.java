package dev.contactcenter.core.hours;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hours of operation as clients write them:
 * {@code {"time_zone": "America/New_York", "weekly": [{"day": "mon", "open": "08:00", "close": "18:00"}],
 * "exceptions": [{"date": "2026-12-25", "closed": true}, {"date": "2026-12-24", "open": "08:00", "close": "12:00"}]}},
 * read with one error per offending field (named from {@code prefix}), and written back in the same form.
 */
public final class HoursJson {
    public static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    static final int MAX_WEEKLY = 70;
    static final int MAX_EXCEPTIONS = 400;
    private static final java.time.format.DateTimeFormatter LOCAL =
            java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");
    private static final Set<String> FIELDS = Set.of("time_zone", "weekly", "exceptions");
    private static final Set<String> WEEKLY_FIELDS = Set.of("day", "open", "close");
    private static final Set<String> EXCEPTION_FIELDS = Set.of("date", "closed", "open", "close");

    /** A field and what is wrong with it. */
    public record Problem(String field, String detail) {}

    /** The hours, or null with the problems found. */
    public record Parsed(OpeningHours hours, List<Problem> problems) {}

    private HoursJson() {}

    public static Parsed parse(JsonNode node, String prefix) {
        List<Problem> problems = new ArrayList<>();
        if (node == null || !node.isObject()) {
            problems.add(new Problem(
                    prefix,
                    "'" + prefix + "' must be an object with time_zone, weekly and optional "
                            + "exceptions, or null for none."));
            return new Parsed(null, problems);
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                problems.add(
                        new Problem(prefix + "." + name, "Unknown field; allowed: time_zone, weekly, exceptions."));
            }
        });
        ZoneId zone = zone(node.get("time_zone"), prefix + ".time_zone", problems);
        List<OpeningHours.Weekly> weekly = weekly(node.get("weekly"), prefix + ".weekly", problems);
        List<OpeningHours.Dated> dated = exceptions(node.get("exceptions"), prefix + ".exceptions", problems);
        return problems.isEmpty()
                ? new Parsed(new OpeningHours(zone, weekly, dated), List.of())
                : new Parsed(null, List.copyOf(problems));
    }

    private static ZoneId zone(JsonNode node, String field, List<Problem> problems) {
        if (node == null || !node.isTextual()) {
            problems.add(
                    new Problem(field, "'" + field + "' is required: an IANA time zone such as America/New_York."));
            return null;
        }
        // region ids only: a fixed offset such as +02:00 would ignore daylight saving time
        if (!ZoneId.getAvailableZoneIds().contains(node.textValue())) {
            problems.add(new Problem(
                    field,
                    "Unknown time zone '" + abbreviate(node.textValue())
                            + "'; use an IANA zone such as America/New_York or Europe/Berlin."));
            return null;
        }
        return ZoneId.of(node.textValue());
    }

    private static List<OpeningHours.Weekly> weekly(JsonNode node, String field, List<Problem> problems) {
        List<OpeningHours.Weekly> out = new ArrayList<>();
        if (node == null || !node.isArray() || node.size() > MAX_WEEKLY) {
            problems.add(new Problem(
                    field,
                    "'" + field + "' is required: an array of at most " + MAX_WEEKLY
                            + " {\"day\", \"open\", \"close\"} intervals (empty: open only on exception dates)."));
            return out;
        }
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String at = field + "[" + i + "]";
            JsonNode item = node.get(i);
            if (!shape(item, WEEKLY_FIELDS, at, problems)) {
                continue;
            }
            JsonNode day = item.get("day");
            int d = day != null && day.isTextual() ? DAYS.indexOf(day.textValue()) : -1;
            if (d < 0) {
                problems.add(new Problem(at + ".day", "'day' must be one of " + String.join(", ", DAYS) + "."));
            }
            int[] span = span(item, at, problems);
            if (d >= 0 && span != null) {
                out.add(new OpeningHours.Weekly(DayOfWeek.of(d + 1), span[0], span[1]));
                indexes.add(i);
            }
        }
        // minute-of-week ranges; an overnight interval runs into the next day, Sunday's into Monday
        int week = 7 * OpeningHours.DAY;
        for (int j = 0; j < out.size(); j++) {
            for (int i = 0; i < j; i++) {
                if (overlap(range(out.get(i)), range(out.get(j)), week)) {
                    problems.add(new Problem(
                            field + "[" + indexes.get(j) + "]",
                            "This interval overlaps " + field + "[" + indexes.get(i) + "]."));
                    break;
                }
            }
        }
        return out;
    }

    private static List<OpeningHours.Dated> exceptions(JsonNode node, String field, List<Problem> problems) {
        List<OpeningHours.Dated> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray() || node.size() > MAX_EXCEPTIONS) {
            problems.add(new Problem(
                    field,
                    "'" + field + "' must be an array of at most " + MAX_EXCEPTIONS
                            + " {\"date\", \"closed\": true} or {\"date\", \"open\", \"close\"} entries."));
            return out;
        }
        Map<LocalDate, Integer> firstOfDate = new HashMap<>();
        for (int i = 0; i < node.size(); i++) {
            String at = field + "[" + i + "]";
            JsonNode item = node.get(i);
            if (!shape(item, EXCEPTION_FIELDS, at, problems)) {
                continue;
            }
            LocalDate date = date(item.get("date"), at + ".date", problems);
            JsonNode closed = item.get("closed");
            OpeningHours.Dated entry = null;
            if (closed != null) {
                if (!closed.isBoolean() || !closed.booleanValue() || item.has("open") || item.has("close")) {
                    problems.add(new Problem(
                            at + ".closed",
                            "An exception is either {\"date\", \"closed\": true} "
                                    + "or {\"date\", \"open\", \"close\"}."));
                } else if (date != null) {
                    entry = new OpeningHours.Dated(date, -1, -1);
                }
            } else {
                int[] span = span(item, at, problems);
                if (span != null && date != null) {
                    entry = new OpeningHours.Dated(date, span[0], span[1]);
                }
            }
            if (entry == null) {
                continue;
            }
            Integer first = firstOfDate.putIfAbsent(entry.date(), i);
            for (OpeningHours.Dated other : out) {
                if (other.date().equals(entry.date())
                        && (other.closed()
                                || entry.closed()
                                || overlap(range(other), range(entry), Integer.MAX_VALUE))) {
                    problems.add(new Problem(
                            at,
                            entry.closed() || other.closed()
                                    ? "Date " + entry.date() + " is listed as closed and with hours (first at " + field
                                            + "[" + first + "])."
                                    : "This interval overlaps another of " + entry.date() + " (first at " + field + "["
                                            + first + "])."));
                    entry = null;
                    break;
                }
            }
            if (entry != null) {
                out.add(entry);
            }
        }
        return out;
    }

    private static boolean shape(JsonNode item, Set<String> allowed, String at, List<Problem> problems) {
        if (item == null || !item.isObject()) {
            problems.add(new Problem(at, "Each entry must be an object with " + String.join(", ", allowed) + "."));
            return false;
        }
        boolean ok = true;
        for (var names = item.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                problems.add(new Problem(
                        at + "." + abbreviate(name),
                        "Unknown field; allowed: "
                                + String.join(", ", allowed.stream().sorted().toList()) + "."));
                ok = false;
            }
        }
        return ok;
    }

    /** open and close in minutes; close not after open means overnight, equal is refused. */
    private static int[] span(JsonNode item, String at, List<Problem> problems) {
        int open = time(item.get("open"), at + ".open", false, problems);
        int close = time(item.get("close"), at + ".close", true, problems);
        if (open < 0 || close < 0) {
            return null;
        }
        if (close == open) {
            problems.add(new Problem(
                    at + ".close",
                    "'close' must be after 'open' (or before it, for an interval "
                            + "that runs overnight into the next day)."));
            return null;
        }
        return new int[] {open, close};
    }

    private static int time(JsonNode node, String field, boolean mayBeMidnight, List<Problem> problems) {
        String text = node != null && node.isTextual() ? node.textValue() : "";
        if (text.matches("([01][0-9]|2[0-3]):[0-5][0-9]")) {
            return Integer.parseInt(text.substring(0, 2)) * 60 + Integer.parseInt(text.substring(3));
        }
        if (mayBeMidnight && text.equals("24:00")) {
            return OpeningHours.DAY;
        }
        problems.add(new Problem(
                field,
                "'" + field.substring(field.lastIndexOf('.') + 1) + "' is required as HH:MM, " + "00:00 to 23:59"
                        + (mayBeMidnight ? " (or 24:00 for the end of the day)." : ".")));
        return -1;
    }

    private static LocalDate date(JsonNode node, String field, List<Problem> problems) {
        try {
            if (node != null && node.isTextual() && node.textValue().matches("20[0-9]{2}-[0-9]{2}-[0-9]{2}")) {
                return LocalDate.parse(node.textValue());
            }
        } catch (DateTimeException e) {
            // reported below
        }
        problems.add(new Problem(field, "'date' is required as YYYY-MM-DD (a real date, years 2000-2099)."));
        return null;
    }

    private static int[] range(OpeningHours.Weekly w) {
        int start = (w.day().getValue() - 1) * OpeningHours.DAY + w.open();
        return new int[] {start, start + length(w.open(), w.close())};
    }

    private static int[] range(OpeningHours.Dated d) {
        return new int[] {d.open(), d.open() + length(d.open(), d.close())};
    }

    private static int length(int open, int close) {
        return close > open ? close - open : OpeningHours.DAY - open + close;
    }

    /** Whether two ranges overlap on a circle of {@code period} minutes. */
    private static boolean overlap(int[] a, int[] b, int period) {
        for (long k = -1; k <= 1; k++) {
            long shift = period == Integer.MAX_VALUE ? 0 : k * period;
            if (a[0] < b[1] + shift && b[0] + shift < a[1]) {
                return true;
            }
        }
        return false;
    }

    /** The hours in the form they were given, as compact JSON text. */
    public static StringBuilder write(StringBuilder out, OpeningHours h) {
        out.append("{\"time_zone\":\"").append(h.zone().getId()).append("\",\"weekly\":[");
        for (int i = 0; i < h.weekly().size(); i++) {
            OpeningHours.Weekly w = h.weekly().get(i);
            out.append(i == 0 ? "" : ",")
                    .append("{\"day\":\"")
                    .append(DAYS.get(w.day().getValue() - 1))
                    .append("\",\"open\":\"")
                    .append(clock(w.open()))
                    .append("\",\"close\":\"")
                    .append(clock(w.close()))
                    .append("\"}");
        }
        out.append("],\"exceptions\":[");
        for (int i = 0; i < h.exceptions().size(); i++) {
            OpeningHours.Dated d = h.exceptions().get(i);
            out.append(i == 0 ? "" : ",")
                    .append("{\"date\":\"")
                    .append(d.date())
                    .append('"');
            if (d.closed()) {
                out.append(",\"closed\":true}");
            } else {
                out.append(",\"open\":\"")
                        .append(clock(d.open()))
                        .append("\",\"close\":\"")
                        .append(clock(d.close()))
                        .append("\"}");
            }
        }
        return out.append("]}");
    }

    public static String text(OpeningHours h) {
        return write(new StringBuilder(128), h).toString();
    }

    /** An ISO-8601 date-time with its offset ({@code Z} or {@code ±hh:mm}), as clients send instants. */
    public static java.util.Optional<java.time.Instant> instant(String text) {
        if (text == null || text.length() > 40) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(java.time.OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeException e) {
            return java.util.Optional.empty();
        }
    }

    /** An instant as the queue's wall clock shows it, with the offset in force then. */
    public static String local(java.time.Instant instant, ZoneId zone) {
        return instant == null ? null : LOCAL.format(instant.atZone(zone));
    }

    private static String clock(int minutes) {
        return String.format("%02d:%02d", minutes / 60, minutes % 60);
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
