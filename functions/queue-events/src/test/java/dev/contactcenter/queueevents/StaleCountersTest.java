package dev.contactcenter.queueevents;

import static dev.contactcenter.testkit.QueueFixtures.assigned;
import static dev.contactcenter.testkit.QueueFixtures.batch;
import static dev.contactcenter.testkit.QueueFixtures.ended;
import static dev.contactcenter.testkit.QueueFixtures.queued;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.domain.StaleLimits;
import dev.contactcenter.core.domain.Tenant;
import dev.contactcenter.core.ewt.DecayedSum;
import dev.contactcenter.core.ewt.QueueSnapshot;
import dev.contactcenter.core.ewt.WaitingContact;
import dev.contactcenter.core.menu.MenuService;
import dev.contactcenter.core.queue.QueueEventService;
import dev.contactcenter.core.queue.QueueStateMapper;
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
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

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
        // each join removed the counts its predecessor left at zero: only the last caller's remain
        Instant last = DAY_ONE.plus(Duration.ofMinutes(23L * 4));
        assertEquals(Set.of("c#v#0#" + last.toEpochMilli() / 60_000), counters(store, menu, "c#"));
        assertEquals(Set.of("s#v#" + last.plusSeconds(30).toEpochMilli() / 30_000), counters(store, menu, "s#"));

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

    @Test
    void aJoinRemovesTheCountsOfEarlierMinutesBackAtZero() {
        MutableClock clock = new MutableClock(DAY_ONE);
        Backend backend = LocalDynamo.freshBackend(clock);
        long menu = nightLine(backend);
        QueueEventService events = new QueueEventService(backend, new AccuracyStore(backend));
        QueueStore store = new QueueStore(backend);

        // a busy hour: a caller a minute, each served after 20 s for 60 s, and one who is still waiting
        Instant stillWaiting = DAY_ONE.plusSeconds(5);
        apply(events, queued("q-w", stillWaiting, "c-w", menu, "voice_call", 1));
        for (int i = 0; i < 60; i++) {
            Instant joined = DAY_ONE.plus(Duration.ofMinutes(i));
            clock.set(joined);
            apply(
                    events,
                    queued("q" + i, joined, "c" + i, menu, "voice_call", 0),
                    assigned("a" + i, joined.plusSeconds(20), "c" + i, "agent"),
                    ended("e" + i, joined.plusSeconds(80), "c" + i, 60));
        }
        long lastMinute = DAY_ONE.plus(Duration.ofMinutes(59)).toEpochMilli() / 60_000;
        // kept: the waiting caller's count, and the zeros of the minutes the last joins could not yet take as done
        assertEquals(
                Set.of(
                        "c#v#1#" + stillWaiting.toEpochMilli() / 60_000,
                        "c#v#0#" + (lastMinute - 2),
                        "c#v#0#" + (lastMinute - 1),
                        "c#v#0#" + lastMinute),
                counters(store, menu, "c#"));
        assertTrue(
                counters(store, menu, "s#").size() <= 3,
                counters(store, menu, "s#").toString());
        assertTrue(store.queueState("sparse", menu).containsKey("fq#v#0"), "when the last one served had joined");
        // and the state reads the same: one waiting, nobody with an agent
        assertEquals(1, waiting(store, menu, clock.millis()));
    }

    @Test
    void aCountMovedByALateEventBetweenTheReadAndTheWriteIsKept() {
        MutableClock clock = new MutableClock(DAY_ONE.plusSeconds(600));
        AtomicBoolean late = new AtomicBoolean();
        Backend plain = LocalDynamo.freshBackend(clock);
        long menu = nightLine(plain);
        String emptiedMinute = "c#v#0#" + DAY_ONE.toEpochMilli() / 60_000;
        // the late contact_queued of a caller who joined in that minute lands just before the join's transaction
        Backend racing = new Backend(
                LocalDynamo.client(List.of(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if (context.request() instanceof TransactWriteItemsRequest t
                                && t.transactItems().toString().contains(emptiedMinute)
                                && late.compareAndSet(false, true)) {
                            apply(
                                    new QueueEventService(plain, new AccuracyStore(plain)),
                                    queued("q-late", DAY_ONE.plusSeconds(40), "c-late", menu, "voice_call", 0));
                        }
                    }
                })),
                plain.table(),
                clock);
        QueueEventService events = new QueueEventService(racing, new AccuracyStore(racing));
        apply(
                events,
                queued("q0", DAY_ONE, "c0", menu, "voice_call", 0),
                assigned("a0", DAY_ONE.plusSeconds(20), "c0", "agent"),
                queued("q1", DAY_ONE.plusSeconds(590), "c1", menu, "voice_call", 0));
        assertTrue(late.get(), "the join meant to remove the zero");
        QueueStore store = new QueueStore(plain);
        assertEquals("1", store.queueState("sparse", menu).get(emptiedMinute).n(), "the late caller still counts");
        assertEquals(2, waiting(store, menu, clock.millis()));
    }

    private static long nightLine(Backend backend) {
        new TenantStore(backend).create(new Tenant("sparse", Json.object(), null, 0, DAY_ONE));
        ObjectNode body = Json.object().put("name", "Night line").put("menu_type", "ivr_menu");
        return new MenuService(backend).create("sparse", body).id();
    }

    private static void apply(QueueEventService events, ObjectNode... batch) {
        QueueEventService.BatchResult r = events.apply("sparse", batch(List.of(batch)));
        assertTrue(r.rejected().isEmpty(), r.rejected().toString());
        assertEquals(batch.length, r.accepted());
    }

    /** Contacts waiting on the voice line as GET /wait_times reads them. */
    private static long waiting(QueueStore store, long menu, long nowMillis) {
        DecayedSum.At decay = DecayedSum.at(nowMillis);
        QueueSnapshot line = QueueStateMapper.read(store.queueState("sparse", menu), decay.bucket())
                .snapshot(Channel.VOICE_CALL, 300, StaleLimits.DEFAULT, decay, nowMillis);
        return line.waiting().stream().mapToLong(WaitingContact::count).sum();
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
