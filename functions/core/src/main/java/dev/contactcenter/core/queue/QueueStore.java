package dev.contactcenter.core.queue;

import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.domain.Menu;
import dev.contactcenter.core.ewt.AgentStatus;
import dev.contactcenter.core.ewt.DecayedSum;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import dev.contactcenter.core.menu.MenuMapper;
import dev.contactcenter.core.menu.MenuStore;
import dev.contactcenter.core.menu.MenuDependents;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.store.Attr;
import dev.contactcenter.core.store.TableDesign;

/**
 * Live queue state: queue-state items (see {@link QueueStateMapper}), contact and agent items, and
 * event-id markers. Every queue event is applied as one transaction that also writes its event-id
 * marker, so an event takes effect exactly once however often it is delivered.
 * <pre>
 * item          PK                                SK        notes
 * queue state   TENANT#{t}#MENUS                  QUEUE#{id16}   no TreePath: not in the LSI
 * contact       TENANT#{t}#CONTACT#{contact id}   CONTACT   state, state_at, menu, channel, priority, queued_at, the quote
 *                                                           while it waits (quoted_seconds, quote_path, lang); expires_at
 * agent         TENANT#{t}#AGENT#{agent id}       AGENT     status, status_at, menu_ids
 * event id      TENANT#{t}#QEVENT#{event id}      EVENT     expires_at (TTL)
 * </pre>
 */
public final class QueueStore implements MenuDependents {
    /** How long contacts, agents' past and event ids are remembered: longer than any redelivery. */
    public static final long RETENTION_SECONDS = 7 * 86_400L;

    private final Backend backend;

    public QueueStore(Backend backend) {
        this.backend = backend;
    }

    /**
     * A contact as its events left it. {@code menuId} is null for a contact first heard of after it left the line;
     * {@code quote} is the wait it was quoted on joining its line, null once it left (or when nothing was quoted).
     */
    public record ContactRecord(String state, long stateAtMillis, Long menuId, Channel channel, long priority, Long queuedAtMillis,
                                QuotedWait quote) {
        public ContactRecord(String state, long stateAtMillis, Long menuId, Channel channel, long priority, Long queuedAtMillis) {
            this(state, stateAtMillis, menuId, channel, priority, queuedAtMillis, null);
        }

        public ContactRecord withQuote(QuotedWait q) {
            return new ContactRecord(state, stateAtMillis, menuId, channel, priority, queuedAtMillis, q);
        }
    }

    public record AgentRecord(AgentStatus status, long statusAtMillis, List<Long> menuIds) {
    }

    /** The outcome of one attempt to apply an event. */
    public enum Outcome { APPLIED, DUPLICATE, CONDITION_FAILED, CONFLICT }

    /** An outcome and, for a failed condition, the index of the action whose condition failed (else -1). */
    public record Result(Outcome outcome, int failedAction) {
    }

    /** The whole menu partition (menus and queue state) in one Query: what the wait-times route reads. */
    public List<Map<String, AttributeValue>> menuPartition(MenuStore menus, String tenantId) {
        return menus.queryItems(QueryRequest.builder()
                .tableName(backend.table())
                .keyConditionExpression("PK = :pk")
                .expressionAttributeValues(Map.of(":pk", Attr.s(TableDesign.menusPk(tenantId))))
                .build());
    }

