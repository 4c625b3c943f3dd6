package dev.contactcenter.core.queue;

import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.ewt.AgentStatus;
import java.util.List;

/** What the contact center's routing engine reports. Times are epoch milliseconds of {@code occurred_at}. */
public sealed interface QueueEvent {
    /** The events' {@code type}s as the routing engine sends them. */
    List<String> TYPES = List.of(
            "contact_queued",
            "contact_assigned",
            "contact_abandoned",
            "contact_ended",
            "agent_status",
            "queue_snapshot");

    String eventId();

    long occurredAtMillis();

    /** This event's {@code type}, one of {@link #TYPES}. */
    static String typeOf(QueueEvent e) {
        if (e instanceof ContactQueued) {
            return "contact_queued";
        }
        if (e instanceof ContactProgressed p) {
            return "contact_" + p.state().wireName();
        }
        return e instanceof AgentStatusChanged ? "agent_status" : "queue_snapshot";
    }

    /** {@code lang}: the contact's language, null when not reported (it only labels the accuracy ledger's entries). */
    record ContactQueued(
            String eventId,
            long occurredAtMillis,
            String contactId,
            long menuId,
            Channel channel,
            long priority,
            String lang)
            implements QueueEvent {
        public ContactQueued(
                String eventId, long occurredAtMillis, String contactId, long menuId, Channel channel, long priority) {
            this(eventId, occurredAtMillis, contactId, menuId, channel, priority, null);
        }
    }

    /** The contact left the line or service: {@code contact_assigned}, {@code contact_abandoned} or {@code contact_ended}. */
    record ContactProgressed(
            String eventId,
            long occurredAtMillis,
            String contactId,
            ContactState state,
            String agentId,
            Long handleSeconds)
            implements QueueEvent {}

    /**
     * {@code queue_snapshot}: the routing engine's truth for one menu and channel at {@code occurredAtMillis}
     * ({@code as_of}), possibly one {@code part} of {@code parts} (each contact and agent in exactly one part).
     */
    record SnapshotReported(
            String eventId,
            long occurredAtMillis,
            long menuId,
            Channel channel,
            int part,
            int parts,
            List<SnapshotContact> waiting,
            List<SnapshotAgent> agents)
            implements QueueEvent {}

    /** A contact waiting at the snapshot's moment. */
    record SnapshotContact(String contactId, long queuedAtMillis, long priority) {}

    /** An agent of the snapshot's queue and channel, and its status then. */
    record SnapshotAgent(String agentId, AgentStatus status) {}

    record AgentStatusChanged(
            String eventId,
            long occurredAtMillis,
            String agentId,
            AgentStatus status,
            List<Long> menuIds,
            List<Channel> channels,
            int chatConcurrency,
            boolean breakthrough)
            implements QueueEvent {}
}
