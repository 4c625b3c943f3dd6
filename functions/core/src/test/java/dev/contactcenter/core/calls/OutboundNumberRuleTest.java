package dev.contactcenter.core.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.domain.Menu;
import dev.contactcenter.core.domain.MenuType;
import dev.contactcenter.core.domain.OutboundNumber;
import dev.contactcenter.core.domain.QueueSchedule;
import dev.contactcenter.core.domain.RecordingOption;
import dev.contactcenter.core.domain.StaleLimits;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The vendor's outbound-number table, row by row. */
class OutboundNumberRuleTest {
    static final String GLOBAL = "+18005550100";
    static final String Q1 = "+14155550101";
    static final String Q2 = "+14155550102";
    static final String OTHER = "+14155550199";

    static Menu queue(OutboundNumber... numbers) {
        return new Menu(
                7,
                null,
                "Support",
                MenuType.IVR_MENU,
                List.of(Channel.VOICE_CALL),
                List.of("en"),
                0,
                RecordingOption.RECORD,
                List.of(numbers),
                300,
                0,
                QueueSchedule.DEFAULT,
                null,
                StaleLimits.DEFAULT,
                "/",
                "Support",
                0,
                0,
                0,
                Instant.EPOCH,
                Instant.EPOCH);
    }

    static OutboundNumberRule.Choice choose(Menu q, String requested) {
        Optional<String> normalized = requested != null && requested.matches("\\+[1-9][0-9]{7,14}")
                ? Optional.of(requested)
                : Optional.empty();
        return OutboundNumberRule.choose(q, GLOBAL, requested, normalized);
    }

    @Test
    void queueWithNoNumbersAlwaysUsesTheGlobalNumber() {
        for (String requested : new String[] {null, "garbage", Q1, OTHER}) {
            OutboundNumberRule.Choice c = choose(queue(), requested);
            assertEquals(GLOBAL, c.number(), String.valueOf(requested));
            assertNull(c.refusal());
        }
    }

    @Test
    void absentNumberTakesTheFirstAvailableQueueNumberElseTheGlobalOne() {
        assertEquals(
                Q2,
                choose(queue(new OutboundNumber(Q1, false), new OutboundNumber(Q2, true)), null)
                        .number());
        assertEquals(Q1, choose(queue(new OutboundNumber(Q1, true)), null).number(), "a queue with one number");
        assertEquals(GLOBAL, choose(queue(new OutboundNumber(Q1, false)), null).number(), "none available");
    }

    @Test
    void malformedNumberIsIgnoredWithAWarning() {
        OutboundNumberRule.Choice c =
                choose(queue(new OutboundNumber(Q1, true), new OutboundNumber(Q2, true)), "call me maybe");
        assertEquals(Q1, c.number());
        assertNotNull(c.warning());
        assertTrue(c.warning().contains("ignored"));
        assertEquals(GLOBAL, choose(queue(new OutboundNumber(Q1, false)), "12").number());
    }

    @Test
    void wellFormedNumberIsUsedOnlyIfItIsTheGlobalOrAnAvailableQueueNumber() {
        Menu q = queue(new OutboundNumber(Q1, true), new OutboundNumber(Q2, false));
        assertEquals(Q1, choose(q, Q1).number());
        assertEquals(GLOBAL, choose(q, GLOBAL).number());
        assertNotNull(choose(q, Q2).refusal(), "an unavailable queue number");
        assertNotNull(choose(q, OTHER).refusal(), "a number the queue cannot use");
        assertNull(choose(q, OTHER).number());
    }
}
