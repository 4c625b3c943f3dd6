package dev.contactcenter.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.domain.Menu;
import dev.contactcenter.core.domain.MenuType;
import dev.contactcenter.core.domain.QueueSchedule;
import dev.contactcenter.core.domain.RecordingOption;
import dev.contactcenter.core.domain.StaleLimits;
import dev.contactcenter.core.domain.Tenant;
import dev.contactcenter.core.menu.MenuListingMapper;
import dev.contactcenter.core.menu.MenuMapper;
import dev.contactcenter.core.queue.QueueEvent;
import dev.contactcenter.core.queue.QueueEventService;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.store.TableDesign;
import dev.contactcenter.core.tenant.TenantStore;
import dev.contactcenter.core.waittimes.AccuracyStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Large queue structures and queue-event bodies for wait-time tests and the CPU benchmark. */
public final class QueueFixtures {
    private QueueFixtures() {}

    /**
     * A tenant with {@code count} menus written directly (BatchWriteItem): ten top-level menus of mixed
     * types, each id above 10 a child of one of the first hundred, so three levels deep, English and Spanish.
     */
    public static List<Menu> seedLargeTenant(Backend backend, String tenantId, int count, Instant now) {
        new TenantStore(backend).create(new Tenant(tenantId, Json.object(), null, 0, now));
        List<Menu> menus = new ArrayList<>();
        List<WriteRequest> writes = new ArrayList<>();
        for (long id = 1; id <= count; id++) {
            Menu parent = id <= 10 ? null : menus.get((int) ((id - 11) / 10 % 100));
            MenuType type = parent != null ? parent.menuType() : MenuType.values()[(int) (id % 3)];
            List<Channel> channels =
                    type == MenuType.IVR_MENU ? List.of(Channel.VOICE_CALL) : List.of(Channel.VOICE_CALL, Channel.CHAT);
            String name = "Queue " + id;
            Menu m = new Menu(
                    id,
                    parent == null ? null : parent.id(),
                    name,
                    type,
                    channels,
                    List.of("en", "es"),
                    id % 7,
                    RecordingOption.DO_NOT_RECORD,
                    List.of(),
                    240,
                    id % 3,
                    QueueSchedule.DEFAULT,
                    null,
                    StaleLimits.DEFAULT,
                    (parent == null ? "/" : parent.treePath()) + TableDesign.paddedId(id) + "/",
                    parent == null ? name : parent.materializedPath() + Menu.PATH_SEPARATOR + name,
                    0,
                    0,
                    1,
                    now,
                    now);
            menus.add(m);
            writes.add(put(MenuMapper.toItem(tenantId, m)));
            writes.add(put(MenuListingMapper.toItem(tenantId, m)));
            if (id == count) {
                writes.add(put(MenuListingMapper.completeMark(tenantId)));
            }
            if (writes.size() >= 24 || id == count) {
                List<WriteRequest> batch = List.copyOf(writes);
                backend.dynamo().batchWriteItem(b -> b.requestItems(Map.of(backend.table(), batch)));
                writes.clear();
            }
        }
        return menus;
    }