    /** Existing menus among these ids (BatchGetItem, 100 keys a call). */
    public Map<Long, Menu> menus(MenuStore menus, String tenantId, Set<Long> ids) {
        Map<Long, Menu> found = new HashMap<>();
        List<Long> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += 100) {
            List<Map<String, AttributeValue>> keys = new ArrayList<>();
            for (Long id : all.subList(from, Math.min(all.size(), from + 100))) {
                keys.add(menus.key(tenantId, id));
            }
            Map<String, KeysAndAttributes> request = Map.of(backend.table(),
                    KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
            while (!request.isEmpty()) {
                Map<String, KeysAndAttributes> pending = request;
                BatchGetItemResponse response = backend.dynamo().batchGetItem(b -> b.requestItems(pending));
                for (Map<String, AttributeValue> item : response.responses().getOrDefault(backend.table(), List.of())) {
                    Menu m = MenuMapper.fromItem(item);
                    found.put(m.id(), m);
                }
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return found;
    }

    public Optional<ContactRecord> contact(String tenantId, String contactId) {
        GetItemResponse r = backend.dynamo().getItem(b -> b.tableName(backend.table())
                .key(contactKey(tenantId, contactId)).consistentRead(true));
        if (!r.hasItem() || r.item().isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = r.item();
        String channel = Attr.string(item, "channel");
        Long quoted = Attr.numberOrNull(item, "quoted_seconds");
        return Optional.of(new ContactRecord(Attr.string(item, "state"), Attr.number(item, "state_at", 0),
                Attr.numberOrNull(item, "menu_id"), channel == null ? null : Channel.fromWire(channel).orElse(null),
                Attr.number(item, "priority", 0), Attr.numberOrNull(item, "queued_at"),
                quoted == null ? null : new QuotedWait(quoted, Attr.string(item, "quote_path"), Attr.string(item, "lang"))));
    }

    public Optional<AgentRecord> agent(String tenantId, String agentId) {
        GetItemResponse r = backend.dynamo().getItem(b -> b.tableName(backend.table())
                .key(agentKey(tenantId, agentId)).consistentRead(true));
        if (!r.hasItem() || r.item().isEmpty()) {
            return Optional.empty();
        }
        List<Long> menuIds = new ArrayList<>();
        for (String id : Attr.stringList(r.item(), "menu_ids")) {
            menuIds.add(Long.parseLong(id));
        }
        return Optional.of(new AgentRecord(AgentStatus.fromWire(Attr.string(r.item(), "status")).orElseThrow(),
                Attr.number(r.item(), "status_at", 0), menuIds));
    }

    /** The event-id marker; always the first action of an event's transaction. */
    public TransactWriteItem eventMarker(String tenantId, String eventId, long nowMillis) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TableDesign.PK, Attr.s(TableDesign.tenantPk(tenantId) + "#QEVENT#" + eventId));
        item.put(TableDesign.SK, Attr.s("EVENT"));
        item.put("type", Attr.s("queue_event"));
        item.put(TableDesign.EXPIRES_AT, Attr.n(nowMillis / 1000 + RETENTION_SECONDS));
        return TransactWriteItem.builder().put(Put.builder().tableName(backend.table()).item(item)
                .conditionExpression("attribute_not_exists(PK)").build()).build();
    }

    /**
     * Writes the contact's new state, provided it still is what the caller read ({@code expected} null:
     * provided there is no contact yet). This condition is what keeps counts exact: a contact leaves the
     * line (and its queue's count) once only, and an ended contact never re-enters it.
     */
    public TransactWriteItem putContact(String tenantId, String contactId, ContactRecord next,
                                        Optional<ContactRecord> expected, long nowMillis) {
        Map<String, AttributeValue> item = new HashMap<>(contactKey(tenantId, contactId));
        item.put("type", Attr.s("contact"));
        item.put("state", Attr.s(next.state()));
        item.put("state_at", Attr.n(next.stateAtMillis()));
        if (next.menuId() != null) {
            item.put("menu_id", Attr.n(next.menuId()));
            item.put("channel", Attr.s(next.channel().wireName()));
            item.put("priority", Attr.n(next.priority()));
        }
        if (next.queuedAtMillis() != null) {
            item.put("queued_at", Attr.n(next.queuedAtMillis()));
        }
        if (next.quote() != null) {
            item.put("quoted_seconds", Attr.n(next.quote().seconds()));
            item.put("quote_path", Attr.s(next.quote().treePath()));
            if (next.quote().lang() != null) {
                item.put("lang", Attr.s(next.quote().lang()));
            }
        }
        item.put(TableDesign.EXPIRES_AT, Attr.n(nowMillis / 1000 + RETENTION_SECONDS));
        Put.Builder put = Put.builder().tableName(backend.table()).item(item);
        if (expected.isEmpty()) {
            put.conditionExpression("attribute_not_exists(PK)");
        } else {
            put.conditionExpression("#state = :state AND state_at = :at AND " + (expected.get().menuId() == null
                            ? "attribute_not_exists(menu_id)" : "menu_id = :menu"))
                    .expressionAttributeNames(Map.of("#state", "state"));
            Map<String, AttributeValue> values = new HashMap<>();
            values.put(":state", Attr.s(expected.get().state()));
            values.put(":at", Attr.n(expected.get().stateAtMillis()));
            if (expected.get().menuId() != null) {
                values.put(":menu", Attr.n(expected.get().menuId()));
            }
            put.expressionAttributeValues(values);
        }
        return TransactWriteItem.builder().put(put.build()).build();
    }

    /** Writes the agent's new status, provided the stored one is still what the caller read. */
    public TransactWriteItem putAgent(String tenantId, String agentId, AgentRecord next, Optional<AgentRecord> expected, long nowMillis) {
        Map<String, AttributeValue> item = new HashMap<>(agentKey(tenantId, agentId));
        item.put("type", Attr.s("agent"));
        item.put("status", Attr.s(next.status().wireName()));
        item.put("status_at", Attr.n(next.statusAtMillis()));
        List<String> ids = new ArrayList<>();
        next.menuIds().forEach(id -> ids.add(Long.toString(id)));
        item.put("menu_ids", Attr.strings(ids));
        Put.Builder put = Put.builder().tableName(backend.table()).item(item);
        if (expected.isEmpty()) {
            put.conditionExpression("attribute_not_exists(PK)");
        } else {
            put.conditionExpression("status_at = :at")
                    .expressionAttributeValues(Map.of(":at", Attr.n(expected.get().statusAtMillis())));
        }
        return TransactWriteItem.builder().put(put.build()).build();
    }

    /** An update of one menu's queue-state item; creates the item on first use. */
    public QueueUpdate queue(String tenantId, long menuId) {
        return new QueueUpdate(tenantId, menuId);
    }

    /** One menu's queue-state item (empty when nothing happened in that queue yet). */
    public Map<String, AttributeValue> queueState(String tenantId, long menuId) {
        GetItemResponse r = backend.dynamo().getItem(b -> b.tableName(backend.table())
                .key(queueKey(tenantId, menuId)).consistentRead(true));
        return r.hasItem() ? r.item() : Map.of();
    }

    /** A menu's queue state goes with the menu. */
    @Override
    public List<TransactWriteItem> removals(String tenantId, long menuId) {
        return List.of(TransactWriteItem.builder().delete(Delete.builder().tableName(backend.table())
                .key(queueKey(tenantId, menuId)).build()).build());
    }

    /**
     * Applies one event's transaction. A failed condition on the event marker (first action) means the
     * event was applied before; any other failed condition means the state moved on since it was read.
     */
    public Result transact(List<TransactWriteItem> actions) {
        try {
            backend.dynamo().transactWriteItems(b -> b.transactItems(actions));
            return new Result(Outcome.APPLIED, -1);
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
            if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                return new Result(Outcome.DUPLICATE, 0);
            }
            for (int i = 0; i < reasons.size(); i++) {
                if ("ConditionalCheckFailed".equals(reasons.get(i).code())) {
                    return new Result(Outcome.CONDITION_FAILED, i);
                }
            }
            return new Result(Outcome.CONFLICT, -1);
        }
    }

