package dev.contactcenter.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.domain.StaleLimits;
import dev.contactcenter.core.ewt.DecayedSum;
import dev.contactcenter.core.ewt.Predictors;
import dev.contactcenter.core.queue.QueueEventService;
import dev.contactcenter.core.queue.QueueStateMapper;
import dev.contactcenter.core.queue.QueueStore;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.store.TableDesign;
import dev.contactcenter.core.waittimes.AccuracyStore;
import dev.contactcenter.core.waittimes.WaitTimesQuery;
import dev.contactcenter.core.waittimes.WaitTimesService;
import dev.contactcenter.testkit.LocalDynamo;
import dev.contactcenter.testkit.QueueFixtures;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;

/**
 * What queue events cost in DynamoDB, measured on DynamoDB Local with the capacity it reports
 * (read units as it reports them with {@code ReturnConsumedCapacity}):
 * <ol>
 * <li>one queue filled to 20,000 waiting contacts with 2,000 agents on it: the write units of one event at 10
 * waiting and at 20,000 (their ratio is the growth with queue depth);</li>
 * <li>a share of those contacts served and abandoned;</li>
 * <li>events spread over 1,000 queues of one tenant by 8 parallel writers: the share of all write units the
 * hottest partition key took, and events per second;</li>
 * <li>the final state against the truth the bench sent (lost updates), the largest queue-state item, and the
 * read units of one GET /wait_times for the 1,000 menus.</li>
 * </ol>
 * Write units are booked as DynamoDB bills a transactional write (see {@link #CAPACITY}).
 * Prints a table, then {@code summary: wcu_per_event_max=X wcu_growth_ratio=Y max_item_kb=Z rcu_per_wait_times=R
 * hottest_pk_wcu_share=H lost_updates=N events_per_s=E}. {@code wcu_per_event_max} is the largest transaction of
 * the whole run. A transaction's write units are split evenly over the items it writes (DynamoDB reports them per
 * table, not per item).
 */
public final class IngestBench {
    private static final String TENANT = "ingest";
    private static final int QUEUES = 1000;
    private static final int DEEP = 20_000;
    private static final int AGENTS = 2_000;
    private static final int WRITERS = 8;
    private static final int SPREAD_EVENTS = 20_000;

    /** Write units per partition key, and of the last transaction of each thread. */
    static final Map<String, DoubleAdder> WCU_BY_PK = new ConcurrentHashMap<>();

    static final ThreadLocal<double[]> LAST_WCU = ThreadLocal.withInitial(() -> new double[1]);
    static final DoubleAdder TOTAL_WCU = new DoubleAdder();
    /** The most write units one event's transaction took. */
    static final AtomicLong MAX_TX_CENTI_WCU = new AtomicLong();

    /** The backend the interceptor reads written items back through (set once the table exists); null: book nothing. */
    static volatile Backend reader;

