package dev.contactcenter.core.queue;

import dev.contactcenter.core.domain.Channel;

/**
 * One entry of the accuracy ledger: the wait a contact was quoted on joining a queue, against the wait it
 * had when it left the line, to an agent ({@link ContactState#ASSIGNED}) or by giving up
 * ({@link ContactState#ABANDONED}).
 *
 * @param treePath the queue's tree path when the contact joined
 * @param lang     null when the contact's language was not reported
 */
public record SettledQuote(
        String contactId,
        long menuId,
        String treePath,
        String lang,
        Channel channel,
        ContactState outcome,
        long quotedSeconds,
        long queuedAtMillis,
        long settledAtMillis) {

    public SettledQuote {
        if (outcome != ContactState.ASSIGNED && outcome != ContactState.ABANDONED) {
            throw new IllegalArgumentException("A quote settles by assignment or abandonment, not " + outcome);
        }
    }

    /** settled at - queued at; never negative (a settle reported with a clock behind the queueing one counts as no wait). */
    public double realizedSeconds() {
        return Math.max(0, settledAtMillis - queuedAtMillis) / 1000.0;
    }

    /** quoted - realized: positive when the quote was longer than the wait. */
    public double errorSeconds() {
        return quotedSeconds - realizedSeconds();
    }
}
