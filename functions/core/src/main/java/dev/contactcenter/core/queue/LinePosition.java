package dev.contactcenter.core.queue;

import dev.contactcenter.core.ewt.QueueSnapshot;
import dev.contactcenter.core.ewt.WaitingContact;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a waiting contact stands in its line, from the stored counts of its queue ({@link QueueStateMapper}: waiting
 * contacts per priority and minute joined, and for the last {@link QueueStateMapper#JOIN_SPLIT_MINUTES} minutes per
 * five seconds joined): every contact of a higher priority (served first, whenever they joined), every contact of its
 * priority counted in an earlier interval, and of those counted in its own interval, the share that joined before it
 * if arrivals were spread evenly over the part of the interval they can have joined in. That part ends now when the
 * interval is the current one (nobody joined in its future), and starts when the last contact to enter service joined
 * when that was in the same interval and the line has one priority (FCFS: whoever joined before that one has left).
 * The stored state does not list who joined when, so the position is approximate: it can be off by at most the
 * number of others in the contact's own interval, and is exact when it joined alone in it.
 *
 * <p>Contacts listed with their own moment (span 0: the accuracy benchmark's line) are binned as the stored item
 * counts them: by five seconds in a split minute that holds one priority, else by minute.
 */
final class LinePosition {
    private LinePosition() {}

    /**
     * @param ahead       contacts to be served before this one (its position is {@code ahead + 1})
     * @param uncertainty the others counted in its own interval: how far {@code ahead} can be from the truth
     */
    record Place(int ahead, int uncertainty) {
        int position() {
            return ahead + 1;
        }
    }

    /** The place of a contact of this priority that joined at {@code queuedAtMillis}, in a stored line at {@code nowMillis}. */
    static Place of(QueueSnapshot line, long priority, long queuedAtMillis, long nowMillis) {
        Set<Long> mixedMinutes = mixedMinutes(line);
        long minute = Math.floorDiv(queuedAtMillis, QueueStateMapper.WAIT_BUCKET_MILLIS);
        long width = split(minute, nowMillis, mixedMinutes)
                ? QueueStateMapper.JOIN_SLOT_MILLIS
                : QueueStateMapper.WAIT_BUCKET_MILLIS;
        boolean onePriority = true;
        for (WaitingContact w : line.waiting()) {
            onePriority &= w.priority() == priority;
            // a minute the stored item could not split (several priorities, a slot lost): counted by minute
            if (w.priority() == priority
                    && w.spanMillis() == WaitingContact.MINUTE_MILLIS
                    && Math.floorDiv(w.queuedAtMillis(), QueueStateMapper.WAIT_BUCKET_MILLIS) == minute) {
                width = QueueStateMapper.WAIT_BUCKET_MILLIS;
            }
        }
        long from = Math.floorDiv(queuedAtMillis, width) * width;
        long end = from + width;
        long before = 0;
        int sameInterval = 0;
        for (WaitingContact w : line.waiting()) {
            if (w.priority() > priority) {
                before += w.count();
            } else if (w.priority() == priority) {
                long start = start(w, nowMillis, mixedMinutes);
                if (start + span(w, nowMillis, mixedMinutes) <= from) {
                    before += w.count();
                } else if (start < end) {
                    sameInterval += w.count();
                }
            }
        }
        // the contact itself is one of its interval's count (unless its count was lost or is stale)
        int others = Math.max(0, sameInterval - 1);
        long to = Math.min(end, Math.max(nowMillis, queuedAtMillis));
        if (onePriority && line.lesAtMillis() != null && line.lesWaitSeconds() != null) {
            // its wait is stored rounded to the second: this is within half a second of when it joined
            long lastServedJoined = line.lesAtMillis() - line.lesWaitSeconds() * 1000;
            if (lastServedJoined > from && lastServedJoined <= queuedAtMillis) {
                from = lastServedJoined;
            }
        }
        double share = to > from ? Math.min(1, Math.max(0, (queuedAtMillis - from) / (double) (to - from))) : 0.5;
        long ahead = before + Math.round(others * share);
        return new Place((int) Math.min(Integer.MAX_VALUE - 1, ahead), others);
    }

    /** Whether the stored item splits this minute into five-second slots. */
    private static boolean split(long minute, long nowMillis, Set<Long> mixedMinutes) {
        return QueueStateMapper.joinSlotsKept(minute * QueueStateMapper.WAIT_BUCKET_MILLIS, nowMillis)
                && !mixedMinutes.contains(minute);
    }

    /** The width of the interval a line entry's contacts joined in. */
    private static long span(WaitingContact w, long nowMillis, Set<Long> mixedMinutes) {
        if (w.spanMillis() > 0) {
            return w.spanMillis();
        }
        return split(Math.floorDiv(w.queuedAtMillis(), QueueStateMapper.WAIT_BUCKET_MILLIS), nowMillis, mixedMinutes)
                ? QueueStateMapper.JOIN_SLOT_MILLIS
                : QueueStateMapper.WAIT_BUCKET_MILLIS;
    }

    private static long start(WaitingContact w, long nowMillis, Set<Long> mixedMinutes) {
        long span = span(w, nowMillis, mixedMinutes);
        return w.spanMillis() > 0 ? w.queuedAtMillis() - span / 2 : Math.floorDiv(w.queuedAtMillis(), span) * span;
    }

    /**
     * The minutes in which contacts listed with their own moment have several priorities, which the stored item counts
     * by minute; empty for a line of one priority.
     */
    private static Set<Long> mixedMinutes(QueueSnapshot line) {
        List<WaitingContact> waiting = line.waiting();
        boolean onePriority = true;
        for (WaitingContact w : waiting) {
            onePriority &= w.priority() == waiting.get(0).priority();
        }
        if (onePriority) {
            return Set.of();
        }
        Map<Long, Long> priorityOf = new HashMap<>();
        Set<Long> mixed = new HashSet<>();
        for (WaitingContact w : waiting) {
            long minute = Math.floorDiv(w.queuedAtMillis(), QueueStateMapper.WAIT_BUCKET_MILLIS);
            if (w.spanMillis() == 0 && priorityOf.merge(minute, w.priority(), (a, b) -> a) != w.priority()) {
                mixed.add(minute);
            }
        }
        return mixed;
    }
}
