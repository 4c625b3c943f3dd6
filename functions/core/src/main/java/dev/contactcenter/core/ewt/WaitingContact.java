package dev.contactcenter.core.ewt;

/**
 * Contacts in line: their priority (higher is served first), when they entered the queue, and how many of them
 * share those two ({@code count} &gt; 1 where stored queue state keeps waiting contacts as counts per minute).
 */
public record WaitingContact(long priority, long queuedAtMillis, int count) {
    /** One contact. */
    public WaitingContact(long priority, long queuedAtMillis) {
        this(priority, queuedAtMillis, 1);
    }
}
