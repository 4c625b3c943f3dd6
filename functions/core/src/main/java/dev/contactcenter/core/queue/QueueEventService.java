package dev.contactcenter.core.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.domain.FieldError;
import dev.contactcenter.core.domain.Menu;
import dev.contactcenter.core.http.ApiException;
import dev.contactcenter.core.menu.MenuStore;
import dev.contactcenter.core.queue.QueueStateMapper.Cleanup;
import dev.contactcenter.core.queue.QueueStore.ContactRecord;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.store.Backoff;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Applies a batch of queue events. Each event is one transaction (state change plus event-id marker),
 * conditioned on the contact or agent state it was computed from; a lost race re-reads and retries.
 * Delivery may repeat and reorder events: repeats are recognised by their marker, and a contact's or
 * agent's state only moves forward in event time, so late events change nothing they must not.
 * <p>
 * A contact joining a line is quoted the wait GET /wait_times gives for its queue and channel at that moment;
 * leaving the line to an agent or by abandoning settles that quote into the accuracy ledger, in the same
 * transaction, so the ledger holds each settled quote exactly once.
 */
public final class QueueEventService {
    public static final int MAX_EVENTS = 500;
    private static final int MAX_ATTEMPTS = 12;

    private final Backend backend;
    private final QueueStore store;
    private final QueueSnapshots snapshots;
    private final MenuStore menus;
    private final QuoteLedger ledger;
    private final NewContactEstimates estimates;

    /** An event refused: its index in the batch, the offending field within it ({@code null}: the whole event), why. */
    public record Rejection(int index, String field, String detail) {}

    public record BatchResult(int accepted, int duplicates, List<Rejection> rejected) {}

    public QueueEventService(
            Backend backend, QueueStore store, MenuStore menus, NewContactEstimates estimates, QuoteLedger ledger) {
        this.backend = backend;
        this.store = store;
        this.snapshots = new QueueSnapshots(backend, store);
        this.menus = menus;
        this.estimates = estimates;
        this.ledger = ledger;
    }

    /** Builds its own stores; the ledger is the caller's ({@code waittimes.AccuracyStore} in production). */
    public QueueEventService(Backend backend, QuoteLedger ledger) {
        this(
                backend,
                new QueueStore(backend),
                new MenuStore(backend),
                new NewContactEstimates(new QueueStore(backend)),
                ledger);
    }

    public BatchResult apply(String tenantId, ObjectNode body) {
        JsonNode events = body.get("events");
        Set<String> unknown = new LinkedHashSet<>();
        body.fieldNames().forEachRemaining(name -> {
            if (!name.equals("events")) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            String name = unknown.iterator().next();
            throw ApiException.unprocessable(name, "Unknown field '" + name + "'. Allowed: events.");
        }
        if (events == null || !events.isArray()) {
            throw ApiException.unprocessable("events", "'events' must be an array of queue events.");
        }
        if (events.size() > MAX_EVENTS) {
            throw ApiException.unprocessable(
                    "events", "At most " + MAX_EVENTS + " events per request; this one has " + events.size() + ".");
        }
        long now = backend.clock().millis();
        List<Rejection> rejected = new ArrayList<>();
        List<QueueEvent> parsed = new ArrayList<>();
        Set<Long> menuIds = new HashSet<>();
        Set<String> eventIds = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            try {
                QueueEvent e = QueueEventParser.parse(events.get(i), now);
                parsed.add(e);
                eventIds.add(e.eventId());
                if (e instanceof QueueEvent.ContactQueued q) {
                    menuIds.add(q.menuId());
                } else if (e instanceof QueueEvent.AgentStatusChanged a) {
                    menuIds.addAll(a.menuIds());
                } else if (e instanceof QueueEvent.SnapshotReported s) {
                    menuIds.add(s.menuId());
                }
            } catch (QueueEventParser.InvalidEvent e) {
                parsed.add(null);
                rejected.add(new Rejection(i, e.field(), e.getMessage()));
            }
        }
        QueueStore.BatchReading reading = store.read(menus, tenantId, menuIds, eventIds);
        Map<Long, Menu> known = reading.menus();
        int accepted = 0;
        int duplicates = 0;
        for (int i = 0; i < parsed.size(); i++) {
            QueueEvent e = parsed.get(i);
            if (e == null) {
                continue;
            }
            FieldError problem = refusedByMenus(e, known);
            if (problem != null) {
                rejected.add(new Rejection(i, problem.field(), problem.detail()));
                continue;
            }
            boolean applied = !reading.appliedEventIds().contains(e.eventId())
                    && (e instanceof QueueEvent.SnapshotReported s
                            ? applySnapshot(tenantId, s, known, now)
                            : applyWithRetries(tenantId, e, known, now));
            if (applied) {
                accepted++;
            } else {
                duplicates++;
            }
        }
        rejected.sort((a, b) -> Integer.compare(a.index(), b.index()));
        return new BatchResult(accepted, duplicates, rejected);
    }

