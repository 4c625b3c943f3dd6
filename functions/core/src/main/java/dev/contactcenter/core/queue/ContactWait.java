package dev.contactcenter.core.queue;

import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.ewt.Estimate;

/**
 * One contact's wait as its queue's stored state tells it. While it waits ({@link ContactState#QUEUED}): its
 * position in line (1 = next), how long it has waited and the default predictor's estimate of the rest; once it
 * left the line, only its state ({@code menuId} and {@code channel} are null for a contact reported only after it
 * left).
 */
public record ContactWait(
        String contactId,
        ContactState state,
        Long menuId,
        Channel channel,
        Integer position,
        Long waitedSeconds,
        Estimate remaining) {
    public boolean waiting() {
        return state == ContactState.QUEUED;
    }
}