    /**
     * Books every transaction's write units by partition key, as DynamoDB bills a transactional write: 2 WCU per KB
     * (rounded up) of each item written, an update counted at the size of the item it leaves. DynamoDB Local's own
     * report ({@code ReturnConsumedCapacity}) is printed beside it: it answers 2.0 for a transaction of any size.
     */
    static final ExecutionInterceptor CAPACITY = new ExecutionInterceptor() {
        @Override
        public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
            if (context.request() instanceof TransactWriteItemsRequest r) {
                return r.toBuilder()
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                        .build();
            }
            if (context.request() instanceof QueryRequest q) {
                return q.toBuilder()
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                        .build();
            }
            return context.request();
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            if (context.response() instanceof QueryResponse r
                    && context.request() instanceof QueryRequest q
                    && r.consumedCapacity() != null) {
                String pk = q.expressionAttributeValues().get(":pk").s();
                READ_RCU.computeIfAbsent(pk, k -> new DoubleAdder())
                        .add(r.consumedCapacity().capacityUnits());
            }
            if (reader != null
                    && context.response() instanceof TransactWriteItemsResponse r
                    && context.request() instanceof TransactWriteItemsRequest request) {
                for (ConsumedCapacity c : r.consumedCapacity()) {
                    REPORTED_WCU.add(c.capacityUnits() == null ? 0 : c.capacityUnits());
                }
                double total = 0;
                for (TransactWriteItem item : request.transactItems()) {
                    double wcu = 2 * Math.ceil(Math.max(1, writtenBytes(item)) / 1024.0);
                    total += wcu;
                    WCU_BY_PK.computeIfAbsent(pk(item), k -> new DoubleAdder()).add(wcu);
                }
                LAST_WCU.get()[0] += total;
                TOTAL_WCU.add(total);
                MAX_TX_CENTI_WCU.accumulateAndGet(Math.round(total * 100), Math::max);
            }
        }
    };

    static final DoubleAdder REPORTED_WCU = new DoubleAdder();
    /** Read units of the Queries made, by partition key (as DynamoDB Local reports them). */
    static final Map<String, DoubleAdder> READ_RCU = new ConcurrentHashMap<>();

    /** A put's item as sent; an update's item as it stands after it (read back). */
    private static long writtenBytes(TransactWriteItem item) {
        if (item.put() != null) {
            return itemBytes(item.put().item());
        }
        Map<String, AttributeValue> key = item.update() != null
                ? item.update().key()
                : item.delete() != null
                        ? item.delete().key()
                        : item.conditionCheck().key();
        if (item.update() == null) {
            return itemBytes(key);
        }
        Backend b = reader;
        Map<String, AttributeValue> after =
                b.dynamo().getItem(g -> g.tableName(b.table()).key(key)).item();
        return itemBytes(after == null || after.isEmpty() ? key : after);
    }

    private static String pk(TransactWriteItem item) {
        Map<String, AttributeValue> key = item.put() != null
                ? item.put().item()
                : item.update() != null
                        ? item.update().key()
                        : item.delete() != null
                                ? item.delete().key()
                                : item.conditionCheck().key();
        return key.get(TableDesign.PK).s();
    }

    private IngestBench() {}

    public static void main(String[] args) throws Exception {
        Instant now = Instant.now();
        Backend backend = LocalDynamo.freshBackend(Clock.systemUTC(), CAPACITY);
        // items are read back for the books only where write units are measured
        Backend books = new Backend(LocalDynamo.client(List.of()), backend.table(), backend.clock());
        QueueFixtures.seedLargeTenant(backend, TENANT, QUEUES, now);
        QueueEventService events = new QueueEventService(backend, new AccuracyStore(backend));
        QueueStore queues = new QueueStore(backend);
        Map<Long, AtomicLong> truth = new ConcurrentHashMap<>();
        System.out.printf("%-48s %12s%n", "phase", "figure");

        // 1. one deep queue: agents first, then contacts joining over the last 20 minutes
        long deepMenu = 1;
        List<ObjectNode> agents = new ArrayList<>();
        for (int a = 0; a < AGENTS; a++) {
            agents.add(QueueFixtures.agent(
                    "agent-" + a,
                    now.minusSeconds(1800),
                    "agent-" + a,
                    "busy",
                    List.of(deepMenu),
                    List.of("voice_call"),
                    1,
                    false));
        }
        apply(events, agents);
        double wcuAt10 = 0;
        double wcuAtDeep = 0;
        int sampled10 = 0;
        int sampledDeep = 0;
        truth.put(deepMenu, new AtomicLong());
        List<ObjectNode> filling = new ArrayList<>();
        for (int c = 0; c < DEEP; c++) {
            // joined over 20 minutes, the last of them 5 minutes ago: before any of them leaves
            Instant at = now.minusMillis(1_500_000L - 60L * c);
            ObjectNode queued = QueueFixtures.queued("deep-q-" + c, at, "deep-" + c, deepMenu, "voice_call", 0);
            truth.get(deepMenu).incrementAndGet();
            boolean sampled = c >= 5 && c < 15 || c >= DEEP - 10;
            if (!sampled) {
                filling.add(queued);
                continue;
            }
            apply(events, filling);
            filling.clear();
            LAST_WCU.get()[0] = 0;
            reader = books;
            apply(events, List.of(queued));
            reader = null;
            if (c < 15) {
                wcuAt10 += LAST_WCU.get()[0];
                sampled10++;
            } else {
                wcuAtDeep += LAST_WCU.get()[0];
                sampledDeep++;
            }
        }
        double perEvent10 = wcuAt10 / sampled10;
        double perEventDeep = wcuAtDeep / sampledDeep;
        System.out.printf("%-48s %12.2f%n", "WCU per contact_queued at 10 waiting", perEvent10);
        System.out.printf("%-48s %12.2f%n", "WCU per contact_queued at 20,000 waiting", perEventDeep);
        double deepItemKb = itemKb(queues.queueState(TENANT, deepMenu));
        System.out.printf("%-48s %12.2f%n", "deep queue's state item (KB)", deepItemKb);

        // 2. serve a fifth of them, first come, first served (the queue state relies on it), and lose a tenth of
        // them to abandonment, from anywhere in the line behind
        List<ObjectNode> leaving = new ArrayList<>();
        Instant leftAt = now.minusSeconds(5);
        for (int c = 0; c < DEEP; c++) {
            if (c < DEEP / 5) {
                leaving.add(QueueFixtures.assigned("deep-a-" + c, leftAt, "deep-" + c, "agent-" + (c % AGENTS)));
            } else if (c % 8 == 0) {
                leaving.add(QueueFixtures.abandoned("deep-x-" + c, leftAt, "deep-" + c));
            } else {
                continue;
            }
            truth.get(deepMenu).decrementAndGet();
        }
        apply(events, leaving);

        // 3. 1,000 queues, 8 writers
        WCU_BY_PK.clear();
        TOTAL_WCU.reset();
        REPORTED_WCU.reset();
        List<List<ObjectNode>> perWriter = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            perWriter.add(new ArrayList<>());
        }
        for (int e = 0; e < SPREAD_EVENTS; e++) {
            long menu = 1 + (e % QUEUES);
            String contact = "spread-" + e;
            List<ObjectNode> writer = perWriter.get(e % WRITERS);
            writer.add(QueueFixtures.queued("s-q-" + e, now.minusSeconds(600), contact, menu, "voice_call", 0));
            truth.computeIfAbsent(menu, m -> new AtomicLong()).incrementAndGet();
            // none served in the deep queue, where contacts who joined before these still wait (first come, first
            // served: the queue state would take them as gone)
            if (e % 4 == 0 && menu != deepMenu) {
                writer.add(QueueFixtures.assigned("s-a-" + e, now.minusSeconds(300), contact, "spread-agent-" + e));
                writer.add(QueueFixtures.ended("s-e-" + e, now.minusSeconds(60), contact, 240));
                truth.get(menu).decrementAndGet();
            }
        }
        reader = books;
        int spreadEvents = run(events, perWriter);
        // the same again on fresh contacts, timed, without reading items back for the books
        reader = null;
        List<List<ObjectNode>> timed = new ArrayList<>();
        for (List<ObjectNode> writer : perWriter) {
            List<ObjectNode> again = new ArrayList<>(writer.size());
            for (ObjectNode e : writer) {
                ObjectNode copy = e.deepCopy()
                        .put("event_id", "t-" + e.get("event_id").asText())
                        .put("contact_id", "t-" + e.get("contact_id").asText());
                again.add(copy);
                if ("contact_queued".equals(e.get("type").asText())) {
                    truth.get(e.get("menu_id").asLong()).incrementAndGet();
                } else if ("contact_ended".equals(e.get("type").asText())) {
                    truth.get(1 + (Long.parseLong(e.get("contact_id").asText().substring("spread-".length())) % QUEUES))
                            .decrementAndGet();
                }
            }
            timed.add(again);
        }
        long started = System.nanoTime();
        run(events, timed);
        double seconds = (System.nanoTime() - started) / 1e9;
        double eventsPerSecond = spreadEvents / seconds;
        String hottest = null;
        double hottestWcu = 0;
        for (Map.Entry<String, DoubleAdder> e : WCU_BY_PK.entrySet()) {
            if (e.getValue().sum() > hottestWcu) {
                hottestWcu = e.getValue().sum();
                hottest = e.getKey();
            }
        }
        double hottestShare = hottestWcu / TOTAL_WCU.sum();
        System.out.printf("%-48s %12d%n", "events over 1,000 queues (8 writers)", spreadEvents);
        System.out.printf("%-48s %12.0f%n", "events per second (DynamoDB Local, 8 writers)", eventsPerSecond);
        System.out.printf("%-48s %12.3f  (%s)%n", "hottest partition key's share of WCU", hottestShare, hottest);

        // 4. the state against the truth, item sizes, one GET /wait_times' read units
        long now2 = System.currentTimeMillis();
        DecayedSum.At decay = DecayedSum.at(now2);
        long lost = 0;
        double maxItemKb = deepItemKb;
        for (long menu = 1; menu <= QUEUES; menu++) {
            Map<String, AttributeValue> item = queues.queueState(TENANT, menu);
            maxItemKb = Math.max(maxItemKb, itemKb(item));
            long stored = QueueStateMapper.read(item.isEmpty() ? null : item, decay.bucket())
                    .snapshot(Channel.VOICE_CALL, 240, StaleLimits.DEFAULT, decay, now2)
                    .waitingCount();
            long expected = truth.getOrDefault(menu, new AtomicLong()).get();
            if (stored != expected && lost < 5) {
                System.out.printf("  menu %d: %d waiting stored, %d sent%n", menu, stored, expected);
            }
            lost += Math.abs(stored - expected);
        }
        // one GET /wait_times as the function serves it: the listings' Query and one Query per queue-state shard
        READ_RCU.clear();
        int rows = new WaitTimesService(backend)
                .waitTimes(
                        TENANT,
                        new WaitTimesQuery(
                                "en",
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Predictors.defaultPredictor()))
                .size();
        if (rows != QUEUES) {
            throw new IllegalStateException("GET /wait_times answered " + rows + " rows for " + QUEUES + " menus");
        }
        double rcu = READ_RCU.values().stream().mapToDouble(DoubleAdder::sum).sum();
        double menusRcu = READ_RCU.getOrDefault(TableDesign.menusPk(TENANT), new DoubleAdder())
                .sum();
        System.out.printf("%-48s %12d%n", "|stored - true| waiting, summed over queues", lost);
        System.out.printf("%-48s %12.2f%n", "largest queue-state item (KB)", maxItemKb);
        System.out.printf("%-48s %12.1f%n", "RCU of one GET /wait_times (1,000 menus)", rcu);
        System.out.printf("%-48s %12.1f%n", "  of which the menus' listings (one Query)", menusRcu);
        System.out.printf("%-48s %12d%n", "  partition keys queried", READ_RCU.size());
        System.out.printf(
                "%-48s %12.2f%n",
                "WCU per transaction, as DynamoDB Local reports", REPORTED_WCU.sum() / Math.max(1, spreadEvents));
        System.out.printf(
                "summary: wcu_per_event_max=%.1f wcu_growth_ratio=%.2f max_item_kb=%.2f rcu_per_wait_times=%.1f"
                        + " hottest_pk_wcu_share=%.3f lost_updates=%d events_per_s=%.0f%n",
                MAX_TX_CENTI_WCU.get() / 100.0,
                perEventDeep / perEvent10,
                maxItemKb,
                rcu,
                hottestShare,
                lost,
                eventsPerSecond);
        System.exit(0);
    }

    /** Each writer's events on a thread of its own; how many events in all. */
    private static int run(QueueEventService events, List<List<ObjectNode>> perWriter) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> done = new ArrayList<>();
        int count = 0;
        for (List<ObjectNode> writer : perWriter) {
            done.add(pool.submit(() -> apply(events, writer)));
            count += writer.size();
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        return count;
    }

    private static void apply(QueueEventService events, List<ObjectNode> batch) {
        for (int from = 0; from < batch.size(); from += QueueEventService.MAX_EVENTS) {
            QueueEventService.BatchResult r = events.apply(
                    TENANT,
                    QueueFixtures.batch(
                            batch.subList(from, Math.min(batch.size(), from + QueueEventService.MAX_EVENTS))));
            if (!r.rejected().isEmpty()) {
                throw new IllegalStateException("rejected: " + r.rejected());
            }
        }
    }

    static double itemKb(Map<String, AttributeValue> item) {
        return itemBytes(item) / 1024.0;
    }

    /**
     * An item's size as DynamoDB counts it: attribute names plus values (strings in UTF-8 bytes, numbers about one
     * byte per two significant digits plus one, sets and lists their elements plus a few bytes each).
     */
    static long itemBytes(Map<String, AttributeValue> item) {
        long bytes = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            bytes += e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8).length + valueBytes(e.getValue());
        }
        return bytes;
    }

    private static long valueBytes(AttributeValue v) {
        if (v.s() != null) {
            return v.s().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
        if (v.n() != null) {
            return v.n().replace("-", "").replace(".", "").length() / 2 + 1;
        }
        if (v.hasSs()) {
            return v.ss().stream().mapToLong(s -> s.length()).sum();
        }
        if (v.hasL()) {
            return 3 + v.l().stream().mapToLong(x -> 1 + valueBytes(x)).sum();
        }
        if (v.hasM()) {
            return 3 + itemBytes(v.m());
        }
        return 1;
    }
}
