package dev.contactcenter.queueevents;

import static dev.contactcenter.testkit.QueueFixtures.abandoned;
import static dev.contactcenter.testkit.QueueFixtures.agent;
import static dev.contactcenter.testkit.QueueFixtures.assigned;
import static dev.contactcenter.testkit.QueueFixtures.batch;
import static dev.contactcenter.testkit.QueueFixtures.ended;
import static dev.contactcenter.testkit.QueueFixtures.queued;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.domain.Scope;
import dev.contactcenter.core.domain.StaleLimits;
import dev.contactcenter.core.domain.Tenant;
import dev.contactcenter.core.ewt.AgentStatus;
import dev.contactcenter.core.ewt.DecayedSum;
import dev.contactcenter.core.ewt.QueueSnapshot;
import dev.contactcenter.core.menu.MenuService;
import dev.contactcenter.core.queue.ContactState;
import dev.contactcenter.core.queue.LiveQueues;
import dev.contactcenter.core.queue.QueueEvent;
import dev.contactcenter.core.queue.QueueStateMapper;
import dev.contactcenter.core.queue.QueueStore;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.tenant.TenantStore;
import dev.contactcenter.testkit.ApiEvents;
import dev.contactcenter.testkit.LocalDynamo;
import dev.contactcenter.testkit.QueueFixtures;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The accuracy benchmark measures production's engine through {@link LiveQueues}: the same events give it the
 * same queue snapshot as the stored queue state the wait-times route reads.
 */
class LiveQueuesParityTest {
    private static final String TENANT = "parity";
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final Instant T = NOW.minusSeconds(7200);

    @Test
    void theInMemoryQueueStateEqualsTheStoredOne() {
        Backend backend = LocalDynamo.freshBackend(Clock.fixed(NOW, ZoneOffset.UTC));
        new TenantStore(backend).create(new Tenant(TENANT, Json.object(), null, 0, NOW));
        ObjectNode body =
                Json.object().put("name", "Queue").put("menu_type", "ivr_menu").put("default_handle_time_seconds", 120);
        body.putArray("channels").add("voice_call");
        long m = new MenuService(backend).create(TENANT, body).id();

        List<ObjectNode> wire = new ArrayList<>();
        List<QueueEvent> parsed = new ArrayList<>();
        wire.add(agent("p-1", T, "ann", "busy", List.of(m), List.of("voice_call"), 1, false));
        parsed.add(new QueueEvent.AgentStatusChanged(
                "p-1", T.toEpochMilli(), "ann", AgentStatus.BUSY, List.of(m), List.of(Channel.VOICE_CALL), 1, false));
        for (int i = 0; i < 6; i++) {
            Instant at = T.plusSeconds(60L * i);
            String contact = "parity-" + i;
            wire.add(queued("p-q" + i, at, contact, m, "voice_call", i % 2));
            parsed.add(
                    new QueueEvent.ContactQueued("p-q" + i, at.toEpochMilli(), contact, m, Channel.VOICE_CALL, i % 2));
        }
        // 0, 1 and 3 served and ended, 2 abandons, 4 and 5 wait
        for (int i = 0; i < 4; i++) {
            Instant at = T.plusSeconds(600L + 100 * i);
            String contact = "parity-" + i;
            if (i == 2) {
                wire.add(abandoned("p-a" + i, at, contact));
                parsed.add(new QueueEvent.ContactProgressed(
                        "p-a" + i, at.toEpochMilli(), contact, ContactState.ABANDONED, null, null));
            } else {
                wire.add(assigned("p-s" + i, at, contact, "ann"));
                parsed.add(new QueueEvent.ContactProgressed(
                        "p-s" + i, at.toEpochMilli(), contact, ContactState.ASSIGNED, "ann", null));
                wire.add(ended("p-e" + i, at.plusSeconds(250 + 10L * i), contact, 250 + 10L * i));
                parsed.add(new QueueEvent.ContactProgressed(
                        "p-e" + i,
                        at.plusSeconds(250 + 10L * i).toEpochMilli(),
                        contact,
                        ContactState.ENDED,
                        null,
                        250 + 10L * i));
            }
        }
        // 4 is with an agent now
        Instant assignedAt = T.plusSeconds(1500);
        wire.add(assigned("p-s4", assignedAt, "parity-4", "ann"));
        parsed.add(new QueueEvent.ContactProgressed(
                "p-s4", assignedAt.toEpochMilli(), "parity-4", ContactState.ASSIGNED, "ann", null));
        APIGatewayProxyResponseEvent response = new QueueEvents(backend)
                .handleRequest(
                        ApiEvents.request("POST", "/apps/api/v1/queue_events")
                                .tenant(TENANT, Set.of(Scope.QUEUE_EVENTS_WRITE))
                                .body(Json.write(batch(wire)))
                                .build(),
                        null);
        assertEquals(200, response.getStatusCode(), response.getBody());

        LiveQueues live = new LiveQueues();
        parsed.forEach(e -> live.apply(e, NOW.toEpochMilli()));

        Map<String, AttributeValue> item = new QueueStore(backend).queueState(TENANT, m);
        DecayedSum.At at = DecayedSum.at(NOW.toEpochMilli());
        QueueSnapshot stored = QueueStateMapper.read(item, at.bucket())
                .snapshot(Channel.VOICE_CALL, 120, StaleLimits.DEFAULT, at, NOW.toEpochMilli());
        QueueSnapshot inMemory = live.snapshot(m, Channel.VOICE_CALL, 120, NOW.toEpochMilli());

        assertSameState(stored, inMemory);
        // not vacuous: one still waits, one is with an agent, three ended, one abandoned
        assertEquals(1, stored.waitingCount());
        // counted by the half minute it reached its agent: the middle of that half minute
        assertEquals(assignedAt.getEpochSecond(), stored.serviceStartSeconds()[0], 15);
        assertTrue(stored.longHandleWeight() > 0 && stored.abandonWeight() > 0 && stored.lesWaitSeconds() != null);
        assertTrue(stored.flows().lineLeft() > 0 && stored.flows().longAbandoned() > 0);
        assertTrue(java.util.Arrays.stream(stored.flows().abandonedByWait()).sum() > 0);
    }

