package dev.contactcenter.core.calls;

import dev.contactcenter.core.domain.WireName;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A call-back's lifecycle: (scheduled →) queued → assigned → connected → finished, or failed / canceled on the
 * way. Only the due-call job moves a scheduled call-back to queued.
 */
public enum CallStatus implements WireName {
    SCHEDULED("scheduled"),
    QUEUED("queued"),
    ASSIGNED("assigned"),
    CONNECTED("connected"),
    FINISHED("finished"),
    FAILED("failed"),
    CANCELED("canceled");

    public static final List<String> WIRE_NAMES =
            List.of("scheduled", "queued", "assigned", "connected", "finished", "failed", "canceled");
    private final String wireName;

    CallStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<CallStatus> fromWire(String name) {
        return WireName.find(values(), name);
    }

    /**
     * Promised, waiting for or talking to an agent: a second call-back for the same person and queue would
     * duplicate it.
     */
    public boolean isPending() {
        return this == SCHEDULED || this == QUEUED || this == ASSIGNED;
    }

    public boolean isTerminal() {
        return this == FINISHED || this == FAILED || this == CANCELED;
    }

    public Set<CallStatus> next() {
        return switch (this) {
            case SCHEDULED -> EnumSet.of(CANCELED);
            case QUEUED -> EnumSet.of(ASSIGNED, FAILED, CANCELED);
            case ASSIGNED -> EnumSet.of(CONNECTED, FAILED, CANCELED);
            case CONNECTED -> EnumSet.of(FINISHED, FAILED);
            default -> EnumSet.noneOf(CallStatus.class);
        };
    }
}
