package dev.contactcenter.core.calls;

import java.time.Instant;
import java.util.List;

/** A call-back request and where it stands. Durations follow from the timestamps. */
public record Call(
        long id,
        CallStatus status,
        String lang,
        long menuId,
        String menuPath,
        long queuePriority,
        String endUserNumber,
        String outboundNumber,
        String ticketId,
        RecordingPermission recordingPermission,
        boolean recordingEnabled,
        String agentId,
        String failReason,
        String failDetails,
        List<String> warnings,
        Long estimatedWaitSeconds,
        Instant createdAt,
        Instant assignedAt,
        Instant connectedAt,
        Instant endsAt,
        long version) {

    /** Seconds from queued to assigned (0 until assigned). */
    public long waitDuration() {
        return assignedAt == null ? 0 : Math.max(0, assignedAt.getEpochSecond() - createdAt.getEpochSecond());
    }

    /** Seconds from connected to the end (0 until it ends). */
    public long callDuration() {
        return connectedAt == null || endsAt == null ? 0 : Math.max(0, endsAt.getEpochSecond() - connectedAt.getEpochSecond());
    }

    public Call moved(CallStatus to, Instant now, String agent, String reason, String details) {
        return new Call(id, to, lang, menuId, menuPath, queuePriority, endUserNumber, outboundNumber, ticketId,
                recordingPermission, recordingEnabled, agent != null ? agent : agentId,
                reason != null ? reason : failReason, details != null ? details : failDetails, warnings,
                estimatedWaitSeconds, createdAt,
                to == CallStatus.ASSIGNED ? now : assignedAt,
                to == CallStatus.CONNECTED ? now : connectedAt,
                to.isTerminal() ? now : endsAt,
                version + 1);
    }
}
