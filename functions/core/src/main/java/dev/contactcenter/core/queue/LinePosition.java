package dev.contactcenter.core.queue;

import dev.contactcenter.core.ewt.QueueSnapshot;
import dev.contactcenter.core.ewt.WaitingContact;

/**
 * Where a waiting contact stands in its line, from the stored counts of its queue (waiting contacts per priority and
 * minute joined, {@link QueueStateMapper}): every contact of a higher priority (served first, whenever they joined),
 * every contact of its priority who joined in an earlier minute, and of those who joined in its own minute, the
 * share that joined before it if arrivals were spread evenly over the part of the minute they can have joined in.
 * That part ends now when the minute is the current one (nobody joined in its future), and starts when the last
 * contact to enter service joined when that was in the same minute and the line has one priority (FCFS: whoever
 * joined before that one has left). The stored state does not list who joined when within a minute, so the
 * position is approximate: it can be off by at most the number of others in the contact's own minute, and is exact
 * when it joined alone in its minute.
 */
final class LinePosition {
    private LinePosition() {}

    /**
     * @param ahead       contacts to be served before this one (its position is {@code ahead + 1})
     * @param uncertainty the others counted in its own minute: how far {@code ahead} can be from the truth
     */
    record Place(int ahead, int uncertainty) {
        int position() {
            return ahead + 1;
        }
    }

    /** The place of a contact of this priority that joined at {@code queuedAtMillis}, in a stored line at {@code nowMillis}. */
    static Place of(QueueSnapshot line, long priority, long queuedAtMillis, long nowMillis) {
        long minute = Math.floorDiv(queuedAtMillis, QueueStateMapper.WAIT_BUCKET_MILLIS);
        long before = 0;
        int sameMinute = 0;
        boolean onePriority = true;
        for (WaitingContact w : line.waiting()) {
            long joined = Math.floorDiv(w.queuedAtMillis(), QueueStateMapper.WAIT_BUCKET_MILLIS);
            onePriority &= w.priority() == priority;
            if (w.priority() > priority || w.priority() == priority && joined < minute) {
                before += w.count();
            } else if (w.priority() == priority && joined == minute) {
                sameMinute += w.count();
            }
        }
        // the contact itself is one of its minute's count (unless its count was lost or is stale)
        int others = Math.max(0, sameMinute - 1);
        long from = minute * QueueStateMapper.WAIT_BUCKET_MILLIS;
        long to = Math.min(from + QueueStateMapper.WAIT_BUCKET_MILLIS, Math.max(nowMillis, queuedAtMillis));
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
}
