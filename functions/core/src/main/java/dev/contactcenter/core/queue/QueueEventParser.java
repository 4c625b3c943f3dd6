package dev.contactcenter.core.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.domain.FieldError;
import dev.contactcenter.core.domain.Languages;
import dev.contactcenter.core.ewt.AgentStatus;
import dev.contactcenter.core.http.Fields;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Validates one event of a batch; what is wrong becomes the event's rejection detail, not a failed batch. */
final class QueueEventParser {
    static final int MAX_ID_LENGTH = 128;
    /** An agent's status touches every queue it leaves and joins in one transaction (at most 100 items). */
    static final int MAX_AGENT_MENUS = 40;

    static final int MAX_CHAT_CONCURRENCY = 20;
    /** Routing engines' clocks drift; anything further ahead is a wrong timestamp. */
    static final long MAX_CLOCK_SKEW_MILLIS = 300_000;
    /**
     * A snapshot's contacts per part: about 200 KB of JSON, within a request body's 256 KB. A longer line is sent
     * in several parts, one request each (20,000 contacts: 8 parts).
     */
    static final int MAX_SNAPSHOT_CONTACTS = 2_500;

    static final int MAX_SNAPSHOT_AGENTS = 2_500;
    static final int MAX_SNAPSHOT_PARTS = 100;

    private static final List<String> COMMON = List.of("event_id", "type", "occurred_at");
    private static final Map<String, List<String>> FIELDS_BY_TYPE = Map.of(
            "contact_queued", List.of("menu_id", "channel", "contact_id", "priority", "lang"),
            "contact_assigned", List.of("contact_id", "agent_id"),
            "contact_abandoned", List.of("contact_id"),
            "contact_ended", List.of("contact_id", "agent_id", "handle_seconds"),
            "agent_status", List.of("agent_id", "status", "menu_ids", "channels", "chat_concurrency", "breakthrough"),
            "queue_snapshot", List.of("menu_id", "channel", "as_of", "part", "parts", "waiting", "agents"));
    static final List<String> TYPES = QueueEvent.TYPES;

    /** An event refused: the offending field within the event ({@code null}: the event as a whole), and why. */
    static final class InvalidEvent extends Exception {
        private final String field;

        InvalidEvent(String field, String detail) {
            super(detail, null, false, false);
            this.field = field;
        }

        String field() {
            return field;
        }
    }

    private QueueEventParser() {}

    static QueueEvent parse(JsonNode node, long nowMillis) throws InvalidEvent {
        if (!(node instanceof ObjectNode object)) {
            throw new InvalidEvent(null, "Each event must be a JSON object.");
        }
        JsonNode typeNode = object.get("type");
        String type = typeNode != null && typeNode.isTextual() ? typeNode.textValue() : null;
        if (type == null || !FIELDS_BY_TYPE.containsKey(type)) {
            throw new InvalidEvent("type", "'type' must be one of: " + String.join(", ", TYPES) + ".");
        }
        Set<String> allowed = new LinkedHashSet<>(COMMON);
        allowed.addAll(FIELDS_BY_TYPE.get(type));
        boolean snapshot = type.equals("queue_snapshot");
        if (snapshot) {
            // a snapshot is dated by as_of, the moment it describes
            allowed.remove("occurred_at");
        }
        Fields f = new Fields(object, allowed);
        String eventId = f.requiredString("event_id", MAX_ID_LENGTH);
        long at = time(f, snapshot ? "as_of" : "occurred_at", nowMillis);
        QueueEvent event = switch (type) {
            case "contact_queued" ->
                new QueueEvent.ContactQueued(
                        eventId,
                        at,
                        f.requiredString("contact_id", MAX_ID_LENGTH),
                        requiredId(f),
                        f.optionalEnum("channel", Channel::fromWire, Channel.WIRE_NAMES)
                                .orElseGet(() -> missing(f, "channel")),
                        f.optionalInteger("priority", 0, 100).orElse(0L),
                        f.optionalEnum("lang", QueueEventParser::language, Languages.SUPPORTED)
                                .orElse(null));
            case "contact_assigned" ->
                new QueueEvent.ContactProgressed(
                        eventId,
                        at,
                        f.requiredString("contact_id", MAX_ID_LENGTH),
                        ContactState.ASSIGNED,
                        f.requiredString("agent_id", MAX_ID_LENGTH),
                        null);
            case "contact_abandoned" ->
                new QueueEvent.ContactProgressed(
                        eventId, at, f.requiredString("contact_id", MAX_ID_LENGTH), ContactState.ABANDONED, null, null);
            case "contact_ended" ->
                new QueueEvent.ContactProgressed(
                        eventId,
                        at,
                        f.requiredString("contact_id", MAX_ID_LENGTH),
                        ContactState.ENDED,
                        f.optionalString("agent_id", MAX_ID_LENGTH).orElse(null),
                        f.optionalInteger("handle_seconds", 0, 86_400).orElseGet(() -> missing(f, "handle_seconds")));
            case "queue_snapshot" -> snapshot(f, eventId, at, nowMillis);
            default -> agentStatus(f, eventId, at);
        };
        if (!f.valid()) {
            throw new InvalidEvent(f.errors().get(0).field(), detail(f));
        }
        return event;
    }

