package dev.contactcenter.core.hours;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A queue's hours of operation in its own time zone: open intervals per weekday (several a day; {@code close}
 * before {@code open} runs overnight into the next day) and dated exceptions (holidays closed all day, or special
 * hours). An exception replaces its whole calendar day: the weekly intervals starting that day, and the part of
 * the previous night's interval that runs into it.
 *
 * <p>Wall-clock times become instants with the zone's rules of that date. A time that does not exist (the hour
 * skipped when clocks spring forward) moves forward by the length of the gap; a time that exists twice (the hour
 * repeated when clocks fall back) opens at the first of the two and closes at the second, so the queue is open
 * for every wall-clock moment its interval names.
 */
public final class OpeningHours {
    /** Minutes in a day; a {@code close} of 24:00 is the end of the day. */
    public static final int DAY = 1440;
    /** How far ahead an opening or closing is looked for. */
    static final int HORIZON_DAYS = 400;

    private static final Instant FAR_FUTURE = Instant.parse("9999-12-31T00:00:00Z");
    private static final OpeningHours ALWAYS = new OpeningHours(ZoneId.of("UTC"), List.of(), List.of(), true);

    /** An interval of one weekday, minutes since midnight; {@code close < open} runs overnight. */
    public record Weekly(DayOfWeek day, int open, int close) {
        public boolean overnight() {
            return close < open;
        }
    }

    /** A dated exception: closed all day ({@code open} and {@code close} -1), or one interval of special hours. */
    public record Dated(LocalDate date, int open, int close) {
        public boolean closed() {
            return open < 0;
        }
    }

    /** An open interval, {@code [start, end)}. */
    public record Interval(Instant start, Instant end) {
        public boolean contains(Instant t) {
            return !t.isBefore(start) && t.isBefore(end);
        }
    }

    /**
     * Whether the queue is open at an instant; if open, when it closes and next opens after that; if closed, when it
     * next opens and closes again. Null where nothing happens within the horizon (a queue open around the clock
     * never closes).
     */
    public record Status(Instant at, boolean open, Instant nextOpen, Instant nextClose) {}

    private final ZoneId zone;
    private final List<Weekly> weekly;
    private final List<Dated> exceptions;
    private final boolean always;
    private final Map<LocalDate, List<Dated>> byDate = new TreeMap<>();
    /** The last status computed and until when it holds: wait times ask the same question on every request. */
    private volatile Cached cached;

    private record Cached(Status status, Instant until) {}

    public OpeningHours(ZoneId zone, List<Weekly> weekly, List<Dated> exceptions) {
        this(zone, weekly, exceptions, false);
    }

    private OpeningHours(ZoneId zone, List<Weekly> weekly, List<Dated> exceptions, boolean always) {
        this.zone = zone;
        this.weekly = List.copyOf(weekly);
        this.exceptions = List.copyOf(exceptions);
        this.always = always;
        for (Dated e : this.exceptions) {
            byDate.computeIfAbsent(e.date(), d -> new ArrayList<>()).add(e);
        }
    }

    /** A queue without hours: open around the clock (its slots are counted in UTC). */
    public static OpeningHours alwaysOpen() {
        return ALWAYS;
    }

    public boolean isAlwaysOpen() {
        return always;
    }

    public ZoneId zone() {
        return zone;
    }

    public List<Weekly> weekly() {
        return weekly;
    }

    public List<Dated> exceptions() {
        return exceptions;
    }

    public boolean isOpen(Instant t) {
        return status(t).open();
    }

    /** Whether the queue is open at {@code t}, and its next opening and closing. */
    public Status status(Instant t) {
        if (always) {
            return new Status(t, true, null, null);
        }
        Cached c = cached;
        if (c != null && !t.isBefore(c.status().at()) && t.isBefore(c.until())) {
            return new Status(
                    t, c.status().open(), c.status().nextOpen(), c.status().nextClose());
        }
        Status s = compute(t);
        Instant change = s.open() ? s.nextClose() : s.nextOpen();
        cached = new Cached(s, change == null ? t.plus(Duration.ofDays(1)) : change);
        return s;
    }

