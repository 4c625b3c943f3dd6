package dev.contactcenter.queueevents;

import static dev.contactcenter.testkit.QueueFixtures.agent;
import static dev.contactcenter.testkit.QueueFixtures.assigned;
import static dev.contactcenter.testkit.QueueFixtures.batch;
import static dev.contactcenter.testkit.QueueFixtures.ended;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
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
import dev.contactcenter.core.queue.QueueStateMigration;
import dev.contactcenter.core.queue.QueueStore;
import dev.contactcenter.core.store.Attr;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.store.TableDesign;
import dev.contactcenter.core.tenant.TenantStore;
import dev.contactcenter.testkit.ApiEvents;
import dev.contactcenter.testkit.LocalDynamo;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code ops migrate-queue-state}: queue state written in the first shape (one item in the menu partition with an
 * attribute per contact and agent, as the service stored it before the bounded items) keeps counting after the
 * move, and the events that follow move the migrated counts exactly.
 */
class QueueStateMigrationTest {
    private static final String TENANT = "legacy";
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final long MS = NOW.toEpochMilli();

    private final Backend backend = LocalDynamo.freshBackend(Clock.fixed(NOW, ZoneOffset.UTC));
    private final QueueStore store = new QueueStore(backend);

    /**
     * Menu 1 as the first shape kept it: "early" and "late" waiting (voice), "served" with ann since 09:55, ann
     * busy on both channels, a day's handle-time statistics, and "ancient", waiting since yesterday (a lost event).
     */
    private long seedFirstShape() {
        new TenantStore(backend).create(new Tenant(TENANT, Json.object(), null, 0, NOW));
        ObjectNode body = Json.object().put("name", "Support").put("menu_type", "ivr_menu");
        body.putArray("channels").add("voice_call").add("chat");
        long menu = new MenuService(backend).create(TENANT, body).id();
        long day = DecayedSum.bucket(MS);
        Map<String, AttributeValue> old = new HashMap<>();
        old.put(TableDesign.PK, Attr.s(TableDesign.menusPk(TENANT)));
        old.put(TableDesign.SK, Attr.s(TableDesign.QUEUE_SK_PREFIX + TableDesign.paddedId(menu)));
        old.put("type", Attr.s(QueueStateMapper.ITEM_TYPE));
        old.put("menu_id", Attr.n(menu));
        old.put("c#early", Attr.s("voice_call 0 " + (MS - 240_000)));
        old.put("c#late", Attr.s("voice_call 0 " + (MS - 60_000)));
        old.put("c#ancient", Attr.s("voice_call 0 " + (MS - 86_400_000)));
        old.put("s#served", Attr.s("voice_call " + (MS / 1000 - 300)));
        old.put("a#ann", Attr.s("busy voice_call,chat 1 1 0"));
        old.put("hw#voice_call#" + day, AttributeValue.fromN("2.5"));
        old.put("hs#voice_call#" + day, AttributeValue.fromN("450.25"));
        old.put("les#voice_call", Attr.s((MS - 300_000) + " 40"));
        old.put("lt#voice_call", Attr.n(MS - 300_000));
        old.put("rev", Attr.n(7));
        put(old);
        contact("early", "queued", MS - 240_000, menu, MS - 240_000);
        contact("late", "queued", MS - 60_000, menu, MS - 60_000);
        contact("served", "assigned", MS - 300_000, menu, MS - 340_000);
        Map<String, AttributeValue> ann = new HashMap<>();
        ann.put(TableDesign.PK, Attr.s(TableDesign.tenantPk(TENANT) + "#AGENT#ann"));
        ann.put(TableDesign.SK, Attr.s("AGENT"));
        ann.put("type", Attr.s("agent"));
        ann.put("status", Attr.s("busy"));
        ann.put("status_at", Attr.n(MS - 600_000));
        ann.put("menu_ids", Attr.strings(List.of(Long.toString(menu))));
        put(ann);
        return menu;
    }

