package dev.contactcenter.core.calls;

import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.domain.Menu;
import dev.contactcenter.core.ewt.Estimate;
import dev.contactcenter.core.menu.MenuStore;
import dev.contactcenter.core.queue.NewContactEstimates;
import dev.contactcenter.core.queue.QueueEventService;
import dev.contactcenter.core.queue.QuotedWait;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.store.StaleWriteException;
import dev.contactcenter.core.store.Transactions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The due-call job: every scheduled call-back whose time has come joins its queue exactly as an immediate one
 * does (its place in the queue state, the wait it is quoted, the ledger entry when it settles). Run every minute
 * on AWS and on the local runtime's timer; a late run catches up on everything due since.
 *
 * <p>At-least-once safe: the transition {@code scheduled → queued} is one transaction conditioned on the call's
 * version, so two overlapping runs queue a call once, and a call canceled (or moved) after it was read is left
 * alone. The queue event carries the call's id, so it is applied once even if a transaction were replayed.
 */
public final class DueCalls {
    /** Calls queued per run at most; the rest wait for the next run, a minute later. */
    public static final int BATCH = 500;

    private final Backend backend;
    private final CallStore calls;
    private final MenuStore menus;
    private final QueueEventService queueEvents;
    private final NewContactEstimates estimates;
    private final Transactions transactions;

    public DueCalls(
            Backend backend,
            CallStore calls,
            MenuStore menus,
            QueueEventService queueEvents,
            NewContactEstimates estimates,
            Transactions transactions) {
        this.backend = backend;
        this.calls = calls;
        this.menus = menus;
        this.queueEvents = queueEvents;
        this.estimates = estimates;
        this.transactions = transactions;
    }

    /** What one run did: calls queued, and calls found due but left (canceled or queued meanwhile, or busy). */
    public record Run(int queued, int skipped) {}

    public Run queueDue() {
        Instant now = backend.clock().instant();
        int queued = 0;
        int skipped = 0;
        for (CallStore.Due due : calls.due(now, BATCH)) {
            if (queue(due.tenantId(), due.call(), now)) {
                queued++;
            } else {
                skipped++;
            }
        }
        return new Run(queued, skipped);
    }

    /** Queues one due call; false when it is no longer scheduled as read (another run, a cancel, a move). */
    private boolean queue(String tenantId, Call read, Instant now) {
        // the index is read eventually consistently: the call item decides
        Call call = calls.get(tenantId, read.id()).orElse(null);
        if (call == null
                || call.status() != CallStatus.SCHEDULED
                || call.scheduledAt().isAfter(now)) {
            return false;
        }
        Menu menu = menus.get(tenantId, call.menuId()).orElse(null);
        if (menu == null) {
            return false;
        }
        // it joins the line when the run queues it (on time, or as soon as a late run catches up): the queue state
        // counts contacts from the time they joined, and a queue snapshot taken since supersedes older events
        Estimate estimate =
                estimates.at(tenantId, menu.withPriority(call.queuePriority()), Channel.VOICE_CALL, now.toEpochMilli());
        Call queued = call.queued(now, estimate.seconds());
        List<TransactWriteItem> actions = new ArrayList<>();
        actions.add(calls.putChanged(tenantId, queued));
        actions.addAll(queueEvents.writesFor(
                tenantId,
                CallContacts.queued(queued, menu),
                QuotedWait.of(estimate, menu, queued.lang()).orElse(null)));
        try {
            return transactions.write(actions).isEmpty();
        } catch (StaleWriteException e) {
            return false;
        }
    }
}