    private static QueueEvent agentStatus(Fields f, String eventId, long at) {
        String agentId = f.requiredString("agent_id", MAX_ID_LENGTH);
        AgentStatus status = f.optionalEnum("status", AgentStatus::fromWire, AgentStatus.WIRE_NAMES)
                .orElseGet(() -> missing(f, "status"));
        List<Long> menuIds = new ArrayList<>();
        List<Channel> channels = new ArrayList<>();
        if (status != null && status != AgentStatus.OFFLINE) {
            JsonNode ids = f.raw("menu_ids");
            if (ids == null || !ids.isArray() || ids.isEmpty() || ids.size() > MAX_AGENT_MENUS) {
                f.error("menu_ids", "'menu_ids' must be an array of 1 to " + MAX_AGENT_MENUS + " menu ids.");
            } else {
                for (JsonNode id : ids) {
                    if (!id.isIntegralNumber()
                            || !id.canConvertToLong()
                            || id.longValue() < 1
                            || id.longValue() > Fields.MAX_SAFE_INTEGER
                            || menuIds.contains(id.longValue())) {
                        f.error("menu_ids", "'menu_ids' must hold distinct positive integer menu ids.");
                        break;
                    }
                    menuIds.add(id.longValue());
                }
            }
            f.optionalSubset("channels", Channel.WIRE_NAMES)
                    .ifPresentOrElse(
                            list -> list.forEach(
                                    c -> channels.add(Channel.fromWire(c).orElseThrow())),
                            () -> {
                                if (!f.has("channels")) {
                                    f.error("channels", "'channels' is required unless the agent is offline.");
                                }
                            });
        }
        int concurrency = f.optionalInteger("chat_concurrency", 1, MAX_CHAT_CONCURRENCY)
                .orElse(1L)
                .intValue();
        boolean breakthrough = f.optionalBoolean("breakthrough").orElse(false);
        return new QueueEvent.AgentStatusChanged(
                eventId, at, agentId, status, List.copyOf(menuIds), List.copyOf(channels), concurrency, breakthrough);
    }

    private static Optional<String> language(String code) {
        return Languages.isSupported(code) ? Optional.of(code) : Optional.empty();
    }

    private static long requiredId(Fields f) {
        if (!f.has("menu_id")) {
            f.error("menu_id", "'menu_id' is required.");
            return 0;
        }
        return f.optionalInteger("menu_id", 1, Fields.MAX_SAFE_INTEGER).orElse(0L);
    }

    private static <T> T missing(Fields f, String field) {
        if (!f.has(field)) {
            f.error(field, "'" + field + "' is required.");
        }
        return null;
    }

    private static long time(Fields f, String field, long nowMillis) {
        String text = f.requiredString(field, 64);
        return text == null ? 0 : time(f, field, text, nowMillis);
    }

    private static long time(Fields f, String field, String text, long nowMillis) {
        long at;
        try {
            at = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant()
                    .toEpochMilli();
        } catch (DateTimeException e) {
            f.error(field, "'" + field + "' must be an ISO-8601 date-time with offset, e.g. 2026-11-23T10:15:30Z.");
            return 0;
        }
        if (at > nowMillis + MAX_CLOCK_SKEW_MILLIS) {
            f.error(field, "'" + field + "' lies in the future.");
        }
        return at;
    }

