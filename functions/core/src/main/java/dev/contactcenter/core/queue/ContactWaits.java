package dev.contactcenter.core.queue;

import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.domain.Menu;
import dev.contactcenter.core.domain.StaleLimits;
import dev.contactcenter.core.ewt.DecayedSum;
import dev.contactcenter.core.ewt.Estimate;
import dev.contactcenter.core.ewt.Predictors;
import dev.contactcenter.core.ewt.QueueSnapshot;
import dev.contactcenter.core.menu.MenuStore;
import dev.contactcenter.core.queue.QueueStore.ContactRecord;
import dev.contactcenter.core.store.Backend;
import java.time.Clock;
import java.util.Optional;

/**
 * "How much longer for me?": a contact's position in line and remaining wait. Two DynamoDB requests whatever the
 * position: GetItem of the contact, then one BatchGetItem of its queue's state and menu (the menu's default handle
 * time seeds the estimate); a contact no longer waiting costs the first only.
 */
public final class ContactWaits {
    /** Menus created without one get this default handle time; a deleted menu's queue has no state left anyway. */
    private static final long FALLBACK_HANDLE_SECONDS = 300;

    private final QueueStore queues;
    private final MenuStore menus;
    private final Clock clock;

    public ContactWaits(Backend backend, QueueStore queues, MenuStore menus) {
        this.queues = queues;
        this.menus = menus;
        this.clock = backend.clock();
    }

    /** Empty for a contact no queue event has reported (or an id no event could have carried). */
    public Optional<ContactWait> of(String tenantId, String contactId) {
        if (contactId.isEmpty() || contactId.length() > QueueEventParser.MAX_ID_LENGTH) {
            return Optional.empty();
        }
        Optional<ContactRecord> found = queues.contact(tenantId, contactId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ContactRecord c = found.get();
        ContactState state = ContactState.fromWire(c.state());
        if (state != ContactState.QUEUED || c.menuId() == null) {
            return Optional.of(new ContactWait(contactId, state, c.menuId(), c.channel(), null, null, null));
        }
        long now = clock.millis();
        QueueStore.QueueWithMenu queue = queues.queueWithMenu(menus, tenantId, c.menuId());
        DecayedSum.At decay = DecayedSum.at(now);
        long handle = queue.menu().map(Menu::defaultHandleTimeSeconds).orElse(FALLBACK_HANDLE_SECONDS);
        StaleLimits limits = queue.menu().map(Menu::staleLimits).orElse(StaleLimits.DEFAULT);
        QueueSnapshot line = QueueStateMapper.read(queue.state().isEmpty() ? null : queue.state(), decay.bucket())
                .contactLine(c.channel(), handle, limits, decay, now);
        long queuedAt = c.queuedAtMillis() != null ? c.queuedAtMillis() : c.stateAtMillis();
        return Optional.of(waiting(contactId, c.menuId(), c.channel(), c.priority(), queuedAt, line, now));
    }

    /**
     * A contact waiting in this line (its queue's state at {@code nowMillis}): its position and the default
     * predictor's estimate of the rest of its wait behind the contacts ahead. The route's answer, and what the
     * accuracy benchmark scores.
     */
    public static ContactWait waiting(
            String contactId,
            long menuId,
            Channel channel,
            long priority,
            long queuedAtMillis,
            QueueSnapshot line,
            long nowMillis) {
        LinePosition.Place place = LinePosition.of(line, priority, queuedAtMillis, nowMillis);
        Estimate remaining = Predictors.defaultPredictor().estimateBehind(line, priority, place.ahead(), nowMillis);
        return new ContactWait(
                contactId,
                ContactState.QUEUED,
                menuId,
                channel,
                place.position(),
                Math.max(0, nowMillis - queuedAtMillis) / 1000,
                remaining);
    }
}
