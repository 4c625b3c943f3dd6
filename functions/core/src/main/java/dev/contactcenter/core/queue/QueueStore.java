package dev.contactcenter.core.queue;

import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.domain.Menu;
import dev.contactcenter.core.ewt.AgentStatus;
import dev.contactcenter.core.ewt.DecayedSum;
import dev.contactcenter.core.ewt.PatienceHazard;
import dev.contactcenter.core.menu.MenuDependents;
import dev.contactcenter.core.menu.MenuMapper;
import dev.contactcenter.core.menu.MenuStore;
import dev.contactcenter.core.store.Attr;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.store.Queries;
import dev.contactcenter.core.store.TableDesign;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Live queue state: queue-state items (see {@link QueueStateMapper}), contact and agent items, and
 * event-id markers. Every queue event is applied as one transaction that also writes its event-id
 * marker, so an event takes effect exactly once however often it is delivered.
 * <pre>
 * item          PK                                SK        notes
 * queue state   TENANT#{t}#QSTATE#{id mod 8}      QUEUE#{id16}   counts and sums, bounded (QueueStateMapper)
 * contact       TENANT#{t}#CONTACT#{contact id}   CONTACT   state, state_at, menu, channel, priority, queued_at, the quote
 *                                                           while it waits (quoted_seconds, quote_path, lang); expires_at
 * agent         TENANT#{t}#AGENT#{agent id}       AGENT     status, status_at, menu_ids, channels, chat_concurrency,
 *                                                           breakthrough
 * event id      TENANT#{t}#QEVENT#{event id}      EVENT     expires_at (TTL)
 * </pre>
 */
public final class QueueStore implements MenuDependents {
    /** How long contacts, agents' past and event ids are remembered: longer than any redelivery. */
    public static final long RETENTION_SECONDS = 7 * 86_400L;

