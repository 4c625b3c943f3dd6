package dev.contactcenter.core.ewt;

/**
 * Contacts in line: their priority (higher is served first), when they entered the queue, and how many of them
 * share those two. Where stored queue state keeps waiting contacts as counts, {@code queuedAtMillis} is the middle
 * of the interval of {@code spanMillis} they joined in (a minute, or five seconds of a recent minute); 0 for
 * contacts whose own moment is known.
 */
public record WaitingContact(long priority, long queuedAtMillis, int count, long spanMillis) {
    /** A minute of counted contacts. */
    public static final long MINUTE_MILLIS = 60_000L;

    /** One contact, who joined at that moment. */
    public WaitingContact(long priority, long queuedAtMillis) {
        this(priority, queuedAtMillis, 1, 0);
    }

    /** {@code count} contacts who joined during the minute whose middle is {@code queuedAtMillis}. */
    public WaitingContact(long priority, long queuedAtMillis, int count) {
        this(priority, queuedAtMillis, count, MINUTE_MILLIS);
    }
}
