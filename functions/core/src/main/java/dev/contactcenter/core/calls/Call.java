package dev.contactcenter.core.calls;

import java.time.Instant;
import java.util.List;

/**
 * A call-back request and where it stands. Durations follow from the timestamps. A scheduled call-back has
 * {@code scheduledAt} and no {@code queuedAt} until it is due; {@code data} is the client's custom attributes as
 * compact JSON text (null when none). {@code slotStart} is the call-back slot the promise holds a place in.
 */
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
        Instant scheduledAt,
        Instant slotStart,
        Instant queuedAt,
        Instant assignedAt,
        Instant connectedAt,
        Instant endsAt,
        String data,
        long version) {

    public boolean isScheduled() {
        return scheduledAt != null;
    }

    /** Seconds from queued to assigned (0 until assigned). */
    public long waitDuration() {
        return assignedAt == null || queuedAt == null
                ? 0
                : Math.max(0, assignedAt.getEpochSecond() - queuedAt.getEpochSecond());
    }

    /** Seconds from connected to the end (0 until it ends). */
    public long callDuration() {
        return connectedAt == null || endsAt == null
                ? 0
                : Math.max(0, endsAt.getEpochSecond() - connectedAt.getEpochSecond());
    }

    public Call moved(CallStatus to, Instant now, String agent, String reason, String details) {
        return new Call(
                id,
                to,
                lang,
                menuId,
                menuPath,
                queuePriority,
                endUserNumber,
                outboundNumber,
                ticketId,
                recordingPermission,
                recordingEnabled,
                agent != null ? agent : agentId,
                reason != null ? reason : failReason,
                details != null ? details : failDetails,
                warnings,
                estimatedWaitSeconds,
                createdAt,
                scheduledAt,
                slotStart,
                queuedAt,
                to == CallStatus.ASSIGNED ? now : assignedAt,
                to == CallStatus.CONNECTED ? now : connectedAt,
                to.isTerminal() ? now : endsAt,
                data,
                version + 1);
    }

    /** A scheduled call-back that is due, joining its queue at {@code at} with the wait it is quoted. */
    public Call queued(Instant at, Long estimate) {
        return new Call(
                id,
                CallStatus.QUEUED,
                lang,
                menuId,
                menuPath,
                queuePriority,
                endUserNumber,
                outboundNumber,
                ticketId,
                recordingPermission,
                recordingEnabled,
                agentId,
                failReason,
                failDetails,
                warnings,
                estimate,
                createdAt,
                scheduledAt,
                slotStart,
                at,
                assignedAt,
                connectedAt,
                endsAt,
                data,
                version + 1);
    }

    public Call rescheduled(Instant at, Instant slot) {
        return new Call(
                id,
                status,
                lang,
                menuId,
                menuPath,
                queuePriority,
                endUserNumber,
                outboundNumber,
                ticketId,
                recordingPermission,
                recordingEnabled,
                agentId,
                failReason,
                failDetails,
                warnings,
                estimatedWaitSeconds,
                createdAt,
                at,
                slot,
                queuedAt,
                assignedAt,
                connectedAt,
                endsAt,
                data,
                version + 1);
    }
}