    /** queue_snapshot: every entry is checked, and one wrong entry rejects the whole part (nothing of it applies). */
    private static QueueEvent snapshot(Fields f, String eventId, long asOf, long nowMillis) {
        long menuId = requiredId(f);
        Channel channel =
                f.optionalEnum("channel", Channel::fromWire, Channel.WIRE_NAMES).orElseGet(() -> missing(f, "channel"));
        int parts = f.optionalInteger("parts", 1, MAX_SNAPSHOT_PARTS).orElse(1L).intValue();
        int part = f.optionalInteger("part", 1, MAX_SNAPSHOT_PARTS).orElse(1L).intValue();
        if (part > parts) {
            f.error("part", "'part' must be from 1 to 'parts' (" + parts + ").");
        }
        List<QueueEvent.SnapshotContact> waiting = new ArrayList<>();
        JsonNode list = f.raw("waiting");
        if (list == null || !list.isArray() || list.size() > MAX_SNAPSHOT_CONTACTS) {
            f.error(
                    "waiting",
                    "'waiting' must be an array of at most " + MAX_SNAPSHOT_CONTACTS
                            + " contacts ({contact_id, queued_at, priority}); send a longer line in several parts.");
        } else {
            Set<String> seen = new java.util.HashSet<>();
            for (int i = 0; i < list.size() && f.valid(); i++) {
                String where = "waiting[" + i + "]";
                if (!(list.get(i) instanceof ObjectNode entry)) {
                    f.error(where, "'" + where + "' must be an object {contact_id, queued_at, priority}.");
                    break;
                }
                Fields e = new Fields(entry, Set.of("contact_id", "queued_at", "priority"));
                String contactId = e.requiredString("contact_id", MAX_ID_LENGTH);
                long queuedAt = time(e, "queued_at", nowMillis);
                long priority = e.optionalInteger("priority", 0, 100).orElse(0L);
                if (e.valid() && queuedAt > asOf) {
                    e.error("queued_at", "'queued_at' lies after the snapshot's 'as_of'.");
                }
                if (e.valid() && !seen.add(contactId)) {
                    e.error("contact_id", "contact '" + contactId + "' appears twice.");
                }
                if (!e.valid()) {
                    entryError(f, where, e);
                    break;
                }
                waiting.add(new QueueEvent.SnapshotContact(contactId, queuedAt, priority));
            }
        }
        List<QueueEvent.SnapshotAgent> agents = new ArrayList<>();
        JsonNode agentList = f.raw("agents");
        if (agentList != null && (!agentList.isArray() || agentList.size() > MAX_SNAPSHOT_AGENTS)) {
            f.error(
                    "agents",
                    "'agents' must be an array of at most " + MAX_SNAPSHOT_AGENTS + " agents ({agent_id, status}).");
        } else if (agentList != null) {
            for (int i = 0; i < agentList.size() && f.valid(); i++) {
                String where = "agents[" + i + "]";
                if (!(agentList.get(i) instanceof ObjectNode entry)) {
                    f.error(where, "'" + where + "' must be an object {agent_id, status}.");
                    break;
                }
                Fields e = new Fields(entry, Set.of("agent_id", "status"));
                String agentId = e.requiredString("agent_id", MAX_ID_LENGTH);
                AgentStatus status = e.optionalEnum("status", AgentStatus::fromWire, AgentStatus.WIRE_NAMES)
                        .orElseGet(() -> missing(e, "status"));
                if (!e.valid()) {
                    entryError(f, where, e);
                    break;
                }
                agents.add(new QueueEvent.SnapshotAgent(agentId, status));
            }
        }
        return new QueueEvent.SnapshotReported(
                eventId, asOf, menuId, channel, part, parts, List.copyOf(waiting), List.copyOf(agents));
    }

    /** A wrong entry of a list names its own first wrong field, from the event: {@code waiting[3].queued_at}. */
    private static void entryError(Fields f, String where, Fields entry) {
        f.error(where + "." + entry.errors().get(0).field(), where + ": " + detail(entry));
    }

    private static String detail(Fields f) {
        List<String> parts = new ArrayList<>();
        for (FieldError fe : f.errors()) {
            parts.add(fe.detail());
        }
        return String.join(" ", parts);
    }
}
