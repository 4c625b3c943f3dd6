package dev.contactcenter.core.queue;

import dev.contactcenter.core.domain.Menu;
import dev.contactcenter.core.ewt.Estimate;
import java.util.Optional;

/**
 * The wait a contact was quoted when it joined its queue: what GET /wait_times answered for that queue and
 * channel at that moment. It stays on the contact while it waits and is settled into the accuracy ledger
 * when the contact leaves the line ({@link SettledQuote}).
 *
 * @param treePath the queue's place in the tree when the contact joined (the ledger's menu_id filter takes subtrees)
 * @param lang     the contact's language as the routing engine or the call-back gave it; null when not given
 */
public record QuotedWait(long seconds, String treePath, String lang) {

    /** The quote of this estimate; empty when there was nothing to quote (no agents, insufficient data). */
    public static Optional<QuotedWait> of(Estimate estimate, Menu menu, String lang) {
        return estimate.seconds() == null
                ? Optional.empty()
                : Optional.of(new QuotedWait(estimate.seconds(), menu.treePath(), lang));
    }
}