    private void contact(String id, String state, long stateAt, long menu, long queuedAt) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TableDesign.PK, Attr.s(TableDesign.tenantPk(TENANT) + "#CONTACT#" + id));
        item.put(TableDesign.SK, Attr.s("CONTACT"));
        item.put("type", Attr.s("contact"));
        item.put("state", Attr.s(state));
        item.put("state_at", Attr.n(stateAt));
        item.put("menu_id", Attr.n(menu));
        item.put("channel", Attr.s("voice_call"));
        item.put("priority", Attr.n(0));
        item.put("queued_at", Attr.n(queuedAt));
        put(item);
    }

    private void put(Map<String, AttributeValue> item) {
        backend.dynamo().putItem(b -> b.tableName(backend.table()).item(item));
    }

    private QueueStateMapper.QueueState state(long menu) {
        return QueueStateMapper.read(store.queueState(TENANT, menu), DecayedSum.bucket(MS));
    }

    private QueueSnapshot voice(long menu) {
        return state(menu).snapshot(Channel.VOICE_CALL, 120, StaleLimits.DEFAULT, DecayedSum.at(MS), MS);
    }

    private boolean oldItemExists(long menu) {
        return backend.dynamo()
                .getItem(b -> b.tableName(backend.table())
                        .key(Map.of(
                                TableDesign.PK,
                                Attr.s(TableDesign.menusPk(TENANT)),
                                TableDesign.SK,
                                Attr.s(TableDesign.QUEUE_SK_PREFIX + TableDesign.paddedId(menu))))
                        .consistentRead(true))
                .hasItem();
    }

    private void post(List<ObjectNode> events) {
        APIGatewayProxyResponseEvent r = new QueueEvents(backend)
                .handleRequest(
                        ApiEvents.request("POST", "/apps/api/v1/queue_events")
                                .tenant(TENANT, Set.of(Scope.QUEUE_EVENTS_WRITE))
                                .body(Json.write(batch(events)))
                                .build(),
                        null);
        assertEquals(200, r.getStatusCode(), r.getBody());
    }

    @Test
    void theFirstShapesContactsAgentsAndStatisticsCountAfterTheMove() {
        long menu = seedFirstShape();
        QueueStateMigration migration = new QueueStateMigration(backend, store);

        QueueStateMigration.Report dry = migration.migrate(TENANT, true);
        assertEquals(new QueueStateMigration.Report(1, 2, 1, 1), dry, "yesterday's lost contact is left out");
        assertTrue(oldItemExists(menu), "a dry run moves nothing");
        assertEquals(0, voice(menu).waitingCount());

        assertEquals(dry, migration.migrate(TENANT, false));

        assertFalse(oldItemExists(menu));
        QueueSnapshot voice = voice(menu);
        assertEquals(2, voice.waitingCount());
        assertArrayEquals(new int[] {1}, voice.serviceStartCounts());
        assertArrayEquals(new int[] {1, 0, 0}, state(menu).agentCounts(List.of(Channel.VOICE_CALL)));
        assertTrue(voice.handleWeight() > 0, "the day's handle-time statistics came along");
        assertEquals(new QueueStateMigration.Report(0, 0, 0, 0), migration.migrate(TENANT, false), "run twice");
    }

    @Test
    void eventsAfterTheMoveTakeAwayExactlyWhatWasMigrated() {
        long menu = seedFirstShape();
        new QueueStateMigration(backend, store).migrate(TENANT, false);

        post(List.of(
                ended("m1", NOW.plusSeconds(10), "served", 310),
                assigned("m2", NOW.plusSeconds(20), "early", "ann"),
                agent(
                        "m3",
                        NOW.plusSeconds(30),
                        "ann",
                        "available",
                        List.of(menu),
                        List.of("voice_call", "chat"),
                        1,
                        false)));

        QueueSnapshot voice = state(menu)
                .snapshot(Channel.VOICE_CALL, 120, StaleLimits.DEFAULT, DecayedSum.at(MS + 30_000), MS + 30_000);
        assertEquals(1, voice.waitingCount(), "early left the line; late still waits");
        assertEquals(1, java.util.Arrays.stream(voice.serviceStartCounts()).sum(), "served ended; early started");
        assertArrayEquals(
                new int[] {1, 1, 0},
                state(menu).agentCounts(List.of(Channel.VOICE_CALL)),
                "ann counted once, as available: her migrated busy count was taken away");
    }
}