    private static final String MARKER_SK = "EVENT";
    private static final String MARKER_TYPE = "queue_event";
    /**
     * Threads reading queue-state shards beside the request's own: daemon threads, created on first use (none
     * at class init, nothing for a SnapStart snapshot to hold), idle ones dropped after a minute.
     */
    private static final ExecutorService READERS = new ThreadPoolExecutor(
            0,
            QueueStateMapper.SHARDS,
            60,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
                Thread t = new Thread(r, "queue-state-reader");
                t.setDaemon(true);
                return t;
            },
            new ThreadPoolExecutor.CallerRunsPolicy());

    private final Backend backend;

    public QueueStore(Backend backend) {
        this.backend = backend;
    }

    /**
     * A contact as its events left it. {@code menuId} is null for a contact first heard of after it left the line;
     * {@code quote} is the wait it was quoted on joining its line, null once it left (or when nothing was quoted).
     */
    public record ContactRecord(
            String state,
            long stateAtMillis,
            Long menuId,
            Channel channel,
            long priority,
            Long queuedAtMillis,
            QuotedWait quote) {
        public ContactRecord(
                String state, long stateAtMillis, Long menuId, Channel channel, long priority, Long queuedAtMillis) {
            this(state, stateAtMillis, menuId, channel, priority, queuedAtMillis, null);
        }

        public ContactRecord withQuote(QuotedWait q) {
            return new ContactRecord(state, stateAtMillis, menuId, channel, priority, queuedAtMillis, q);
        }
    }

    /** An agent as its last status left it: the queues it serves and its kind there. */
    public record AgentRecord(
            AgentStatus status,
            long statusAtMillis,
            List<Long> menuIds,
            List<Channel> channels,
            int chatConcurrency,
            boolean breakthrough) {}

    /** The outcome of one attempt to apply an event. */
    public enum Outcome {
        APPLIED,
        DUPLICATE,
        CONDITION_FAILED,
        CONFLICT
    }

    /** An outcome and, for a failed condition, the index of the action whose condition failed (else -1). */
    public record Result(Outcome outcome, int failedAction) {}

    /** Whether this JVM has read queue states in parallel yet ({@link #allQueueStatesBeside}). */
    private static final AtomicBoolean FANNED_OUT = new AtomicBoolean();

    /**
     * Every queue-state item of a tenant, after the items {@code alongside} reads: one Query per shard, issued in
     * parallel while the calling thread runs {@code alongside} (the menus' Query; in a JVM's first call, before
     * them). Read cost grows with the number of queues, not with their depth: each item is bounded.
     */
    public List<Map<String, AttributeValue>> allQueueStatesBeside(
            String tenantId, Supplier<List<Map<String, AttributeValue>>> alongside) {
        // a JVM's first call reads the menus first, alone: nine threads making their first SDK request at once load
        // and initialise the same request pipeline side by side, which costs a cold start more than the overlap saves
        List<Map<String, AttributeValue>> first = FANNED_OUT.compareAndSet(false, true) ? alongside.get() : null;
        List<CompletableFuture<List<Map<String, AttributeValue>>>> shards = new ArrayList<>(QueueStateMapper.SHARDS);
        for (int shard = 0; shard < QueueStateMapper.SHARDS; shard++) {
            int s = shard;
            shards.add(CompletableFuture.supplyAsync(() -> shard(tenantId, s), READERS));
        }
        List<Map<String, AttributeValue>> items = new ArrayList<>(first != null ? first : alongside.get());
        for (CompletableFuture<List<Map<String, AttributeValue>>> f : shards) {
            items.addAll(f.join());
        }
        return items;
    }

    private List<Map<String, AttributeValue>> shard(String tenantId, int shard) {
        return Queries.allPages(
                backend,
                QueryRequest.builder()
                        .tableName(backend.table())
                        .keyConditionExpression("PK = :pk")
                        .expressionAttributeValues(Map.of(":pk", Attr.s(QueueStateMapper.shardPk(tenantId, shard))))
                        .build());
    }

    /** What a batch of events reads before it writes: its menus, and which of its event ids were applied before. */
    public record BatchReading(Map<Long, Menu> menus, Set<String> appliedEventIds) {}

    /**
     * The existing menus among these ids and the event ids already applied, in the same BatchGetItem (100 keys a
     * call, strongly consistent: an event applied by an earlier request is seen). A redelivered batch, which
     * at-least-once delivery makes routine, then costs one read per event instead of each event's reads and a
     * transaction refused by its marker; a new event adds its marker's key to a read the batch makes anyway. An
     * event applied by a concurrent request is still refused by its marker's condition.
     */
    public BatchReading read(MenuStore menus, String tenantId, Set<Long> menuIds, Set<String> eventIds) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>(menuIds.size() + eventIds.size());
        for (Long id : menuIds) {
            keys.add(menus.key(tenantId, id));
        }
        for (String eventId : eventIds) {
            keys.add(Map.of(TableDesign.PK, Attr.s(markerPk(tenantId, eventId)), TableDesign.SK, Attr.s(MARKER_SK)));
        }
        Map<Long, Menu> found = new HashMap<>();
        Set<String> applied = new HashSet<>();
        String markerPrefix = markerPk(tenantId, "");
        for (Map<String, AttributeValue> item : Queries.byKeys(backend, keys)) {
            if (MARKER_TYPE.equals(Attr.string(item, "type"))) {
                applied.add(Attr.string(item, TableDesign.PK).substring(markerPrefix.length()));
            } else {
                Menu m = MenuMapper.fromItem(item);
                found.put(m.id(), m);
            }
        }
        return new BatchReading(found, applied);
    }

    public Optional<ContactRecord> contact(String tenantId, String contactId) {
        GetItemResponse r = backend.dynamo()
                .getItem(b -> b.tableName(backend.table())
                        .key(ContactMapper.key(tenantId, contactId))
                        .consistentRead(true));
        return r.hasItem() && !r.item().isEmpty() ? Optional.of(ContactMapper.fromItem(r.item())) : Optional.empty();
    }

    public Optional<AgentRecord> agent(String tenantId, String agentId) {
        GetItemResponse r = backend.dynamo()
                .getItem(b -> b.tableName(backend.table())
                        .key(AgentMapper.key(tenantId, agentId))
                        .consistentRead(true));
        return r.hasItem() && !r.item().isEmpty() ? Optional.of(AgentMapper.fromItem(r.item())) : Optional.empty();
    }

    /** The event-id marker; always the first action of an event's transaction. */
    public TransactWriteItem eventMarker(String tenantId, String eventId, long nowMillis) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TableDesign.PK, Attr.s(markerPk(tenantId, eventId)));
        item.put(TableDesign.SK, Attr.s(MARKER_SK));
        item.put("type", Attr.s(MARKER_TYPE));
        item.put(TableDesign.EXPIRES_AT, Attr.n(nowMillis / 1000 + RETENTION_SECONDS));
        return TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(backend.table())
                        .item(item)
                        .conditionExpression("attribute_not_exists(PK)")
                        .build())
                .build();
    }

    private static String markerPk(String tenantId, String eventId) {
        return TableDesign.tenantPk(tenantId) + "#QEVENT#" + eventId;
    }

    /**
     * Writes the contact's new state, provided it still is what the caller read ({@code expected} null:
     * provided there is no contact yet). This condition is what keeps counts exact: a contact leaves the
     * line (and its queue's count) once only, and an ended contact never re-enters it.
     */
    public TransactWriteItem putContact(
            String tenantId, String contactId, ContactRecord next, Optional<ContactRecord> expected, long nowMillis) {
        Map<String, AttributeValue> item =
                ContactMapper.toItem(tenantId, contactId, next, nowMillis / 1000 + RETENTION_SECONDS);
        Put.Builder put = Put.builder().tableName(backend.table()).item(item);
        if (expected.isEmpty()) {
            put.conditionExpression("attribute_not_exists(PK)");
        } else {
            put.conditionExpression("#state = :state AND #at = :at AND "
                            + (expected.get().menuId() == null ? "attribute_not_exists(#menu)" : "#menu = :menu"))
                    .expressionAttributeNames(Map.of(
                            "#state",
                            ContactMapper.STATE,
                            "#at",
                            ContactMapper.STATE_AT,
                            "#menu",
                            ContactMapper.MENU_ID));
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
    public TransactWriteItem putAgent(
            String tenantId, String agentId, AgentRecord next, Optional<AgentRecord> expected, long nowMillis) {
        Map<String, AttributeValue> item = AgentMapper.toItem(tenantId, agentId, next);
        Put.Builder put = Put.builder().tableName(backend.table()).item(item);
        if (expected.isEmpty()) {
            put.conditionExpression("attribute_not_exists(PK)");
        } else {
            put.conditionExpression("#at = :at")
                    .expressionAttributeNames(Map.of("#at", AgentMapper.STATUS_AT))
                    .expressionAttributeValues(
                            Map.of(":at", Attr.n(expected.get().statusAtMillis())));
        }
        return TransactWriteItem.builder().put(put.build()).build();
    }

    /** An update of one menu's queue-state item; creates the item on first use. */
    public QueueUpdate queue(String tenantId, long menuId) {
        return new QueueUpdate(tenantId, menuId);
    }

    /** One menu's queue-state item (empty when nothing happened in that queue yet). */
    /**
     * Writes a queue's whole state item {@code next} (built from {@code read}, the item as read, empty if there was
     * none) with the next revision, provided nobody wrote the item since it was read: no event's ADD slips in
     * between a read-modify-write of the whole item (a snapshot, the migration).
     */
    public TransactWriteItem replaceQueueState(Map<String, AttributeValue> read, Map<String, AttributeValue> next) {
        long revision = Attr.number(read, QueueStateMapper.REVISION, 0);
        next.put(QueueStateMapper.REVISION, Attr.n(revision + 1));
        Put.Builder put = Put.builder().tableName(backend.table()).item(next);
        if (read.isEmpty()) {
            put.conditionExpression("attribute_not_exists(PK)");
        } else {
            put.conditionExpression("#rev = :rev")
                    .expressionAttributeNames(Map.of("#rev", QueueStateMapper.REVISION))
                    .expressionAttributeValues(Map.of(":rev", Attr.n(revision)));
        }
        return TransactWriteItem.builder().put(put.build()).build();
    }

    public Map<String, AttributeValue> queueState(String tenantId, long menuId) {
        GetItemResponse r = backend.dynamo()
                .getItem(b -> b.tableName(backend.table())
                        .key(QueueStateMapper.key(tenantId, menuId))
                        .consistentRead(true));
        return r.hasItem() ? r.item() : Map.of();
    }

    /** A queue's state item (empty: nothing reported yet) and its menu (empty: deleted). */
    public record QueueWithMenu(Map<String, AttributeValue> state, Optional<Menu> menu) {}

    /** A queue's state and its menu in one BatchGetItem, strongly consistent (a contact's own count included). */
    public QueueWithMenu queueWithMenu(MenuStore menus, String tenantId, long menuId) {
        Map<String, AttributeValue> state = Map.of();
        Menu menu = null;
        for (Map<String, AttributeValue> item :
                Queries.byKeys(backend, List.of(QueueStateMapper.key(tenantId, menuId), menus.key(tenantId, menuId)))) {
            if (QueueStateMapper.isQueueState(item)) {
                state = item;
            } else {
                menu = MenuMapper.fromItem(item);
            }
        }
        return new QueueWithMenu(state, Optional.ofNullable(menu));
    }

    /** A menu's queue state goes with the menu. */
    @Override
    public List<TransactWriteItem> removals(String tenantId, long menuId) {
        return List.of(TransactWriteItem.builder()
                .delete(Delete.builder()
                        .tableName(backend.table())
                        .key(QueueStateMapper.key(tenantId, menuId))
                        .build())
                .build());
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
            if (!reasons.isEmpty()
                    && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
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

    /**
     * Builds the update expression of a queue-state item: counts and sums move by {@code ADD}, which commutes, so
     * concurrent events on one queue need no read and no condition on the item (each event's own conditions are on
     * its contact or agent). Changes to one attribute within an event are netted into one {@code ADD}.
     */
    public final class QueueUpdate implements QueueStateWriter {
        private final String tenantId;
        private final long menuId;
        private final List<String> sets = new ArrayList<>();
        private final Map<String, Double> adds = new LinkedHashMap<>();
        /** Additions to the ring of five-second slots: packed numbers of 36 digits, beyond a double's precision. */
        private final Map<String, BigInteger> slotAdds = new LinkedHashMap<>();

        private final Set<String> removes = new LinkedHashSet<>();
        private final Map<String, String> names = new HashMap<>();
        private final Map<String, AttributeValue> values = new HashMap<>();
        private String condition;
        /** When the update is written: which minutes are split into slots ({@link QueueStateMapper#joinSlotsKept}). */
        private final long nowMillis;

        private QueueUpdate(String tenantId, long menuId) {
            this.tenantId = tenantId;
            this.menuId = menuId;
            this.nowMillis = backend.clock().millis();
            set(QueueStateMapper.TYPE, Attr.s(QueueStateMapper.ITEM_TYPE));
            set(QueueStateMapper.MENU_ID, Attr.n(menuId));
            add(QueueStateMapper.REVISION, 1);
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

        private void add(String attribute, double delta) {
            adds.merge(attribute, delta, Double::sum);
        }

        @Override
        public void addWaiting(String contactId, Channel channel, long priority, long queuedAtMillis) {
            add(QueueStateMapper.waitingBucket(channel, priority, queuedAtMillis), 1);
            // the minute that just passed out of every waiting contact's reach: nobody there counts any more
            long stale =
                    queuedAtMillis - QueueStateMapper.MAX_WAIT_SECONDS * 1000 - QueueStateMapper.WAIT_BUCKET_MILLIS;
            removes.add(QueueStateMapper.waitingBucket(channel, priority, stale));
            joinSlot(channel, queuedAtMillis, BigInteger.ONE);
        }

        @Override
        public void removeWaiting(String contactId, Channel channel, long priority, long queuedAtMillis) {
            add(QueueStateMapper.waitingBucket(channel, priority, queuedAtMillis), -1);
            joinSlot(channel, queuedAtMillis, BigInteger.ONE.negate());
        }

        /**
         * Counts a contact joining ({@code sign} 1) or leaving (-1) in its five-second slot while its minute is split,
         * and clears the ring's minutes ahead, which hold only minutes past the split ones.
         */
        private void joinSlot(Channel channel, long queuedAtMillis, BigInteger sign) {
            if (QueueStateMapper.joinSlotsKept(queuedAtMillis, nowMillis)) {
                slotAdds.merge(
                        QueueStateMapper.joinRing(
                                channel, Math.floorDiv(queuedAtMillis, QueueStateMapper.WAIT_BUCKET_MILLIS)),
                        QueueStateMapper.joinSlotDelta(queuedAtMillis).multiply(sign),
                        BigInteger::add);
            }
            long minute = Math.floorDiv(nowMillis, QueueStateMapper.WAIT_BUCKET_MILLIS);
            // from two minutes ahead: a writer whose clock lags a minute behind clears nothing in use
            for (int ahead = 2; ahead <= QueueStateMapper.JOIN_RING_CLEARED + 1; ahead++) {
                removes.add(QueueStateMapper.joinRing(channel, minute + ahead));
            }
        }

        @Override
        public void putAgent(
                String agentId,
                AgentStatus status,
                List<Channel> channels,
                int queues,
                int chatConcurrency,
                boolean breakthrough) {
            add(QueueStateMapper.agentKind(status, channels, queues, chatConcurrency, breakthrough), 1);
        }

        @Override
        public void removeAgent(
                String agentId,
                AgentStatus status,
                List<Channel> channels,
                int queues,
                int chatConcurrency,
                boolean breakthrough) {
            add(QueueStateMapper.agentKind(status, channels, queues, chatConcurrency, breakthrough), -1);
        }

        @Override
        public void handled(Channel channel, double handleSeconds, long atMillis) {
            sample(
                    QueueStateMapper.HANDLE_WEIGHT,
                    QueueStateMapper.HANDLE_SUM,
                    channel,
                    handleSeconds,
                    atMillis,
                    1,
                    DecayedSum.TAU_MILLIS);
            sample(
                    QueueStateMapper.LONG_HANDLE_WEIGHT,
                    QueueStateMapper.LONG_HANDLE_SUM,
                    channel,
                    handleSeconds,
                    atMillis,
                    1,
                    DecayedSum.LONG_TAU_MILLIS);
            sample(
                    null,
                    QueueStateMapper.LONG_HANDLE_SQUARES,
                    channel,
                    handleSeconds * handleSeconds,
                    atMillis,
                    0,
                    DecayedSum.LONG_TAU_MILLIS);
        }

        @Override
        public void leftLine(Channel channel, double waitSeconds, boolean abandoned, long atMillis) {
            sample(
                    QueueStateMapper.ABANDON_WEIGHT,
                    QueueStateMapper.EXPOSURE_SUM,
                    channel,
                    waitSeconds,
                    atMillis,
                    abandoned ? 1 : 0,
                    DecayedSum.TAU_MILLIS);
            int bin = PatienceHazard.bin(waitSeconds);
            sample(
                    abandoned ? QueueStateMapper.hazardPrefix(QueueStateMapper.ABANDONED_BY_WAIT, bin) : null,
                    QueueStateMapper.hazardPrefix(QueueStateMapper.LEFT_BY_WAIT, bin),
                    channel,
                    1,
                    atMillis,
                    1,
                    DecayedSum.LONG_TAU_MILLIS);
            sample(
                    null,
                    QueueStateMapper.hazardPrefix(QueueStateMapper.WAIT_INTO_BIN, bin),
                    channel,
                    PatienceHazard.intoBin(waitSeconds),
                    atMillis,
                    0,
                    DecayedSum.LONG_TAU_MILLIS);
        }

        /** Conditional: only if no later entry into service is recorded. */
        @Override
        public void enteredService(Channel channel, long waitSeconds, long atMillis) {
            set(QueueStateMapper.LES + channel.wireName(), Attr.s(atMillis + " " + waitSeconds));
            String at = name(QueueStateMapper.LES_AT + channel.wireName());
            String value = value(Attr.n(atMillis));
            sets.add(at + " = " + value);
            condition("(attribute_not_exists(" + at + ") OR " + at + " < " + value + ")");
        }

        /**
         * Conditional: a contact event's waiting changes apply only if no snapshot of the channel as of
         * {@code supersededFromMillis} or later set the counts ({@link QueueAggregation#supersededFrom}: the snapshot
         * already holds what the event did).
         */
        public void onlyBeforeSnapshot(Channel channel, long supersededFromMillis) {
            String snap = name(QueueStateMapper.SNAPSHOT + channel.wireName());
            condition("(attribute_not_exists(" + snap + ") OR " + snap + " < " + value(Attr.n(supersededFromMillis))
                    + ")");
        }

        private void condition(String more) {
            condition = condition == null ? more : condition + " AND " + more;
        }

        /** Last delivered wins, unconditioned: a late event can only move it back, which drops nobody. */
        @Override
        public void servedFromLine(Channel channel, long priority, long queuedAtMillis) {
            set(QueueStateMapper.servedQueuedAt(channel, priority), Attr.n(queuedAtMillis));
            // first come, first served: the two minutes before its own hold nobody of its priority any more
            long minute = Math.floorDiv(queuedAtMillis, QueueStateMapper.WAIT_BUCKET_MILLIS);
            for (long before = minute - 2; before < minute; before++) {
                if (QueueStateMapper.joinSlotsKept(before * QueueStateMapper.WAIT_BUCKET_MILLIS, nowMillis)) {
                    removes.add(QueueStateMapper.joinRing(channel, before));
                }
            }
        }

        /**
         * Removes counters past the longest limits ({@link QueueStateMapper.Cleanup#stale}), but none this update also
         * moves (a late event's own bucket): one expression may not name an attribute twice.
         */
        public void removeStale(List<String> names) {
            for (String name : names) {
                if (!adds.containsKey(name)) {
                    removes.add(name);
                }
            }
        }

        /**
         * Conditional: removes counts read as zero ({@link QueueStateMapper.Cleanup#emptied}) only if they still are
         * (a late event may have moved one since), but none this update also moves.
         */
        public void removeEmptied(List<String> names) {
            String zero = null;
            for (String name : names) {
                if (!adds.containsKey(name) && removes.add(name)) {
                    zero = zero == null ? value(Attr.n(0)) : zero;
                    condition(name(name) + " = " + zero);
                }
            }
        }

        @Override
        public void startedService(String contactId, Channel channel, long atMillis) {
            add(QueueStateMapper.serviceBucket(channel, atMillis), 1);
            long stale = atMillis - QueueStateMapper.MAX_HANDLE_SECONDS * 1000 - QueueStateMapper.SERVICE_BUCKET_MILLIS;
            removes.add(QueueStateMapper.serviceBucket(channel, stale));
        }

        @Override
        public void endedService(String contactId, Channel channel, long startedAtMillis) {
            add(QueueStateMapper.serviceBucket(channel, startedAtMillis), -1);
        }

        @Override
        public void flow(Channel channel, Flow flow, long atMillis) {
            if (flow != Flow.ABANDONED) {
                sample(null, QueueStateMapper.flowPrefix(flow, false), channel, 1, atMillis, 0, DecayedSum.TAU_MILLIS);
            }
            sample(null, QueueStateMapper.flowPrefix(flow, true), channel, 1, atMillis, 0, DecayedSum.LONG_TAU_MILLIS);
        }

        /** Adds a sample to a sum and, unless {@code weightPrefix} is null, {@code count} to its weight. */
        private void sample(
                String weightPrefix,
                String sumPrefix,
                Channel channel,
                double x,
                long atMillis,
                double count,
                long tauMillis) {
            long bucket = DecayedSum.bucket(atMillis);
            double w = DecayedSum.weight(atMillis, tauMillis);
            if (weightPrefix != null && count != 0) {
                add(QueueStateMapper.stat(weightPrefix, channel, bucket), w * count);
            }
            add(QueueStateMapper.stat(sumPrefix, channel, bucket), w * x);
            // buckets two and three days old no longer count: drop them while here
            for (long old = bucket - 3; old <= bucket - 2; old++) {
                if (weightPrefix != null) {
                    removes.add(QueueStateMapper.stat(weightPrefix, channel, old));
                }
                removes.add(QueueStateMapper.stat(sumPrefix, channel, old));
            }
        }

        public TransactWriteItem build() {
            StringBuilder expression = new StringBuilder("SET ").append(String.join(", ", sets));
            List<String> addClauses = new ArrayList<>(adds.size());
            adds.forEach((attribute, delta) -> {
                if (delta != 0 || attribute.equals(QueueStateMapper.REVISION)) {
                    addClauses.add(name(attribute) + " " + value(number(delta)));
                }
            });
            slotAdds.forEach((attribute, delta) -> {
                if (delta.signum() != 0) {
                    addClauses.add(name(attribute) + " " + value(AttributeValue.fromN(delta.toString())));
                }
            });
            if (!addClauses.isEmpty()) {
                expression.append(" ADD ").append(String.join(", ", addClauses));
            }
            List<String> removeClauses = new ArrayList<>(removes.size());
            for (String attribute : removes) {
                if (!adds.containsKey(attribute) && !slotAdds.containsKey(attribute)) {
                    removeClauses.add(name(attribute));
                }
            }
            if (!removeClauses.isEmpty()) {
                expression.append(" REMOVE ").append(String.join(", ", removeClauses));
            }
            Update.Builder update = Update.builder()
                    .tableName(backend.table())
                    .key(QueueStateMapper.key(tenantId, menuId))
                    .updateExpression(expression.toString())
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values);
            if (condition != null) {
                update.conditionExpression(condition);
            }
            return TransactWriteItem.builder().update(update.build()).build();
        }
    }

    /**
     * Whole counts as integers; decayed sums as plain decimals, {@link DecayedSum#rounded} (DynamoDB adds decimals exactly, so
     * a sum keeps three places too, where unrounded additions made every sum 18-20 digits long: bytes every
     * GET /wait_times reads for every queue).
     */
    static AttributeValue number(double v) {
        double r = DecayedSum.rounded(v);
        if (r == Math.rint(r) && Math.abs(r) < 1e15) {
            return Attr.n((long) r);
        }
        return AttributeValue.fromN(BigDecimal.valueOf(r).toPlainString());
    }
}
