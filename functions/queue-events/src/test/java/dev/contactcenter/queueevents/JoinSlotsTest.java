package dev.contactcenter.queueevents;

import static dev.contactcenter.testkit.QueueFixtures.abandoned;
import static dev.contactcenter.testkit.QueueFixtures.agent;
import static dev.contactcenter.testkit.QueueFixtures.assigned;
import static dev.contactcenter.testkit.QueueFixtures.batch;
import static dev.contactcenter.testkit.QueueFixtures.queued;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.domain.Tenant;
import dev.contactcenter.core.ewt.AgentStatus;
import dev.contactcenter.core.menu.MenuService;
import dev.contactcenter.core.menu.MenuStore;
import dev.contactcenter.core.queue.ContactState;
import dev.contactcenter.core.queue.ContactWaits;
import dev.contactcenter.core.queue.LiveQueues;
import dev.contactcenter.core.queue.QueueEvent;
import dev.contactcenter.core.queue.QueueEventService;
import dev.contactcenter.core.queue.QueueStateMapper;
import dev.contactcenter.core.queue.QueueStore;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.tenant.TenantStore;
import dev.contactcenter.core.waittimes.AccuracyStore;
import dev.contactcenter.testkit.LocalDynamo;
import dev.contactcenter.testkit.MutableClock;
import dev.contactcenter.testkit.QueueFixtures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The five-second slots of the last minutes' waiting contacts ({@code t#}, {@link QueueStateMapper}) as the
 * queue-event service writes them and the per-contact route reads them, against DynamoDB Local, on a clock the
 * test moves: a contact's place within its minute, leaving, the ring's reuse, and items written before the slots.
 */
class JoinSlotsTest {
    private static final String TENANT = "slots";
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final MutableClock CLOCK = new MutableClock(NOW);
    private static Backend backend;
    private static QueueEventService events;
    private static QueueStore store;
    private static ContactWaits waits;
    private static MenuService menus;

    @BeforeAll
    static void seed() {
        backend = LocalDynamo.freshBackend(CLOCK);
        new TenantStore(backend).create(new Tenant(TENANT, Json.object(), null, 0, NOW));
        events = new QueueEventService(backend, new AccuracyStore(backend));
        store = new QueueStore(backend);
        waits = new ContactWaits(backend, store, new MenuStore(backend));
        menus = new MenuService(backend);
    }

    /** A fresh menu with one busy agent, so tests never see each other's queue state. */
    private static long menu() {
        CLOCK.set(NOW);
        ObjectNode body =
                Json.object().put("name", "Queue").put("menu_type", "ivr_menu").put("default_handle_time_seconds", 120);
        body.putArray("channels").add("voice_call");
        long m = menus.create(TENANT, body).id();
        apply(agent(
                "agent-" + m, NOW.minusSeconds(3600), "ann-" + m, "busy", List.of(m), List.of("voice_call"), 1, false));
        return m;
    }

    private static void apply(ObjectNode... e) {
        QueueEventService.BatchResult result = events.apply(TENANT, batch(List.of(e)));
        assertTrue(result.rejected().isEmpty(), result.rejected().toString());
    }

    private static Instant at(String time) {
        return Instant.parse("2026-11-23T" + time + "Z");
    }

    private static int position(String contact) {
        return waits.of(TENANT, contact).orElseThrow().position();
    }

    private static Map<String, AttributeValue> item(long menuId) {
        return store.queueState(TENANT, menuId);
    }

    /** Four contacts in the first five seconds of a minute, one in the next five: the minute alone would put it first. */
    @Test
    void contactsOfOneMinuteArePlacedByTheFiveSecondsTheyJoinedIn() {
        long m = menu();
        for (int i = 1; i <= 4; i++) {
            apply(queued("s1-" + i, at("09:58:0" + i), "s1-early-" + i, m, "voice_call", 0));
        }
        apply(queued("s1-5", at("09:58:06"), "s1-x", m, "voice_call", 0));
        apply(queued("s1-6", at("09:58:40"), "s1-y", m, "voice_call", 0));
        CLOCK.set(at("10:00:00"));
        assertEquals(5, position("s1-x"), "behind the four who joined in the five seconds before");
        assertEquals(6, position("s1-y"));

        // one of the four gives up: it leaves its slot
        apply(abandoned("s1-7", at("09:59:00"), "s1-early-2"));
        assertEquals(4, position("s1-x"));
        assertEquals(5, position("s1-y"));
    }

