package dev.contactcenter.queueevents;

import static dev.contactcenter.testkit.QueueFixtures.abandoned;
import static dev.contactcenter.testkit.QueueFixtures.agent;
import static dev.contactcenter.testkit.QueueFixtures.batch;
import static dev.contactcenter.testkit.QueueFixtures.queued;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.domain.Scope;
import dev.contactcenter.core.domain.StaleLimits;
import dev.contactcenter.core.domain.Tenant;
import dev.contactcenter.core.ewt.DecayedSum;
import dev.contactcenter.core.ewt.QueueSnapshot;
import dev.contactcenter.core.menu.MenuService;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * queue_snapshot and the rules that heal queue state when events are lost, through the real handler against
 * DynamoDB Local. Each test has a menu of its own.
 */
class QueueSnapshotTest {
    private static final String TENANT = "heal";
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static Backend backend;
    private static QueueEvents handler;
    private static MenuService menus;
    private static int ids;

    @BeforeAll
    static void seed() {
        backend = LocalDynamo.freshBackend(Clock.fixed(NOW, ZoneOffset.UTC));
        handler = new QueueEvents(backend);
        new TenantStore(backend).create(new Tenant(TENANT, Json.object(), null, 0, NOW));
        menus = new MenuService(backend);
    }

    private static long menu() {
        ObjectNode body = Json.object().put("name", "Queue" + (++ids)).put("menu_type", "ivr_menu");
        body.putArray("channels").add("voice_call").add("chat");
        return menus.create(TENANT, body).id();
    }