    private Status compute(Instant t) {
        for (int days : new int[] {8, 40, HORIZON_DAYS}) {
            Instant limit = t.plus(Duration.ofDays(days));
            List<Interval> merged = merge(own(t, limit));
            boolean last = days == HORIZON_DAYS;
            Interval current = null;
            Interval following = null;
            for (Interval i : merged) {
                if (i.contains(t)) {
                    current = i;
                } else if (i.start().isAfter(t) && following == null) {
                    following = i;
                }
            }
            // an end is certain only before the limit: an interval of a later day might continue it
            if (current != null && (current.end().isBefore(limit) && following != null || last)) {
                return new Status(
                        t,
                        true,
                        following == null ? null : following.start(),
                        current.end().isBefore(limit) ? current.end() : null);
            }
            if (current == null && following != null && (following.end().isBefore(limit) || last)) {
                return new Status(
                        t, false, following.start(), following.end().isBefore(limit) ? following.end() : null);
            }
            if (current == null && following == null && last) {
                return new Status(t, false, null, null);
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /**
     * The intervals as each day names them (not merged across midnight), overlapping {@code [from, to)}: call-back
     * slots start at each of them. Around the clock, one interval from the epoch, so slots line up in UTC.
     */
    public List<Interval> ownIntervals(Instant from, Instant to) {
        if (always) {
            return List.of(new Interval(Instant.EPOCH, FAR_FUTURE));
        }
        List<Interval> out = new ArrayList<>();
        for (Interval i : own(from, to)) {
            if (i.end().isAfter(from) && i.start().isBefore(to)) {
                out.add(i);
            }
        }
        return out;
    }

    /** The interval a day names that contains {@code t}, if the queue is open then. */
    public Optional<Interval> ownIntervalAt(Instant t) {
        return ownIntervals(t, t.plusMillis(1)).stream()
                .filter(i -> i.contains(t))
                .findFirst();
    }

    /**
     * The call-back slot containing {@code t}: slots of {@code length} run from the start of each day's interval
     * (the last one cut at its close), so they follow the queue's wall clock; around the clock they line up in UTC.
     */
    public Optional<Interval> slotAt(Instant t, Duration length) {
        return ownIntervalAt(t)
                .map(i -> slot(
                        i,
                        i.start()
                                .plus(length.multipliedBy(
                                        Duration.between(i.start(), t).toMillis() / length.toMillis())),
                        length));
    }

    /** The slots that end after {@code from} and start before {@code to}, in order. */
    public List<Interval> slots(Instant from, Instant to, Duration length) {
        List<Interval> out = new ArrayList<>();
        for (Interval i : ownIntervals(from, to)) {
            Instant start = i.start();
            if (start.isBefore(from)) {
                start = start.plus(
                        length.multipliedBy(Duration.between(start, from).toMillis() / length.toMillis()));
            }
            for (; start.isBefore(i.end()) && start.isBefore(to); start = start.plus(length)) {
                out.add(slot(i, start, length));
            }
        }
        return out;
    }

    private static Interval slot(Interval within, Instant start, Duration length) {
        Instant end = start.plus(length);
        return new Interval(start, end.isAfter(within.end()) ? within.end() : end);
    }

    /** Every day's own intervals from the day before {@code from} to the day after {@code to}, by start. */
    private List<Interval> own(Instant from, Instant to) {
        LocalDate first = from.atZone(zone).toLocalDate().minusDays(1);
        LocalDate last = to.atZone(zone).toLocalDate().plusDays(1);
        List<Interval> out = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            List<Dated> special = byDate.get(d);
            if (special != null) {
                for (Dated e : special) {
                    if (!e.closed()) {
                        out.add(interval(d, e.open(), e.close()));
                    }
                }
            } else {
                for (Weekly w : weekly) {
                    if (w.day() == d.getDayOfWeek()) {
                        out.add(interval(d, w.open(), w.close()));
                    }
                }
            }
        }
        out.removeIf(i -> !i.end().isAfter(i.start()));
        out.sort(Comparator.comparing(Interval::start));
        return out;
    }

    private Interval interval(LocalDate day, int open, int close) {
        Instant start = ZonedDateTime.ofLocal(at(day, open), zone, null)
                .withEarlierOffsetAtOverlap()
                .toInstant();
        LocalDate closeDay = close <= open ? day.plusDays(1) : day;
        Instant end = ZonedDateTime.ofLocal(at(closeDay, close), zone, null)
                .withLaterOffsetAtOverlap()
                .toInstant();
        LocalDate next = day.plusDays(1);
        if (byDate.containsKey(next)) {
            // an exception owns its whole day: the night before ends at its midnight
            Instant midnight = next.atStartOfDay(zone).toInstant();
            if (end.isAfter(midnight)) {
                end = midnight;
            }
        }
        return new Interval(start, end);
    }

    private static LocalDateTime at(LocalDate day, int minutes) {
        return minutes >= DAY ? day.plusDays(1).atStartOfDay() : day.atTime(LocalTime.of(minutes / 60, minutes % 60));
    }

    private static List<Interval> merge(List<Interval> sorted) {
        List<Interval> out = new ArrayList<>();
        for (Interval i : sorted) {
            Interval lastOne = out.isEmpty() ? null : out.get(out.size() - 1);
            if (lastOne != null && !i.start().isAfter(lastOne.end())) {
                if (i.end().isAfter(lastOne.end())) {
                    out.set(out.size() - 1, new Interval(lastOne.start(), i.end()));
                }
            } else {
                out.add(i);
            }
        }
        return out;
    }
}