    /**
     * The writes that apply one event, for a caller that makes them part of its own transaction (a
     * call-back enters and leaves its queue exactly like a contact reported by the routing engine).
     */
    public List<TransactWriteItem> writesFor(String tenantId, QueueEvent e) {
        return writesFor(tenantId, e, null);
    }

    /** The same for a contact joining a line with the quote its caller already gave it (null: none). */
    public List<TransactWriteItem> writesFor(String tenantId, QueueEvent e, QuotedWait quote) {
        return plan(tenantId, e, backend.clock().millis(), true, false, q -> new Quote(quote, Cleanup.NONE))
                .actions();
    }

    /** Why the event's menus refuse it, naming the field; {@code null} if they take it. */
    private static FieldError refusedByMenus(QueueEvent e, Map<Long, Menu> known) {
        if (e instanceof QueueEvent.ContactQueued q) {
            FieldError line = unservedLine(q.menuId(), q.channel(), known);
            if (line == null && q.lang() != null && !known.get(q.menuId()).servesLanguage(q.lang())) {
                return new FieldError(
                        "lang", "Menu " + q.menuId() + " is not enabled for the language '" + q.lang() + "'.");
            }
            return line;
        } else if (e instanceof QueueEvent.AgentStatusChanged a) {
            for (Long id : a.menuIds()) {
                if (!known.containsKey(id)) {
                    return new FieldError("menu_ids", "Unknown menu_id " + id + " in 'menu_ids'.");
                }
            }
        } else if (e instanceof QueueEvent.SnapshotReported s) {
            return unservedLine(s.menuId(), s.channel(), known);
        }
        return null;
    }

    /** Why a line of this menu and channel cannot be reported (no such menu, or it does not serve the channel). */
    private static FieldError unservedLine(long menuId, Channel channel, Map<Long, Menu> known) {
        Menu m = known.get(menuId);
        if (m == null) {
            return new FieldError("menu_id", "Unknown menu_id " + menuId + ".");
        }
        if (!m.serves(channel)) {
            return new FieldError(
                    "channel", "Menu " + menuId + " does not serve the channel '" + channel.wireName() + "'.");
        }
        return null;
    }