    private static JsonNode post(List<ObjectNode> events) {
        APIGatewayProxyResponseEvent response = handler.handleRequest(
                ApiEvents.request("POST", "/apps/api/v1/queue_events")
                        .tenant(TENANT, Set.of(Scope.QUEUE_EVENTS_WRITE))
                        .body(Json.write(batch(events)))
                        .build(),
                null);
        assertTrue(response.getStatusCode() == 200 || response.getStatusCode() == 422, response.getBody());
        try {
            return Json.parse(response.getBody());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static QueueSnapshot voice(long menuId) {
        var item = new QueueStore(backend).queueState(TENANT, menuId);
        DecayedSum.At at = DecayedSum.at(NOW.toEpochMilli());
        return QueueStateMapper.read(item, at.bucket())
                .snapshot(Channel.VOICE_CALL, 120, StaleLimits.DEFAULT, at, NOW.toEpochMilli());
    }

    /** A snapshot part: waiting contacts "{id}@{seconds before as_of}", agents "{id}={status}". */
    private static ObjectNode snapshot(
            String eventId, long menuId, Instant asOf, int part, int parts, List<String> waiting, List<String> agents) {
        Map<String, Instant> contacts = new LinkedHashMap<>();
        for (String c : waiting) {
            String[] p = c.split("@");
            contacts.put(p[0], asOf.minusSeconds(Long.parseLong(p[1])));
        }
        Map<String, String> statuses = new LinkedHashMap<>();
        for (String s : agents) {
            String[] p = s.split("=");
            statuses.put(p[0], p[1]);
        }
        return QueueFixtures.snapshot(eventId, menuId, "voice_call", asOf, part, parts, contacts, statuses);
    }

    @Test
    void aSnapshotReplacesTheWaitingCountsItCovers() {
        long m = menu();
        Instant t = NOW.minusSeconds(600);
        post(List.of(
                queued("h1-q1", t, "h1-a", m, "voice_call", 0),
                queued("h1-q2", t, "h1-b", m, "voice_call", 0),
                queued("h1-q3", t, "h1-c", m, "voice_call", 0)));
        assertEquals(3, voice(m).waitingCount());

        // the truth at as_of: b's and c's leaving was lost, d's joining too
        post(List.of(snapshot(
                "h1-s", m, NOW.minusSeconds(120), 1, 1, List.of("h1-a@480", "h1-d@200"), List.of("h1-agent=busy"))));

        QueueSnapshot q = voice(m);
        assertEquals(2, q.waitingCount());
        assertEquals(1, q.activeAgents());
    }

    @Test
    void eventsAfterTheSnapshotStillCountOlderOnesNoLonger() {
        long m = menu();
        Instant asOf = NOW.minusSeconds(300);
        post(List.of(snapshot("h2-s", m, asOf, 1, 1, List.of("h2-a@60", "h2-b@30"), List.of())));
        post(List.of(
                // before as_of: the snapshot already holds what it did
                abandoned("h2-x1", asOf.minusSeconds(10), "h2-a"),
                queued("h2-q-old", asOf.minusSeconds(5), "h2-old", m, "voice_call", 0),
                // after as_of: it counts
                queued("h2-q-new", asOf.plusSeconds(120), "h2-new", m, "voice_call", 0),
                abandoned("h2-x2", asOf.plusSeconds(130), "h2-b")));

        // a and b from the snapshot, old not counted, new joined, b left: a and new
        assertEquals(2, voice(m).waitingCount());
    }

    @Test
    void aSnapshotInPartsAddsEachPartOnceAndAnOlderSnapshotChangesNothing() {
        long m = menu();
        Instant asOf = NOW.minusSeconds(60);
        ObjectNode part1 = snapshot("h3-s1", m, asOf, 1, 2, List.of("h3-a@10", "h3-b@20"), List.of());
        ObjectNode part2 = snapshot("h3-s2", m, asOf, 2, 2, List.of("h3-c@30"), List.of());
        post(List.of(part2, part1));
        assertEquals(3, voice(m).waitingCount());

        // redelivered: the same event id, then the same part under another id
        JsonNode again = post(List.of(part1, snapshot("h3-s1-bis", m, asOf, 1, 2, List.of("h3-a@10"), List.of())));
        assertEquals(2, again.get("duplicates").asInt());
        post(List.of(snapshot("h3-old", m, asOf.minusSeconds(600), 1, 1, List.of(), List.of())));

        assertEquals(3, voice(m).waitingCount());
    }

    @Test
    void aSnapshotOfTwentyThousandContactsIsAcceptedInEightParts() {
        long m = menu();
        Instant asOf = NOW.minusSeconds(30);
        int parts = 8;
        for (int part = 1; part <= parts; part++) {
            List<String> waiting = new java.util.ArrayList<>();
            for (int i = (part - 1) * 2_500; i < part * 2_500; i++) {
                waiting.add("h4-" + i + "@" + (i % 3600));
            }
            JsonNode r = post(List.of(snapshot("h4-" + part, m, asOf, part, parts, waiting, List.of())));
            assertEquals(1, r.get("accepted").asInt(), r.toString());
        }

        assertEquals(20_000, voice(m).waitingCount());
    }

    @Test
    void aMalformedSnapshotIsRejectedNamingTheEntryAndNothingOfItApplies() {
        long m = menu();
        post(List.of(queued("h5-q", NOW.minusSeconds(60), "h5-a", m, "voice_call", 0)));
        ObjectNode bad = snapshot("h5-s", m, NOW.minusSeconds(30), 1, 1, List.of("h5-x@10", "h5-y@5"), List.of());
        ((ObjectNode) bad.get("waiting").get(1)).put("queued_at", "yesterday");

        JsonNode r = post(List.of(bad));

        String detail = r.get("rejected").get(0).get("detail").asText();
        assertTrue(detail.contains("waiting[1]") && detail.contains("queued_at"), detail);
        assertEquals(
                "waiting[1].queued_at", r.get("rejected").get(0).get("field").asText(), r.toString());
        // the only event of its batch: a 422 whose field is the path from the body
        assertEquals("events[0].waiting[1].queued_at", r.get("field").asText(), r.toString());
        assertEquals(1, voice(m).waitingCount());
    }

    @Test
    void aContactWhoseLeavingWasLostStopsCountingAfterTheWaitLimit() {
        long m = menu();
        Instant longAgo = NOW.minusSeconds(QueueStateMapper.MAX_WAIT_SECONDS + 600);
        post(List.of(
                queued("h6-q1", longAgo, "h6-lost", m, "voice_call", 0),
                queued("h6-q2", NOW.minusSeconds(60), "h6-now", m, "voice_call", 0),
                agent("h6-ag", longAgo, "h6-agent", "busy", List.of(m), List.of("voice_call"), 1, false)));

        assertEquals(1, voice(m).waitingCount());
    }

    @Test
    void aContactBehindOneOfItsPriorityWhoReachedAnAgentStopsCounting() {
        long m = menu();
        Instant t = NOW.minusSeconds(900);
        post(List.of(
                queued("h7-q1", t, "h7-lost", m, "voice_call", 0),
                queued("h7-q2", t.plusSeconds(120), "h7-served", m, "voice_call", 0),
                queued("h7-q3", t.plusSeconds(180), "h7-next", m, "voice_call", 0),
                queued("h7-q4", t.plusSeconds(30), "h7-vip", m, "voice_call", 3)));
        assertEquals(4, voice(m).waitingCount());

        // h7-lost's leaving is lost; h7-served joined two minutes after it and reaches an agent
        post(List.of(QueueFixtures.assigned("h7-s2", t.plusSeconds(300), "h7-served", "h7-agent")));

        QueueSnapshot q = voice(m);
        assertEquals(2, q.waitingCount());
        assertEquals(1, q.waitingAhead(3));
    }
}
