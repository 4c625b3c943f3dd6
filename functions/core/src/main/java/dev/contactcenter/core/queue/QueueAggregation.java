package dev.contactcenter.core.queue;

import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.ewt.AgentStatus;
import dev.contactcenter.core.queue.QueueStore.AgentRecord;
import dev.contactcenter.core.queue.QueueStore.ContactRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The aggregation rules of queue events, free of storage: given an event and the contact's or agent's
 * state it was read against, the next state and the changes to each menu's queue state. A contact moves
 * only forward in event time ({@code queued -> assigned -> ended}, or {@code queued -> abandoned}); an
 * agent status older than the known one changes nothing. {@link QueueEventService} writes the result to
 * DynamoDB, {@link LiveQueues} keeps it in memory (the accuracy benchmark's simulator).
 */
public final class QueueAggregation {

    private QueueAggregation() {}

    /** One change to one menu's queue state. */
    public sealed interface QueueChange {
        long menuId();

        void applyTo(QueueStateWriter queue);
    }

    record AddWaiting(long menuId, String contactId, Channel channel, long priority, long queuedAtMillis)
            implements QueueChange {
        public void applyTo(QueueStateWriter queue) {
            queue.addWaiting(contactId, channel, priority, queuedAtMillis);
        }
    }

    record RemoveWaiting(long menuId, String contactId, Channel channel, long priority, long queuedAtMillis)
            implements QueueChange {
        public void applyTo(QueueStateWriter queue) {
            queue.removeWaiting(contactId, channel, priority, queuedAtMillis);
        }
    }

    record LeftLine(long menuId, Channel channel, double waitSeconds, boolean abandoned, long atMillis)
            implements QueueChange {
        public void applyTo(QueueStateWriter queue) {
            queue.leftLine(channel, waitSeconds, abandoned, atMillis);
        }
    }

    record Handled(long menuId, Channel channel, double handleSeconds, long atMillis) implements QueueChange {
        public void applyTo(QueueStateWriter queue) {
            queue.handled(channel, handleSeconds, atMillis);
        }
    }

    /** Conditional where stored: applies only if no later entry into service is recorded. */
    record EnteredService(long menuId, Channel channel, long waitSeconds, long atMillis) implements QueueChange {
        public void applyTo(QueueStateWriter queue) {
            queue.enteredService(channel, waitSeconds, atMillis);
        }
    }

    record ServedFromLine(long menuId, Channel channel, long priority, long queuedAtMillis) implements QueueChange {
        public void applyTo(QueueStateWriter queue) {
            queue.servedFromLine(channel, priority, queuedAtMillis);
        }
    }

    record StartedService(long menuId, String contactId, Channel channel, long atMillis) implements QueueChange {
        public void applyTo(QueueStateWriter queue) {
            queue.startedService(contactId, channel, atMillis);
        }
    }

    record EndedService(long menuId, String contactId, Channel channel, long startedAtMillis) implements QueueChange {
        public void applyTo(QueueStateWriter queue) {
            queue.endedService(contactId, channel, startedAtMillis);
        }
    }

    /** A contact joined or left a line: decayed counts where stored ({@code QueueSnapshot.Flows}). */
    record Moved(long menuId, Channel channel, QueueStateWriter.Flow flow, long atMillis) implements QueueChange {
        public void applyTo(QueueStateWriter queue) {
            queue.flow(channel, flow, atMillis);
        }
    }

    record PutAgent(
            long menuId,
            String agentId,
            AgentStatus status,
            List<Channel> channels,
            int queues,
            int chatConcurrency,
            boolean breakthrough)
            implements QueueChange {
        public void applyTo(QueueStateWriter queue) {
            queue.putAgent(agentId, status, channels, queues, chatConcurrency, breakthrough);
        }
    }

    record RemoveAgent(
            long menuId,
            String agentId,
            AgentStatus status,
            List<Channel> channels,
            int queues,
            int chatConcurrency,
            boolean breakthrough)
            implements QueueChange {
        public void applyTo(QueueStateWriter queue) {
            queue.removeAgent(agentId, status, channels, queues, chatConcurrency, breakthrough);
        }
    }

    /** A contact's next record (null: keep the current one) and the queue changes that go with it, in order. */
    public record ContactStep(ContactRecord next, List<QueueChange> changes) {
        static final ContactStep NOTHING = new ContactStep(null, List.of());
    }

    /** An agent's next record (null: the event is stale) and the queue changes that go with it, in order. */
    public record AgentStep(AgentRecord next, List<QueueChange> changes) {
        static final AgentStep NOTHING = new AgentStep(null, List.of());
    }

    public static ContactStep queued(QueueEvent.ContactQueued q, Optional<ContactRecord> current) {
        ContactRecord queued = new ContactRecord(
                ContactState.QUEUED.wireName(),
                q.occurredAtMillis(),
                q.menuId(),
                q.channel(),
                q.priority(),
                q.occurredAtMillis());
        AddWaiting joins = new AddWaiting(q.menuId(), q.contactId(), q.channel(), q.priority(), q.occurredAtMillis());
        Moved joined = new Moved(q.menuId(), q.channel(), QueueStateWriter.Flow.JOINED_LINE, q.occurredAtMillis());
        if (current.isEmpty()) {
            return new ContactStep(queued, List.of(joins, joined));
        }
        ContactRecord c = current.get();
        ContactState state = ContactState.fromWire(c.state());
        if (!state.isFinal() && q.occurredAtMillis() > c.stateAtMillis()) {
            // re-queued later (a transfer, or back from an agent): it waits in the new line from now on
            List<QueueChange> changes = new ArrayList<>(5);
            if (state == ContactState.QUEUED) {
                // it leaves the line it was in (the same one too: it now counts from its new time)
                changes.add(leaves(c, q.contactId()));
                changes.add(new Moved(c.menuId(), c.channel(), QueueStateWriter.Flow.LEFT_LINE, q.occurredAtMillis()));
            }
            if (state == ContactState.ASSIGNED && c.menuId() != null) {
                changes.add(new EndedService(c.menuId(), q.contactId(), c.channel(), c.stateAtMillis()));
            }
            changes.add(joins);
            changes.add(joined);
            return new ContactStep(queued, changes);
        }
        if (c.menuId() == null) {
            // a late contact_queued for a contact already past the line: remember its queue, count nothing
            return new ContactStep(
                    new ContactRecord(
                            c.state(), c.stateAtMillis(), q.menuId(), q.channel(), q.priority(), q.occurredAtMillis()),
                    List.of());
        }
        return ContactStep.NOTHING;
    }

    /**
     * {@code contact_assigned}, {@code contact_abandoned} or {@code contact_ended}. Statistics are dated no later
     * than {@code nowMillis}; {@code recordLes} false leaves out the last-to-enter-service wait (a later one won).
     */
    public static ContactStep progressed(
            QueueEvent.ContactProgressed p, Optional<ContactRecord> current, long nowMillis, boolean recordLes) {
        long at = p.occurredAtMillis();
        if (current.isEmpty()) {
            // heard of before its contact_queued: a tombstone keeps that late event from counting it
            return new ContactStep(new ContactRecord(p.state().wireName(), at, null, null, 0, null), List.of());
        }
        ContactRecord c = current.get();
        ContactState state = ContactState.fromWire(c.state());
        boolean forward = at >= c.stateAtMillis()
                && !state.isFinal()
                && (state == ContactState.QUEUED
                        || (state == ContactState.ASSIGNED && p.state() == ContactState.ENDED));
        if (!forward) {
            return ContactStep.NOTHING;
        }
        ContactRecord next =
                new ContactRecord(p.state().wireName(), at, c.menuId(), c.channel(), c.priority(), c.queuedAtMillis());
        if (c.menuId() == null) {
            return new ContactStep(next, List.of());
        }
        long menuId = c.menuId();
        long statsAt = Math.min(at, nowMillis);
        double waited = c.queuedAtMillis() == null ? 0 : Math.max(0, at - c.queuedAtMillis()) / 1000.0;
        List<QueueChange> changes = new ArrayList<>(7);
        if (state == ContactState.QUEUED) {
            changes.add(leaves(c, p.contactId()));
            changes.add(new Moved(menuId, c.channel(), QueueStateWriter.Flow.LEFT_LINE, statsAt));
            if (p.state() == ContactState.ABANDONED) {
                changes.add(new Moved(menuId, c.channel(), QueueStateWriter.Flow.ABANDONED, statsAt));
            }
            if (p.state() != ContactState.ENDED) {
                changes.add(new LeftLine(menuId, c.channel(), waited, p.state() == ContactState.ABANDONED, statsAt));
            }
        }
        if (p.state() == ContactState.ENDED) {
            changes.add(new Handled(menuId, c.channel(), p.handleSeconds(), statsAt));
        }
        if (recordLes && state == ContactState.QUEUED && p.state() == ContactState.ASSIGNED) {
            changes.add(new EnteredService(menuId, c.channel(), Math.round(waited), at));
        }
        if (state == ContactState.QUEUED && p.state() == ContactState.ASSIGNED && c.queuedAtMillis() != null) {
            changes.add(new ServedFromLine(menuId, c.channel(), c.priority(), c.queuedAtMillis()));
        }
        if (p.state() == ContactState.ASSIGNED) {
            changes.add(new StartedService(menuId, p.contactId(), c.channel(), at));
        } else if (state == ContactState.ASSIGNED) {
            changes.add(new EndedService(menuId, p.contactId(), c.channel(), c.stateAtMillis()));
        }
        return new ContactStep(next, changes);
    }

    /** An agent's status rewrites its presence on every queue it serves and removes it from those it left. */
    public static AgentStep agentStatus(QueueEvent.AgentStatusChanged a, Optional<AgentRecord> current) {
        if (current.isPresent() && a.occurredAtMillis() <= current.get().statusAtMillis()) {
            return AgentStep.NOTHING;
        }
        List<Long> serving = a.status() == AgentStatus.OFFLINE ? List.of() : a.menuIds();
        List<QueueChange> changes = new ArrayList<>();
        if (current.isPresent()) {
            // the agent as last put leaves every queue it served, and joins those it serves now as it is now
            AgentRecord was = current.get();
            for (Long left : was.menuIds()) {
                changes.add(new RemoveAgent(
                        left,
                        a.agentId(),
                        was.status(),
                        was.channels(),
                        was.menuIds().size(),
                        was.chatConcurrency(),
                        was.breakthrough()));
            }
        }
        for (Long menuId : serving) {
            changes.add(new PutAgent(
                    menuId,
                    a.agentId(),
                    a.status(),
                    a.channels(),
                    serving.size(),
                    a.chatConcurrency(),
                    a.breakthrough()));
        }
        return new AgentStep(
                new AgentRecord(
                        a.status(), a.occurredAtMillis(), serving, a.channels(), a.chatConcurrency(), a.breakthrough()),
                changes);
    }

    /**
     * Whether a change moves a waiting count: what a queue_snapshot sets. A contact event no newer than the snapshot
     * that replaced the count it moves moves none ({@link #supersededFrom}), the snapshot already holding what it did;
     * its other changes (statistics, contacts with an agent, which no snapshot reports) still apply.
     */
    public static boolean movesWaitingCount(QueueChange change) {
        return change instanceof AddWaiting || change instanceof RemoveWaiting;
    }

    /**
     * A snapshot as of this moment or later supersedes a waiting change of an event at {@code atMillis}: one that
     * replaced the change's minute (a snapshot replaces the minutes before its own) and is no older than the event.
     */
    public static long supersededFrom(QueueChange change, long atMillis) {
        long queuedAt = change instanceof AddWaiting a
                ? a.queuedAtMillis()
                : change instanceof RemoveWaiting r ? r.queuedAtMillis() : atMillis;
        return Math.max(atMillis, QueueStateMapper.waitingBucketEnd(queuedAt));
    }

    /**
     * The changes of a contact event that a newer snapshot superseded: all but the waiting counts and the line's
     * flows that go with them (the snapshot booked what it moved as joining or leaving the line, and the time waited
     * is read from counts and flows together).
     */
    public static List<QueueChange> withoutWaitingCounts(List<QueueChange> changes) {
        List<QueueChange> kept = new ArrayList<>(changes.size());
        for (QueueChange c : changes) {
            if (!movesWaitingCount(c) && !(c instanceof Moved m && m.flow() != QueueStateWriter.Flow.ABANDONED)) {
                kept.add(c);
            }
        }
        return kept;
    }

    /**
     * A snapshot's agent as an agent_status at {@code as_of}: on the queues and channels it is known on, the snapshot's
     * too (a later status already reported wins, as for any agent_status).
     */
    public static QueueEvent.AgentStatusChanged agentAsOf(
            QueueEvent.SnapshotReported s, QueueEvent.SnapshotAgent a, Optional<AgentRecord> known) {
        List<Long> menus = new ArrayList<>(known.map(AgentRecord::menuIds).orElse(List.of()));
        if (!menus.contains(s.menuId()) && menus.size() < QueueEventParser.MAX_AGENT_MENUS) {
            menus.add(s.menuId());
        }
        List<Channel> channels =
                new ArrayList<>(known.map(AgentRecord::channels).orElse(List.of()));
        if (!channels.contains(s.channel())) {
            channels.add(s.channel());
        }
        return new QueueEvent.AgentStatusChanged(
                s.eventId() + "#" + a.agentId(),
                s.occurredAtMillis(),
                a.agentId(),
                a.status(),
                List.copyOf(menus),
                List.copyOf(channels),
                known.map(AgentRecord::chatConcurrency).orElse(1),
                known.map(AgentRecord::breakthrough).orElse(false));
    }

    /** What a snapshot's waiting contact does to its record. */
    public enum SnapshotContactStep {
        /** Its record moved after {@code as_of}: its events counted it (and its leaving). */
        MOVED_ON,
        /** Unknown, or known otherwise as of an earlier moment: recorded as waiting ({@link #waitingAsOf}). */
        RECORD_WAITING,
        /** Already recorded as waiting in the snapshot's queue and channel. */
        KNOWN_WAITING
    }

    public static SnapshotContactStep snapshotContact(QueueEvent.SnapshotReported s, Optional<ContactRecord> known) {
        if (known.isPresent() && known.get().stateAtMillis() > s.occurredAtMillis()) {
            return SnapshotContactStep.MOVED_ON;
        }
        if (known.isEmpty()
                || !ContactState.QUEUED.wireName().equals(known.get().state())
                || !Long.valueOf(s.menuId()).equals(known.get().menuId())
                || known.get().channel() != s.channel()) {
            return SnapshotContactStep.RECORD_WAITING;
        }
        return SnapshotContactStep.KNOWN_WAITING;
    }

    /** A snapshot's contact, recorded as waiting in its queue since its {@code queued_at}, as of the snapshot. */
    public static ContactRecord waitingAsOf(QueueEvent.SnapshotReported s, QueueEvent.SnapshotContact c) {
        return new ContactRecord(
                ContactState.QUEUED.wireName(),
                s.occurredAtMillis(),
                s.menuId(),
                s.channel(),
                c.priority(),
                c.queuedAtMillis());
    }

    /**
     * Whether the snapshot's counts leave this contact out, its own events having counted it: it moved on after
     * {@code as_of}, or it waits, so recorded, since the minute of {@code as_of} (a count the snapshot keeps: that
     * minute also holds contacts who joined after {@code as_of}, counted by their events alone).
     */
    public static boolean countedByItsEvents(
            QueueEvent.SnapshotReported s, QueueEvent.SnapshotContact c, SnapshotContactStep step) {
        return step == SnapshotContactStep.MOVED_ON
                || step == SnapshotContactStep.KNOWN_WAITING
                        && !QueueStateMapper.joinedBeforeMinuteOf(c.queuedAtMillis(), s.occurredAtMillis());
    }

    /** Whether a snapshot's contact counts: not counted by its own events, and not waiting beyond the wait limit. */
    public static boolean countedBySnapshot(
            QueueEvent.SnapshotReported s, QueueEvent.SnapshotContact c, Set<String> excluded) {
        return !excluded.contains(c.contactId())
                && c.queuedAtMillis() >= s.occurredAtMillis() - QueueStateMapper.MAX_WAIT_SECONDS * 1000;
    }

    /** The contact, as its record says it waits, leaves its line. */
    private static RemoveWaiting leaves(ContactRecord c, String contactId) {
        return new RemoveWaiting(
                c.menuId(),
                contactId,
                c.channel(),
                c.priority(),
                c.queuedAtMillis() == null ? c.stateAtMillis() : c.queuedAtMillis());
    }

    /**
     * The quote a contact settles with a {@link #progressed} step that moved it ({@code step.next()} not null), given
     * the record that step was computed from: leaving its line to an agent or by abandoning settles it. A
     * contact_ended straight from the line (it neither reached an agent nor gave up) settles nothing, and a contact
     * past its line has no quote left. Empty when nothing settles.
     */
    public static Optional<SettledQuote> settled(QueueEvent.ContactProgressed p, ContactRecord before) {
        if (ContactState.fromWire(before.state()) != ContactState.QUEUED
                || before.quote() == null
                || before.queuedAtMillis() == null
                || p.state() == ContactState.ENDED) {
            return Optional.empty();
        }
        QuotedWait q = before.quote();
        return Optional.of(new SettledQuote(
                p.contactId(),
                before.menuId(),
                q.treePath(),
                q.lang(),
                before.channel(),
                p.state(),
                q.seconds(),
                before.queuedAtMillis(),
                p.occurredAtMillis()));
    }
}