    /** An item written before the slots were kept (counts per minute only) is read as before: spread over the minute. */
    @Test
    void anItemWithoutSlotsIsReadByMinute() {
        long m = menu();
        for (int i = 1; i <= 4; i++) {
            apply(queued("o1-" + i, at("09:58:0" + i), "o1-early-" + i, m, "voice_call", 0));
        }
        apply(queued("o1-5", at("09:58:06"), "o1-x", m, "voice_call", 0));
        CLOCK.set(at("10:00:00"));
        assertEquals(5, position("o1-x"));

        // the same item as the previous version wrote it: no t# attributes
        Map<String, AttributeValue> item = item(m);
        Map<String, AttributeValue> old = new HashMap<>(item);
        old.keySet().removeIf(name -> name.startsWith("t#"));
        assertTrue(old.size() < item.size(), "the item had slots");
        backend.dynamo().putItem(b -> b.tableName(backend.table()).item(old));
        // 6 s into the minute of 5: its share of the 4 others is 0.4 of one
        assertEquals(1, position("o1-x"), "spread evenly over the minute, as before");

        // its next events keep working: a new contact of the minute after counts where it should
        apply(queued("o1-6", at("09:59:30"), "o1-late", m, "voice_call", 0));
        assertEquals(6, position("o1-late"));
    }

    /**
     * Over 75 minutes of a contact every 30 seconds (each served 90 s after joining), the ring of 32 minutes is reused
     * twice: every contact in line is placed exactly, and the item keeps only the last minutes' slot attributes.
     */
    @Test
    void theRingIsReusedAndStaysBounded() {
        long m = menu();
        Instant start = at("08:00:00");
        int served = 0;
        for (int i = 0; i < 150; i++) {
            Instant t = start.plusSeconds(30L * i + (i % 3));
            // in the order of time, as a queue's writers see the clock
            while (served < i
                    && start.plusSeconds(30L * served + (served % 3) + 90).isBefore(t)) {
                CLOCK.set(start.plusSeconds(30L * served + (served % 3) + 90));
                apply(assigned("r-a" + served, CLOCK.instant(), "r-" + served, "ann-" + m));
                served++;
            }
            CLOCK.set(t);
            apply(queued("r-q" + i, t, "r-" + i, m, "voice_call", 0));
            if (i % 23 == 0) {
                for (int w = served; w <= i; w++) {
                    assertEquals(w - served + 1, position("r-" + w), "contact " + w + " at " + t);
                }
            }
        }
        long slots = item(m).keySet().stream().filter(n -> n.startsWith("t#")).count();
        assertTrue(slots <= 8, slots + " slot attributes: only the last minutes' live ones are left");
    }

    /**
     * A minute's slot still holding what was left 32 minutes before (a contact whose leaving came after its minute
     * stopped being split), with no waiting write in between to clear it: the minute no longer adds up, and is read
     * by minute.
     */
    @Test
    void aSlotLeftFromTheRingsLastTurnIsReadByMinute() {
        long m = menu();
        CLOCK.set(at("09:00:10"));
        apply(queued("l-1", at("09:00:10"), "l-stayer", m, "voice_call", 0));
        // it gives up 24 minutes later: its minute is no longer split, so its slot keeps it
        CLOCK.set(at("09:24:30"));
        apply(abandoned("l-2", at("09:24:30"), "l-stayer"));
        // 32 minutes after it, in the same ring attribute, no waiting write in the seven minutes before: four contacts
        // in its five seconds, then one in the next five
        CLOCK.set(at("09:32:20"));
        for (int i = 1; i <= 4; i++) {
            apply(queued("l-q" + i, at("09:32:1" + i), "l-early-" + i, m, "voice_call", 0));
        }
        apply(queued("l-q5", at("09:32:16"), "l-x", m, "voice_call", 0));
        CLOCK.set(at("09:40:00"));
        // the slots add up to 6 for a minute of 5: read by minute, 16 s of 60 into it, a quarter of the 4 others ahead
        assertEquals(2, position("l-x"));
    }

