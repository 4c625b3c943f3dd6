package dev.contactcenter.core.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.queue.QueueStore.ContactRecord;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which moves of a contact settle the quote it was given on joining its line. */
class AccuracySettleTest {
    private static final long T = 1_795_000_000_000L;
    private static final QuotedWait QUOTE = new QuotedWait(120, "/0000000000000001/0000000000000002/", "es");
    private static final ContactRecord WAITING = new ContactRecord("queued", T, 2L, Channel.CHAT, 0, T, QUOTE);

    private static QueueEvent.ContactProgressed event(ContactState state, long at) {
        return new QueueEvent.ContactProgressed("e", at, "c1", state, "ann", state == ContactState.ENDED ? 60L : null);
    }

    @Test
    void reachingAnAgentOrAbandoningSettlesTheQuote() {
        SettledQuote served = QueueAggregation.settled(event(ContactState.ASSIGNED, T + 95_500), WAITING)
                .orElseThrow();
        assertEquals(
                new SettledQuote(
                        "c1", 2, QUOTE.treePath(), "es", Channel.CHAT, ContactState.ASSIGNED, 120, T, T + 95_500),
                served);
        assertEquals(24.5, served.errorSeconds(), 1e-9);
        assertEquals(
                ContactState.ABANDONED,
                QueueAggregation.settled(event(ContactState.ABANDONED, T + 30_000), WAITING)
                        .orElseThrow()
                        .outcome());
    }

    @Test
    void nothingSettlesWithoutAQuoteOrALineToLeave() {
        assertEquals(
                Optional.empty(),
                QueueAggregation.settled(event(ContactState.ENDED, T + 1_000), WAITING),
                "ended straight from the line: neither served nor abandoned");
        assertEquals(
                Optional.empty(),
                QueueAggregation.settled(event(ContactState.ASSIGNED, T + 1_000), WAITING.withQuote(null)),
                "queued while nothing could be quoted");
        ContactRecord served = new ContactRecord("assigned", T + 1_000, 2L, Channel.CHAT, 0, T);
        assertEquals(Optional.empty(), QueueAggregation.settled(event(ContactState.ENDED, T + 9_000), served));
        // the aggregation keeps no quote past the line: the next record after a settle carries none
        QueueAggregation.ContactStep step = QueueAggregation.progressed(
                event(ContactState.ASSIGNED, T + 1_000), Optional.of(WAITING), T + 1_000, true);
        assertTrue(step.next() != null && step.next().quote() == null, String.valueOf(step.next()));
    }
}
