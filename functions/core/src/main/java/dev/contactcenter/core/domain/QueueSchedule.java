package dev.contactcenter.core.domain;

import dev.contactcenter.core.hours.OpeningHours;

/**
 * When a queue takes call-backs: its own hours of operation (null: those of its nearest ancestor with hours,
 * else around the clock) and how many scheduled call-backs each slot of {@code slotMinutes} takes (null:
 * unlimited).
 */
public record QueueSchedule(OpeningHours hours, long slotMinutes, Long maxPerSlot) {
    public static final long DEFAULT_SLOT_MINUTES = 30;
    public static final QueueSchedule DEFAULT = new QueueSchedule(null, DEFAULT_SLOT_MINUTES, null);
}
