package dev.contactcenter.core.queue;

import dev.contactcenter.core.ewt.WaitingContact;
import java.util.List;

/**
 * Where a waiting contact stands in its line, from the stored counts of its queue (waiting contacts per priority and
 * minute joined, {@link QueueStateMapper}): every contact of a higher priority (served first, whenever they joined),
 * every contact of its priority who joined in an earlier minute, and of those who joined in its own minute, the
 * share that joined before it if arrivals were spread evenly over the minute. The stored state does not list who
 * joined when within a minute, so the position is approximate: it can be off by at most the number of others in
 * the contact's own minute, and is exact when it joined alone in its minute.
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

    /** The place of a contact of this priority that joined at {@code queuedAtMillis}, in a stored line. */
    static Place of(List<WaitingContact> line, long priority, long queuedAtMillis) {
        long minute = Math.floorDiv(queuedAtMillis, QueueStateMapper.WAIT_BUCKET_MILLIS);
        long before = 0;
        int sameMinute = 0;
        for (WaitingContact w : line) {
            long joined = Math.floorDiv(w.queuedAtMillis(), QueueStateMapper.WAIT_BUCKET_MILLIS);
            if (w.priority() > priority || w.priority() == priority && joined < minute) {
                before += w.count();
            } else if (w.priority() == priority && joined == minute) {
                sameMinute += w.count();
            }
        }
        // the contact itself is one of its minute's count (unless its count was lost or is stale)
        int others = Math.max(0, sameMinute - 1);
        double intoMinute = (queuedAtMillis - minute * QueueStateMapper.WAIT_BUCKET_MILLIS)
                / (double) QueueStateMapper.WAIT_BUCKET_MILLIS;
        long ahead = before + Math.round(others * intoMinute);
        return new Place((int) Math.min(Integer.MAX_VALUE - 1, ahead), others);
    }
}