    /** Builds the update expression of a queue-state item; each writer touches only its own attribute names. */
    public final class QueueUpdate implements QueueStateWriter {
        private final String tenantId;
        private final long menuId;
        private final List<String> sets = new ArrayList<>();
        private final List<String> adds = new ArrayList<>();
        private final List<String> removes = new ArrayList<>();
        private final Map<String, String> names = new HashMap<>();
        private final Map<String, AttributeValue> values = new HashMap<>();
        private String condition;

        private QueueUpdate(String tenantId, long menuId) {
            this.tenantId = tenantId;
            this.menuId = menuId;
            set("type", Attr.s(QueueStateMapper.ITEM_TYPE));
            set("menu_id", Attr.n(menuId));
            adds.add(name(QueueStateMapper.REVISION) + " " + value(Attr.n(1)));
        }

        private String name(String attribute) {
            String placeholder = "#n" + names.size();
            names.put(placeholder, attribute);
            return placeholder;
        }

        private String value(AttributeValue v) {
            String placeholder = ":v" + values.size();
            values.put(placeholder, v);
            return placeholder;
        }

        private void set(String attribute, AttributeValue v) {
            sets.add(name(attribute) + " = " + value(v));
        }

        @Override
        public void addWaiting(String contactId, Channel channel, long priority, long queuedAtMillis) {
            set(QueueStateMapper.CONTACT + contactId, Attr.s(QueueStateMapper.contactValue(channel, priority, queuedAtMillis)));
        }

        @Override
        public void removeWaiting(String contactId) {
            removes.add(name(QueueStateMapper.CONTACT + contactId));
        }

        @Override
        public void putAgent(String agentId, AgentStatus status, List<Channel> channels, int queues,
                             int chatConcurrency, boolean breakthrough) {
            set(QueueStateMapper.AGENT + agentId,
                    Attr.s(QueueStateMapper.agentValue(status, channels, queues, chatConcurrency, breakthrough)));
        }

        @Override
        public void removeAgent(String agentId) {
            removes.add(name(QueueStateMapper.AGENT + agentId));
        }

