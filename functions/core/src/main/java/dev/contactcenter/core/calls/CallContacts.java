package dev.contactcenter.core.calls;

import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.domain.Menu;
import dev.contactcenter.core.queue.ContactState;
import dev.contactcenter.core.queue.QueueEvent;
import java.time.Instant;
import java.util.Optional;

/**
 * A call-back waits in its queue like any contact: these are the queue events its creation and lifecycle
 * stand for, as the routing engine would report them, so wait times count it and its quote is settled like
 * any contact's. Call-backs' contact ids live in their own namespace beside the routing engine's.
 */
final class CallContacts {
    private CallContacts() {}

    /** The call-back joins its queue (at creation, or when a scheduled one is due) with its own priority. */
    static QueueEvent.ContactQueued queued(Call call, Menu menu) {
        return new QueueEvent.ContactQueued(
                eventId(call, "queued"),
                call.queuedAt().toEpochMilli(),
                contactId(call),
                menu.id(),
                Channel.VOICE_CALL,
                call.queuePriority(),
                call.lang());
    }

    /** What a step of the lifecycle means for the queue; empty for steps it does not see. */
    static Optional<QueueEvent> progressed(Call from, Call to) {
        if (from.status() == CallStatus.SCHEDULED) {
            // a scheduled call-back never joined the queue: canceling it tells the queue nothing
            return Optional.empty();
        }
        Instant when = to.endsAt() != null ? to.endsAt() : to.assignedAt() != null ? to.assignedAt() : to.createdAt();
        long at = when.toEpochMilli();
        String eventId = eventId(to, to.status().wireName());
        if (from.status() == CallStatus.QUEUED) {
            return Optional.of(new QueueEvent.ContactProgressed(
                    eventId,
                    at,
                    contactId(to),
                    to.status() == CallStatus.ASSIGNED ? ContactState.ASSIGNED : ContactState.ABANDONED,
                    to.agentId(),
                    null));
        }
        if (to.status().isTerminal()) {
            Instant started = to.connectedAt() != null ? to.connectedAt() : to.assignedAt();
            long handled = Math.max(0, to.endsAt().getEpochSecond() - started.getEpochSecond());
            return Optional.of(new QueueEvent.ContactProgressed(
                    eventId, at, contactId(to), ContactState.ENDED, to.agentId(), handled));
        }
        return Optional.empty();
    }

    static String contactId(Call call) {
        return "callback:" + call.id();
    }

    private static String eventId(Call call, String step) {
        return "callback:" + call.id() + ":" + step;
    }
}