    /** A queue_snapshot replaces the slots of the minutes it replaces: what it says joined when places contacts. */
    @Test
    void aSnapshotSetsTheSlotsOfTheMinutesItReplaces() {
        long m = menu();
        for (int i = 1; i <= 4; i++) {
            apply(queued("n-" + i, at("09:58:0" + i), "n-early-" + i, m, "voice_call", 0));
        }
        apply(queued("n-5", at("09:58:06"), "n-x", m, "voice_call", 0));
        CLOCK.set(at("10:00:00"));
        assertEquals(5, position("n-x"));
        // the routing engine's truth: three of the four left (their events lost), one joined unreported after n-x
        Map<String, Instant> line = new LinkedHashMap<>();
        line.put("n-early-1", at("09:58:01"));
        line.put("n-x", at("09:58:06"));
        line.put("n-new", at("09:58:09"));
        apply(QueueFixtures.snapshot(
                "n-snap", m, "voice_call", at("09:59:30"), 1, 1, line, Map.of("ann-" + m, "busy")));
        assertEquals(1, position("n-early-1"));
        assertEquals(2, position("n-x"), "behind the one left in the five seconds before");
        assertEquals(3, position("n-new"));
    }

    /** The bench's in-memory line (every contact's own moment, binned as stored) places contacts as the stored item. */
    @Test
    void theInMemoryLinePlacesContactsAsTheStoredItem() {
        long m = menu();
        LiveQueues live = new LiveQueues();
        Random random = new Random(18);
        List<ObjectNode> wire = new ArrayList<>();
        List<QueueEvent> parsed = new ArrayList<>();
        wire.add(
                agent("p-agent", NOW.minusSeconds(3600), "ann-p", "busy", List.of(m), List.of("voice_call"), 1, false));
        parsed.add(new QueueEvent.AgentStatusChanged(
                "p-agent",
                NOW.minusSeconds(3600).toEpochMilli(),
                "ann-p",
                AgentStatus.BUSY,
                List.of(m),
                List.of(Channel.VOICE_CALL),
                1,
                false));
        long t = NOW.minusSeconds(1800).toEpochMilli();
        List<String> contacts = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            t += random.nextInt(20_000);
            String id = "p-" + i;
            contacts.add(id);
            wire.add(queued("p-q" + i, Instant.ofEpochMilli(t), id, m, "voice_call", 0));
            parsed.add(new QueueEvent.ContactQueued("p-q" + i, t, id, m, Channel.VOICE_CALL, 0));
            if (i % 4 == 3) {
                String gone = contacts.get(random.nextInt(contacts.size()));
                wire.add(abandoned("p-a" + i, Instant.ofEpochMilli(t + 1), gone));
                parsed.add(
                        new QueueEvent.ContactProgressed("p-a" + i, t + 1, gone, ContactState.ABANDONED, null, null));
            }
        }
        CLOCK.set(NOW);
        for (int i = 0; i < wire.size(); i += 100) {
            apply(wire.subList(i, Math.min(wire.size(), i + 100)).toArray(ObjectNode[]::new));
        }
        for (QueueEvent e : parsed) {
            live.apply(e, NOW.toEpochMilli());
        }
        var line = live.snapshot(m, Channel.VOICE_CALL, 120, NOW.toEpochMilli());
        int checked = 0;
        for (String id : contacts) {
            var stored = waits.of(TENANT, id).orElseThrow();
            if (!stored.waiting()) {
                continue;
            }
            long queuedAt = NOW.toEpochMilli() - stored.waitedSeconds() * 1000;
            long exactQueuedAt = parsed.stream()
                    .filter(e -> e instanceof QueueEvent.ContactQueued q
                            && q.contactId().equals(id))
                    .mapToLong(QueueEvent::occurredAtMillis)
                    .findFirst()
                    .orElseThrow();
            assertTrue(Math.abs(queuedAt - exactQueuedAt) < 1000);
            int inMemory = ContactWaits.waiting(id, m, Channel.VOICE_CALL, 0, exactQueuedAt, line, NOW.toEpochMilli())
                    .position();
            assertEquals(inMemory, stored.position(), id);
            checked++;
        }
        assertTrue(checked > 60, checked + " contacts checked");
    }
}