        @Override
        public void handled(Channel channel, double handleSeconds, long atMillis) {
            sample(QueueStateMapper.HANDLE_WEIGHT, QueueStateMapper.HANDLE_SUM, channel, handleSeconds, atMillis, 1,
                    DecayedSum.TAU_MILLIS);
            sample(QueueStateMapper.LONG_HANDLE_WEIGHT, QueueStateMapper.LONG_HANDLE_SUM, channel, handleSeconds, atMillis, 1,
                    DecayedSum.LONG_TAU_MILLIS);
            sample(null, QueueStateMapper.LONG_HANDLE_SQUARES, channel, handleSeconds * handleSeconds, atMillis, 0,
                    DecayedSum.LONG_TAU_MILLIS);
        }

        @Override
        public void leftLine(Channel channel, double waitSeconds, boolean abandoned, long atMillis) {
            sample(QueueStateMapper.ABANDON_WEIGHT, QueueStateMapper.EXPOSURE_SUM, channel,
                    waitSeconds, atMillis, abandoned ? 1 : 0, DecayedSum.TAU_MILLIS);
        }

        /** Conditional: only if no later entry into service is recorded. */
        @Override
        public void enteredService(Channel channel, long waitSeconds, long atMillis) {
            set(QueueStateMapper.LES + channel.wireName(), Attr.s(atMillis + " " + waitSeconds));
            String at = name(QueueStateMapper.LES_AT + channel.wireName());
            String value = value(Attr.n(atMillis));
            sets.add(at + " = " + value);
            condition = "attribute_not_exists(" + at + ") OR " + at + " < " + value;
        }

        @Override
        public void startedService(String contactId, Channel channel, long atMillis) {
            set(QueueStateMapper.SERVICE + contactId, Attr.s(QueueStateMapper.serviceValue(channel, atMillis)));
        }

        @Override
        public void endedService(String contactId) {
            removes.add(name(QueueStateMapper.SERVICE + contactId));
        }

        /** Adds a sample to a sum and, unless {@code weightPrefix} is null, {@code count} to its weight. */
        private void sample(String weightPrefix, String sumPrefix, Channel channel, double x, long atMillis, double count,
                            long tauMillis) {
            long bucket = DecayedSum.bucket(atMillis);
            double w = DecayedSum.weight(atMillis, tauMillis);
            if (weightPrefix != null && count != 0) {
                adds.add(name(QueueStateMapper.stat(weightPrefix, channel, bucket)) + " " + value(number(w * count)));
            }
            adds.add(name(QueueStateMapper.stat(sumPrefix, channel, bucket)) + " " + value(number(w * x)));
            // buckets two and three days old no longer count: drop them while here
            for (long old = bucket - 3; old <= bucket - 2; old++) {
                if (weightPrefix != null) {
                    removes.add(name(QueueStateMapper.stat(weightPrefix, channel, old)));
                }
                removes.add(name(QueueStateMapper.stat(sumPrefix, channel, old)));
            }
        }

        public TransactWriteItem build() {
            StringBuilder expression = new StringBuilder("SET ").append(String.join(", ", sets));
            if (!adds.isEmpty()) {
                expression.append(" ADD ").append(String.join(", ", adds));
            }
            if (!removes.isEmpty()) {
                expression.append(" REMOVE ").append(String.join(", ", removes));
            }
            Update.Builder update = Update.builder().tableName(backend.table()).key(queueKey(tenantId, menuId))
                    .updateExpression(expression.toString())
                    .expressionAttributeNames(names).expressionAttributeValues(values);
            if (condition != null) {
                update.conditionExpression(condition);
            }
            return TransactWriteItem.builder().update(update.build()).build();
        }
    }

    private static AttributeValue number(double v) {
        return AttributeValue.builder().n(BigDecimal.valueOf(v).toPlainString()).build();
    }

    static Map<String, AttributeValue> queueKey(String tenantId, long menuId) {
        return Map.of(TableDesign.PK, Attr.s(TableDesign.menusPk(tenantId)), TableDesign.SK, Attr.s(QueueStateMapper.sk(menuId)));
    }

    private static Map<String, AttributeValue> contactKey(String tenantId, String contactId) {
        return Map.of(TableDesign.PK, Attr.s(TableDesign.tenantPk(tenantId) + "#CONTACT#" + contactId), TableDesign.SK, Attr.s("CONTACT"));
    }

    private static Map<String, AttributeValue> agentKey(String tenantId, String agentId) {
        return Map.of(TableDesign.PK, Attr.s(TableDesign.tenantPk(tenantId) + "#AGENT#" + agentId), TableDesign.SK, Attr.s("AGENT"));
    }
}
