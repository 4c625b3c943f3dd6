package dev.contactcenter.queueevents;

import static dev.contactcenter.testkit.QueueFixtures.assigned;
import static dev.contactcenter.testkit.QueueFixtures.batch;
import static dev.contactcenter.testkit.QueueFixtures.ended;
import static dev.contactcenter.testkit.QueueFixtures.queued;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.domain.Tenant;
import dev.contactcenter.core.menu.MenuService;
import dev.contactcenter.core.queue.QueueEventService;
import dev.contactcenter.core.queue.QueueStore;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.tenant.TenantStore;
import dev.contactcenter.core.waittimes.AccuracyStore;
import dev.contactcenter.testkit.LocalDynamo;
import dev.contactcenter.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A queue with sparse traffic does not keep counters past the longest limits: writers remove the bucket that passes
 * out of reach at their own moment, and the write of a contact joining a line also removes every other one its item
 * holds, so the item's size stays bounded by its horizon however the joins are spread over days.
 */
class StaleCountersTest {
    private static final Instant DAY_ONE = Instant.parse("2026-11-23T09:00:00Z");

    @Test
    void aJoinRemovesTheCountersOfMinutesPastTheLongestLimits() {
        MutableClock clock = new MutableClock(DAY_ONE);
        Backend backend = LocalDynamo.freshBackend(clock);
        new TenantStore(backend).create(new Tenant("sparse", Json.object(), null, 0, DAY_ONE));
        ObjectNode body = Json.object().put("name", "Night line").put("menu_type", "ivr_menu");
        long menu = new MenuService(backend).create("sparse", body).id();
        QueueEventService events = new QueueEventService(backend, new AccuracyStore(backend));
        QueueStore store = new QueueStore(backend);

        // one caller every 23 minutes for an hour and a half, each served and done: no minute 4 h + 1 min later has a
        // join,
        // and no event comes the two days after
        for (int i = 0; i < 5; i++) {
            Instant joined = DAY_ONE.plus(Duration.ofMinutes(23L * i));
            clock.set(joined.plusSeconds(90));
            QueueEventService.BatchResult r = events.apply(
                    "sparse",
                    batch(List.of(
                            queued("q" + i, joined, "c" + i, menu, "voice_call", 0),
                            assigned("a" + i, joined.plusSeconds(30), "c" + i, "agent"),
                            ended("e" + i, joined.plusSeconds(90), "c" + i, 60))));
            assertTrue(r.rejected().isEmpty(), r.rejected().toString());
        }
        assertEquals(5, counters(store, menu, "c#").size(), "a waiting counter per minute with a join");
        assertEquals(5, counters(store, menu, "s#").size(), "an in-service counter per half minute with a start");

        String dayOne = "#" + DAY_ONE.toEpochMilli() / 86_400_000L;
        assertTrue(
                store.queueState("sparse", menu).keySet().stream().anyMatch(n -> n.endsWith(dayOne)),
                "the day's statistics (handle time, waits)");

        // the next caller, three days later: every counter is past the 4-hour and 2-hour horizons, every statistic
        // past the two days readers weigh
        Instant nextDay = DAY_ONE.plus(Duration.ofDays(3));
        clock.set(nextDay);
        QueueEventService.BatchResult r =
                events.apply("sparse", batch(List.of(queued("q-next", nextDay, "c-next", menu, "voice_call", 0))));
        assertTrue(r.rejected().isEmpty(), r.rejected().toString());
        assertEquals(
                Set.of("c#v#0#" + nextDay.toEpochMilli() / 60_000),
                counters(store, menu, "c#"),
                "only the new caller's minute");
        assertEquals(Set.of(), counters(store, menu, "s#"));
        assertEquals(
                List.of(),
                store.queueState("sparse", menu).keySet().stream()
                        .filter(n -> n.endsWith(dayOne))
                        .toList());
    }

    private static Set<String> counters(QueueStore store, long menu, String prefix) {
        Set<String> names = new TreeSet<>();
        for (String name : store.queueState("sparse", menu).keySet()) {
            if (name.startsWith(prefix)) {
                names.add(name);
            }
        }
        return names;
    }
}