    /** True if applied (or harmlessly stale), false if the event id was seen before. */
    private boolean applyWithRetries(String tenantId, QueueEvent e, Map<Long, Menu> known, long now) {
        boolean recordLes = true;
        boolean superseded = false;
        boolean removeEmptied = true;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            boolean emptying = removeEmptied;
            Plan plan = plan(
                    tenantId,
                    e,
                    now,
                    recordLes,
                    superseded,
                    q -> quote(tenantId, known.get(q.menuId()), q, now, emptying));
            QueueStore.Result result = store.transact(plan.actions);
            switch (result.outcome()) {
                case APPLIED:
                    return true;
                case DUPLICATE:
                    return false;
                case CONDITION_FAILED:
                    if (result.failedAction() == plan.emptiedAction && removeEmptied) {
                        // a count read as zero moved since (a late event): keep the zeros this time
                        removeEmptied = false;
                        continue;
                    }
                    if (result.failedAction() == plan.lesAction && recordLes) {
                        // a later contact already entered service: keep its LES, apply the rest
                        recordLes = false;
                        continue;
                    }
                    if (plan.countActions.contains(result.failedAction())) {
                        // a snapshot newer than this event set the queue's waiting counts: all but those apply. The
                        // LES may have been refused for this very failure (one action carries both conditions): retry
                        // it
                        superseded = true;
                        recordLes = true;
                        continue;
                    }
                    break;
                default:
                    break;
            }
            backoff(attempt);
        }
        throw busy(e);
    }

    private static ApiException busy(QueueEvent e) {
        return new ApiException(
                503,
                "Service Unavailable",
                "Queue state is too busy to apply event '" + e.eventId()
                        + "'; retry the batch (events already applied are recognised).",
                List.of(),
                Map.of("Retry-After", "1"),
                null);
    }

    /**
     * A queue_snapshot: first its agents, each as its status at {@code as_of} (a later status already reported
     * wins), then its contacts' items, then the queue's waiting counts for that channel, replaced by the snapshot's. True if applied (or
     * superseded by a newer snapshot), false if this part was applied before.
     */
    private boolean applySnapshot(String tenantId, QueueEvent.SnapshotReported s, Map<Long, Menu> known, long now) {
        for (QueueEvent.SnapshotAgent a : s.agents()) {
            applyWithRetries(tenantId, agentAsOf(tenantId, s, a), known, now);
        }
        Set<String> counted = snapshots.reconcileSnapshotContacts(tenantId, s, now);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            QueueStore.Outcome outcome = snapshots.applySnapshot(tenantId, s, counted, now);
            if (outcome == QueueStore.Outcome.APPLIED) {
                return true;
            }
            if (outcome == QueueStore.Outcome.DUPLICATE) {
                return false;
            }
            backoff(attempt);
        }
        throw busy(s);
    }

    /** A snapshot's agent as an agent_status at as_of ({@link QueueAggregation#agentAsOf}). */
    private QueueEvent.AgentStatusChanged agentAsOf(
            String tenantId, QueueEvent.SnapshotReported s, QueueEvent.SnapshotAgent a) {
        return QueueAggregation.agentAsOf(s, a, store.agent(tenantId, a.agentId()));
    }

    private static void backoff(int attempt) {
        Backoff.pause(2L << Math.min(attempt, 6), "applying queue events");
    }

    /**
     * One attempt's transaction; {@code lesAction} is the index of the LES-conditioned action, or -1;
     * {@code emptiedAction} that of the update removing counts read as zero on the condition they still are, or -1;
     * {@code countActions} those of the queue updates that apply only if no newer snapshot set the counts.
     */
    private record Plan(List<TransactWriteItem> actions, int lesAction, int emptiedAction, Set<Integer> countActions) {}

    /**
     * {@code quoting}: the quote of a contact joining a line, asked only when it does (null: nothing to quote).
     * {@code superseded}: a snapshot newer than the contact event set its queue's waiting counts: the event moves
     * every count and statistic but those.
     */
    private Plan plan(
            String tenantId,
            QueueEvent e,
            long now,
            boolean recordLes,
            boolean superseded,
            Function<QueueEvent.ContactQueued, Quote> quoting) {
        List<TransactWriteItem> actions = new ArrayList<>();
        actions.add(store.eventMarker(tenantId, e.eventId(), now));
        int lesAction = -1;
        int emptiedAction = -1;
        Set<Integer> countActions = new HashSet<>();
        if (e instanceof QueueEvent.ContactQueued q) {
            emptiedAction = planQueued(tenantId, q, now, actions, quoting, superseded, countActions);
        } else if (e instanceof QueueEvent.ContactProgressed p) {
            lesAction = planProgress(tenantId, p, now, recordLes, actions, superseded, countActions);
        } else if (e instanceof QueueEvent.AgentStatusChanged a) {
            planAgent(tenantId, a, now, actions);
        }
        return new Plan(actions, lesAction, emptiedAction, countActions);
    }

    /** Returns the index of the action that removes counts read as zero (conditioned on them still being so), or -1. */
    private int planQueued(
            String tenantId,
            QueueEvent.ContactQueued q,
            long now,
            List<TransactWriteItem> actions,
            Function<QueueEvent.ContactQueued, Quote> quoting,
            boolean superseded,
            Set<Integer> countActions) {
        Optional<ContactRecord> current = store.contact(tenantId, q.contactId());
        QueueAggregation.ContactStep step = QueueAggregation.queued(q, current);
        Cleanup cleanup = Cleanup.NONE;
        if (step.next() != null) {
            ContactRecord next = step.next();
            // only a contact that joins a line is quoted (a late contact_queued of one already past it is not)
            if (ContactState.fromWire(next.state()) == ContactState.QUEUED) {
                Quote quote = quoting.apply(q);
                next = next.withQuote(quote.quoted());
                cleanup = quote.cleanup();
            }
            actions.add(store.putContact(tenantId, q.contactId(), next, current, now));
        }
        return addContactUpdates(
                tenantId,
                step.changes(),
                actions,
                superseded,
                q.channel(),
                q.occurredAtMillis(),
                countActions,
                new MenuCleanup(q.menuId(), cleanup));
    }

    /** A contact's quote, and the counters its queue's item holds that its write removes. */
    private record Quote(QuotedWait quoted, Cleanup cleanup) {}

    /** Counters of one menu's queue-state item that the event's write removes. */
    private record MenuCleanup(long menuId, Cleanup cleanup) {}

    /**
     * What GET /wait_times quoted for the contact's queue and channel when it joined: the same engine on the
     * queue state as it is now (every earlier event applied) at the event's time, so a batch delivered late
     * does not count its delay as time already waited. One GetItem.
     */
    private Quote quote(String tenantId, Menu menu, QueueEvent.ContactQueued q, long now, boolean removeEmptied) {
        long at = Math.min(q.occurredAtMillis(), now);
        NewContactEstimates.Reading r = estimates.read(tenantId, menu, q.channel(), at);
        Cleanup cleanup = QueueStateMapper.cleanup(r.item(), now);
        return new Quote(
                QuotedWait.of(r.estimate(), menu, q.lang()).orElse(null),
                removeEmptied ? cleanup : cleanup.withoutEmptied());
    }

    private int planProgress(
            String tenantId,
            QueueEvent.ContactProgressed p,
            long now,
            boolean recordLes,
            List<TransactWriteItem> actions,
            boolean superseded,
            Set<Integer> countActions) {
        Optional<ContactRecord> current = store.contact(tenantId, p.contactId());
        QueueAggregation.ContactStep step = QueueAggregation.progressed(p, current, now, recordLes);
        if (step.next() != null) {
            actions.add(store.putContact(tenantId, p.contactId(), step.next(), current, now));
            current.flatMap(before -> QueueAggregation.settled(p, before))
                    .ifPresent(settled -> actions.add(ledger.put(tenantId, settled)));
        }
        if (current.isEmpty() || current.get().channel() == null) {
            return -1;
        }
        return addContactUpdates(
                tenantId,
                step.changes(),
                actions,
                superseded,
                current.get().channel(),
                p.occurredAtMillis(),
                countActions,
                null);
    }

    /**
     * A contact event's queue updates: its waiting counts move only if no snapshot as of its moment or later set
     * them ({@code countActions} collects the updates so conditioned); once {@code superseded}, all but those.
     */
    private int addContactUpdates(
            String tenantId,
            List<QueueAggregation.QueueChange> changes,
            List<TransactWriteItem> actions,
            boolean superseded,
            Channel channel,
            long atMillis,
            Set<Integer> countActions,
            MenuCleanup cleanup) {
        return superseded
                ? addQueueUpdates(tenantId, QueueAggregation.withoutWaitingCounts(changes), actions, null, cleanup)
                : addQueueUpdates(
                        tenantId, changes, actions, new ContactCounts(channel, atMillis, countActions), cleanup);
    }

    private void planAgent(
            String tenantId, QueueEvent.AgentStatusChanged a, long now, List<TransactWriteItem> actions) {
        Optional<QueueStore.AgentRecord> current = store.agent(tenantId, a.agentId());
        QueueAggregation.AgentStep step = QueueAggregation.agentStatus(a, current);
        if (step.next() == null) {
            return;
        }
        actions.add(store.putAgent(tenantId, a.agentId(), step.next(), current, now));
        addQueueUpdates(tenantId, step.changes(), actions, null, null);
    }

    /** A contact event's channel and time: its waiting counts move only if no newer snapshot set them; where they are. */
    private record ContactCounts(Channel channel, long atMillis, Set<Integer> actions) {}

    /**
     * One update per menu touched, in the order the menus first appear. Returns the index of the action that
     * carries a condition of its own, or -1: the last-to-enter-service wait of a contact reaching an agent, or the
     * removal of counts read as zero by one joining a line (an event is never both).
     */
    private int addQueueUpdates(
            String tenantId,
            List<QueueAggregation.QueueChange> changes,
            List<TransactWriteItem> actions,
            ContactCounts counts,
            MenuCleanup cleanup) {
        Map<Long, QueueStore.QueueUpdate> updates = new LinkedHashMap<>();
        Long lesMenu = null;
        // per menu, the as_of from which a snapshot supersedes the event's waiting changes there
        Map<Long, Long> supersededFrom = new HashMap<>();
        for (QueueAggregation.QueueChange change : changes) {
            change.applyTo(updates.computeIfAbsent(change.menuId(), id -> store.queue(tenantId, id)));
            if (change instanceof QueueAggregation.EnteredService) {
                lesMenu = change.menuId();
            }
            if (counts != null && QueueAggregation.movesWaitingCount(change)) {
                supersededFrom.merge(
                        change.menuId(), QueueAggregation.supersededFrom(change, counts.atMillis()), Math::min);
            }
        }
        Long conditionedMenu = lesMenu;
        QueueStore.QueueUpdate cleaned = cleanup == null ? null : updates.get(cleanup.menuId());
        if (cleaned != null) {
            cleaned.removeStale(cleanup.cleanup().stale());
            cleaned.removeEmptied(cleanup.cleanup().emptied());
            if (!cleanup.cleanup().emptied().isEmpty()) {
                conditionedMenu = cleanup.menuId();
            }
        }
        int conditionedAction = -1;
        for (Map.Entry<Long, QueueStore.QueueUpdate> u : updates.entrySet()) {
            Long from = supersededFrom.get(u.getKey());
            if (from != null) {
                u.getValue().onlyBeforeSnapshot(counts.channel(), from);
                counts.actions().add(actions.size());
            }
            actions.add(u.getValue().build());
            if (u.getKey().equals(conditionedMenu)) {
                conditionedAction = actions.size() - 1;
            }
        }
        return conditionedAction;
    }
}