    /** The same events, as sent to the route and as the simulator applies them, in the same order. */
    private static final class Events {
        final List<ObjectNode> wire = new ArrayList<>();
        final List<QueueEvent> parsed = new ArrayList<>();

        void queued(String id, Instant at, String contact, long menu) {
            wire.add(QueueFixtures.queued(id, at, contact, menu, "voice_call", 0));
            parsed.add(new QueueEvent.ContactQueued(id, at.toEpochMilli(), contact, menu, Channel.VOICE_CALL, 0));
        }

        void assigned(String id, Instant at, String contact) {
            wire.add(QueueFixtures.assigned(id, at, contact, "bob"));
            parsed.add(new QueueEvent.ContactProgressed(
                    id, at.toEpochMilli(), contact, ContactState.ASSIGNED, "bob", null));
        }

        void ended(String id, Instant at, String contact, long handleSeconds) {
            wire.add(QueueFixtures.ended(id, at, contact, handleSeconds));
            parsed.add(new QueueEvent.ContactProgressed(
                    id, at.toEpochMilli(), contact, ContactState.ENDED, null, handleSeconds));
        }

        void snapshot(String id, long menu, Instant asOf, Map<String, Instant> waiting) {
            wire.add(QueueFixtures.snapshot(id, menu, "voice_call", asOf, 1, 1, waiting, Map.of("bob", "busy")));
            List<QueueEvent.SnapshotContact> contacts = new ArrayList<>();
            waiting.forEach((c, at) -> contacts.add(new QueueEvent.SnapshotContact(c, at.toEpochMilli(), 0)));
            parsed.add(new QueueEvent.SnapshotReported(
                    id,
                    asOf.toEpochMilli(),
                    menu,
                    Channel.VOICE_CALL,
                    1,
                    1,
                    contacts,
                    List.of(new QueueEvent.SnapshotAgent("bob", AgentStatus.BUSY))));
        }
    }