    /** An event in the wire format of POST /queue_events (every kind the simulation reports; no snapshots). */
    private static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder()
                .putRequest(PutRequest.builder().item(item).build())
                .build();
    }

    public static ObjectNode json(QueueEvent event) {
        Instant at = Instant.ofEpochMilli(event.occurredAtMillis());
        if (event instanceof QueueEvent.ContactQueued q) {
            return queued(
                    q.eventId(), at, q.contactId(), q.menuId(), q.channel().wireName(), q.priority());
        }
        if (event instanceof QueueEvent.ContactProgressed p) {
            return switch (p.state()) {
                case ASSIGNED -> assigned(p.eventId(), at, p.contactId(), p.agentId());
                case ABANDONED -> abandoned(p.eventId(), at, p.contactId());
                case ENDED -> ended(p.eventId(), at, p.contactId(), p.handleSeconds());
                case QUEUED -> throw new IllegalArgumentException("contact_queued is a ContactQueued");
            };
        }
        if (event instanceof QueueEvent.AgentStatusChanged a) {
            return agent(
                    a.eventId(),
                    at,
                    a.agentId(),
                    a.status().wireName(),
                    a.menuIds(),
                    a.channels().stream().map(Channel::wireName).toList(),
                    a.chatConcurrency(),
                    a.breakthrough());
        }
        throw new IllegalArgumentException(
                "not written here: " + event.getClass().getSimpleName());
    }

    public static ObjectNode batch(List<ObjectNode> events) {
        ObjectNode body = Json.object();
        ArrayNode array = body.putArray("events");
        events.forEach(array::add);
        return body;
    }

    private static ObjectNode event(String eventId, String type, Instant at) {
        return Json.object().put("event_id", eventId).put("type", type).put("occurred_at", at.toString());
    }

    public static ObjectNode queued(
            String eventId, Instant at, String contactId, long menuId, String channel, long priority) {
        return event(eventId, "contact_queued", at)
                .put("contact_id", contactId)
                .put("menu_id", menuId)
                .put("channel", channel)
                .put("priority", priority);
    }

    public static ObjectNode assigned(String eventId, Instant at, String contactId, String agentId) {
        return event(eventId, "contact_assigned", at)
                .put("contact_id", contactId)
                .put("agent_id", agentId);
    }

    public static ObjectNode abandoned(String eventId, Instant at, String contactId) {
        return event(eventId, "contact_abandoned", at).put("contact_id", contactId);
    }

    public static ObjectNode ended(String eventId, Instant at, String contactId, long handleSeconds) {
        return event(eventId, "contact_ended", at).put("contact_id", contactId).put("handle_seconds", handleSeconds);
    }

    public static ObjectNode agent(
            String eventId,
            Instant at,
            String agentId,
            String status,
            List<Long> menuIds,
            List<String> channels,
            int chatConcurrency,
            boolean breakthrough) {
        ObjectNode e = event(eventId, "agent_status", at)
                .put("agent_id", agentId)
                .put("status", status)
                .put("chat_concurrency", chatConcurrency)
                .put("breakthrough", breakthrough);
        menuIds.forEach(e.putArray("menu_ids")::add);
        channels.forEach(e.putArray("channels")::add);
        return e;
    }

    /**
     * A queue_snapshot part: {@code waiting} maps contact ids to when they joined (priority 0), {@code agents} agent
     * ids to statuses, both in the order given.
     */
    public static ObjectNode snapshot(
            String eventId,
            long menuId,
            String channel,
            Instant asOf,
            int part,
            int parts,
            Map<String, Instant> waiting,
            Map<String, String> agents) {
        ObjectNode e = Json.object()
                .put("event_id", eventId)
                .put("type", "queue_snapshot")
                .put("menu_id", menuId)
                .put("channel", channel)
                .put("as_of", asOf.toString())
                .put("part", part)
                .put("parts", parts);
        ArrayNode w = e.putArray("waiting");
        waiting.forEach((contactId, queuedAt) -> w.addObject()
                .put("contact_id", contactId)
                .put("queued_at", queuedAt.toString())
                .put("priority", 0));
        ArrayNode a = e.putArray("agents");
        agents.forEach(
                (agentId, status) -> a.addObject().put("agent_id", agentId).put("status", status));
        return e;
    }

    /** Queues 1..this have the ended contacts and contacts in service of a busy queue. */
    static final int BUSY_QUEUES = 100;
    /** Within the last hour: their decayed weight stays above the 30 from which the handle time's variability is estimated. */
    static final int ENDED_PER_BUSY_QUEUE = 40;

    static final int IN_SERVICE_PER_BUSY_QUEUE = 2;

    /**
     * Live queue state over menus 1..menuCount, fed through the real queue-event service: agents on several
     * queues each, contacts waiting, served, ended and abandoned: every attribute kind the engine reads. The first
     * {@value #BUSY_QUEUES} queues are busy ones: contacts with an agent right now and a history of handle times
     * varied enough for every part of the default predictor to run.
     */
    public static void seedQueueState(Backend backend, String tenantId, int menuCount, Instant now) {
        QueueEventService service = new QueueEventService(backend, new AccuracyStore(backend));
        Random random = new Random(7);
        List<ObjectNode> events = new ArrayList<>();
        Instant t = now.minusSeconds(3600);
        String[] statuses = {"available", "busy", "busy", "away"};
        for (int agent = 0; agent < 700; agent++) {
            List<Long> menuIds = new ArrayList<>();
            long first = 1 + random.nextInt(menuCount - 3);
            for (int k = 0; k < 1 + agent % 3; k++) {
                menuIds.add(first + k);
            }
            events.add(agent(
                    "a" + agent,
                    t,
                    "agent-" + agent,
                    statuses[agent % 4],
                    menuIds,
                    List.of("voice_call", "chat"),
                    2,
                    agent % 50 == 0));
        }
        for (int c = 0; c < 3000; c++) {
            String contact = "contact-" + c;
            Instant queuedAt = t.plusSeconds(c);
            events.add(queued("q" + c, queuedAt, contact, 1 + random.nextInt(menuCount), "voice_call", c % 3));
            if (c % 3 == 0) {
                events.add(assigned("s" + c, queuedAt.plusSeconds(60), contact, "agent-1"));
                events.add(ended("e" + c, min(queuedAt.plusSeconds(400), now), contact, 200 + c % 200));
            } else if (c % 7 == 0) {
                events.add(abandoned("x" + c, queuedAt.plusSeconds(90), contact));
            }
        }
        // busy queues: enough ended contacts of varied handle times for the handle time's variability, and
        // contacts still with an agent, so that estimates run their elapsed-service part (ResidualService)
        for (long menu = 1; menu <= Math.min(menuCount, BUSY_QUEUES); menu++) {
            for (int k = 0; k < ENDED_PER_BUSY_QUEUE; k++) {
                String contact = "busy-" + menu + "-" + k;
                Instant queuedAt = t.plusSeconds(80L * k);
                events.add(queued("bq" + menu + "-" + k, queuedAt, contact, menu, "voice_call", 0));
                events.add(assigned("bs" + menu + "-" + k, queuedAt.plusSeconds(20), contact, "agent-" + menu));
                events.add(ended(
                        "be" + menu + "-" + k,
                        queuedAt.plusSeconds(20 + 60 + (37L * k + 11 * menu) % 400),
                        contact,
                        60 + (37L * k + 11 * menu) % 400));
            }
            for (int k = 0; k < IN_SERVICE_PER_BUSY_QUEUE; k++) {
                String contact = "serving-" + menu + "-" + k;
                Instant queuedAt = now.minusSeconds(300L + 120 * k);
                events.add(queued("sq" + menu + "-" + k, queuedAt, contact, menu, "voice_call", 0));
                events.add(assigned("ss" + menu + "-" + k, queuedAt.plusSeconds(30), contact, "agent-" + menu));
            }
        }
        for (int from = 0; from < events.size(); from += QueueEventService.MAX_EVENTS) {
            service.apply(
                    tenantId,
                    batch(events.subList(from, Math.min(events.size(), from + QueueEventService.MAX_EVENTS))));
        }
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
