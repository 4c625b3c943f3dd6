package dev.contactcenter.core.calls;

import java.time.Instant;

/** The CRM ticket a call-back pops for the agent: one open ticket per end user and queue. */
public record Ticket(
        String id,
        boolean open,
        String endUserNumber,
        Long menuId,
        Long lastCallId,
        Instant createdAt,
        Instant updatedAt,
        long version) {
    public static boolean isValidId(String id) {
        return id != null && id.matches("[A-Za-z0-9_.:-]{1,64}");
    }
}
