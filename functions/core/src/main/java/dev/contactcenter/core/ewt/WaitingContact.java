package dev.contactcenter.core.ewt;

/** A contact in line: its priority (higher is served first) and when it entered the queue. */
public record WaitingContact(long priority, long queuedAtMillis) {
}