    @Test
    void withLostLateAndRepeatedEventsAndASnapshotTheInMemoryQueueStateEqualsTheStoredOne() {
        Backend backend = LocalDynamo.freshBackend(Clock.fixed(NOW, ZoneOffset.UTC));
        new TenantStore(backend).create(new Tenant(TENANT, Json.object(), null, 0, NOW));
        ObjectNode body = Json.object().put("name", "Queue").put("menu_type", "ivr_menu");
        body.putArray("channels").add("voice_call");
        long m = new MenuService(backend).create(TENANT, body).id();

        Events e = new Events();
        e.wire.add(agent("l-a", T, "bob", "busy", List.of(m), List.of("voice_call"), 1, false));
        e.parsed.add(new QueueEvent.AgentStatusChanged(
                "l-a", T.toEpochMilli(), "bob", AgentStatus.BUSY, List.of(m), List.of(Channel.VOICE_CALL), 1, false));
        for (int i = 0; i < 6; i++) {
            e.queued("l-q" + i, T.plusSeconds(60L * i), "lossy-" + i, m);
        }
        // lost: lossy-0's contact_assigned, lossy-1's contact_abandoned and lossy-x's contact_queued (T + 310 s)
        // lossy-y joined after the snapshot's as_of, in its minute, and was reported before the snapshot arrived
        e.queued("l-qy", T.plusSeconds(335), "lossy-y", m);
        Map<String, Instant> waiting = new LinkedHashMap<>();
        for (int i = 3; i < 6; i++) {
            waiting.put("lossy-" + i, T.plusSeconds(60L * i));
        }
        waiting.put("lossy-x", T.plusSeconds(310));
        e.snapshot("l-snap", m, T.plusSeconds(330), waiting);
        // late: lossy-2 reached its agent before as_of; repeated: lossy-4's contact_queued
        e.assigned("l-s2", T.plusSeconds(320), "lossy-2");
        e.queued("l-q4", T.plusSeconds(240), "lossy-4", m);
        e.assigned("l-s3", T.plusSeconds(400), "lossy-3");
        e.ended("l-e2", T.plusSeconds(500), "lossy-2", 180);
        e.ended("l-e3", T.plusSeconds(600), "lossy-3", 200);
        // lossy-4's contact_abandoned is lost; lossy-5, who joined a minute after it, reaches an agent
        e.assigned("l-s5", T.plusSeconds(700), "lossy-5");

        APIGatewayProxyResponseEvent response = new QueueEvents(backend)
                .handleRequest(
                        ApiEvents.request("POST", "/apps/api/v1/queue_events")
                                .tenant(TENANT, Set.of(Scope.QUEUE_EVENTS_WRITE))
                                .body(Json.write(batch(e.wire)))
                                .build(),
                        null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        LiveQueues live = new LiveQueues();
        e.parsed.forEach(event -> live.apply(event, NOW.toEpochMilli()));

        DecayedSum.At at = DecayedSum.at(NOW.toEpochMilli());
        QueueSnapshot stored = QueueStateMapper.read(new QueueStore(backend).queueState(TENANT, m), at.bucket())
                .snapshot(Channel.VOICE_CALL, 120, StaleLimits.DEFAULT, at, NOW.toEpochMilli());
        QueueSnapshot inMemory = live.snapshot(m, Channel.VOICE_CALL, 120, NOW.toEpochMilli());

        assertSameState(stored, inMemory);
        // lossy-x (the snapshot's) and lossy-y (its own event's) wait; lossy-0 and 1 healed by the snapshot,
        // lossy-4 by the line's order
        assertEquals(2, stored.waitingCount());
        // lossy-2 and 3 ended (180 and 200 s), lossy-5 is with its agent, after 400 s in line
        assertEquals(400, stored.lesWaitSeconds());
        assertEquals(1, stored.serviceStartCounts().length);
        assertEquals(190, stored.longHandleSeconds() / stored.longHandleWeight(), 1);
    }

    /** The store counts contacts per minute and agents per kind; the simulator lists them: the same state. */
    private static void assertSameState(QueueSnapshot stored, QueueSnapshot inMemory) {
        for (long priority = -1; priority <= 3; priority++) {
            assertEquals(inMemory.waitingAhead(priority), stored.waitingAhead(priority), "priority " + priority);
        }
        assertEquals(inMemory.servingCapacity(), stored.servingCapacity(), 1e-9);
        assertEquals(inMemory.busyCapacity(), stored.busyCapacity(), 1e-9);
        assertEquals(inMemory.freeSlots(), stored.freeSlots(), 1e-9);
        assertEquals(inMemory.activeAgents(), stored.activeAgents());
        assertEquals(stored.lesWaitSeconds(), inMemory.lesWaitSeconds());
        assertEquals(
                inMemory.serviceStartSeconds().length,
                java.util.Arrays.stream(stored.serviceStartCounts()).sum());
        assertEquals(stored.lesAtMillis(), inMemory.lesAtMillis());
        double[] s = {
            stored.handleWeight(),
            stored.handleSeconds(),
            stored.abandonWeight(),
            stored.exposureSeconds(),
            stored.longHandleWeight(),
            stored.longHandleSeconds(),
            stored.longHandleSquares(),
            stored.flows().lineJoined(),
            stored.flows().lineLeft(),
            stored.flows().longLineJoined(),
            stored.flows().longLineLeft(),
            stored.flows().longAbandoned()
        };
        double[] l = {
            inMemory.handleWeight(),
            inMemory.handleSeconds(),
            inMemory.abandonWeight(),
            inMemory.exposureSeconds(),
            inMemory.longHandleWeight(),
            inMemory.longHandleSeconds(),
            inMemory.longHandleSquares(),
            inMemory.flows().lineJoined(),
            inMemory.flows().lineLeft(),
            inMemory.flows().longLineJoined(),
            inMemory.flows().longLineLeft(),
            inMemory.flows().longAbandoned()
        };
        for (int i = 0; i < s.length; i++) {
            assertEquals(s[i], l[i], 1e-9 * Math.max(1, Math.abs(s[i])), "statistic " + i);
        }
        assertArrayEquals(stored.flows().abandonedByWait(), inMemory.flows().abandonedByWait(), 1e-9);
        assertArrayEquals(stored.flows().leftByWait(), inMemory.flows().leftByWait(), 1e-9);
        assertArrayEquals(stored.flows().waitIntoBin(), inMemory.flows().waitIntoBin(), 1e-9);
    }

    private static List<String> sorted(List<?> values) {
        List<String> out = new ArrayList<>();
        values.forEach(v -> out.add(v.toString()));
        out.sort(null);
        return out;
    }
}
