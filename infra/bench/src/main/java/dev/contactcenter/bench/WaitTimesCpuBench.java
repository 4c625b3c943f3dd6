package dev.contactcenter.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.domain.Scope;
import dev.contactcenter.core.domain.StaleLimits;
import dev.contactcenter.core.ewt.DecayedSum;
import dev.contactcenter.core.ewt.QueueSnapshot;
import dev.contactcenter.core.http.ApiRequest;
import dev.contactcenter.core.http.ApiResponse;
import dev.contactcenter.core.http.ETags;
import dev.contactcenter.core.menu.MenuListingMapper;
import dev.contactcenter.core.menu.MenuStore;
import dev.contactcenter.core.queue.QueueStateMapper;
import dev.contactcenter.core.queue.QueueStore;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.store.TableDesign;
import dev.contactcenter.core.waittimes.WaitTimeRow;
import dev.contactcenter.core.waittimes.WaitTimesJson;
import dev.contactcenter.core.waittimes.WaitTimesQuery;
import dev.contactcenter.core.waittimes.WaitTimesService;
import dev.contactcenter.testkit.ApiEvents;
import dev.contactcenter.testkit.LocalDynamo;
import dev.contactcenter.testkit.QueueFixtures;
import dev.contactcenter.waittimes.GetWaitTimes;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * CPU per GET /apps/api/v1/wait_times request for a 1,000-menu tenant, warm (JIT-compiled), excluding DynamoDB.
 * It runs with the JIT settings of Lambda ({@link LambdaJvm}: C1 only), re-launching itself if started without.
 * <p>
 * Seeds DynamoDB Local (in this JVM) with 1,000 menus and live queue state fed through the real queue-event
 * service, reads the tenant's partition once with the handler's one Query, then measures with the thread's
 * CPU clock everything the handler does after DynamoDB answered: query-parameter validation, item reading,
 * the EWT engine for every menu and channel, tree order, JSON and ETag. The service reuses items it parsed
 * while their version/revision is unchanged, so this is measured with none, half and all of the queue-state
 * items changed before each request, and with nothing reused. The whole handler call (with the SDK's request
 * and response handling on the calling thread, DynamoDB Local's own work on its threads excluded) is printed
 * as an indication only. The summary line is the half-changed median. Before each request the items are copied
 * afresh, as the SDK allocates them for every response.
 * <p>
 * Run: {@code mvn -o -q -pl infra/bench -am package -DskipTests} then
 * {@code java -cp "infra/bench/target/classes:$(cat infra/bench/target/classpath.txt)" dev.contactcenter.bench.WaitTimesCpuBench}
 */
public final class WaitTimesCpuBench {
    private static final String TENANT = "bench";
    private static final int MENUS = 1000;
    private static final int WARMUP = 300;
    private static final int RUNS = 1000;
    /** Requests before the first measured one: the JIT's compiler threads must be done, or they share the core. */
    private static final int JIT_WARMUP = 3000;

    public static void main(String[] args) throws Exception {
        LambdaJvm.relaunchUnlessCurrent(WaitTimesCpuBench.class, args);
        Backend backend = LocalDynamo.freshBackend(Clock.systemUTC());
        Instant now = Instant.now();
        QueueFixtures.seedLargeTenant(backend, TENANT, MENUS, now);
        QueueFixtures.seedQueueState(backend, TENANT, MENUS, now);

        APIGatewayProxyRequestEvent event = ApiEvents.request("GET", "/apps/api/v1/wait_times")
                .tenant(TENANT, Set.of(Scope.EWT_READ))
                .query("lang", "en")
                .build();
        MenuStore menuStore = new MenuStore(backend);
        List<Map<String, AttributeValue>> items =
                new QueueStore(backend).allQueueStatesBeside(TENANT, () -> menuStore.waitTimesItems(TENANT));
        long queueItems = items.stream().filter(QueueStateMapper::isQueueState).count();

        // the service keeps parsed items between requests, so the figure depends on how many changed since
        // the last one; churn = share of queue-state items with a new revision before each request
        measure(backend, items, event, 0.5, false, JIT_WARMUP);
        double[] none = measure(backend, items, event, 0.0, false);
        double[] half = measure(backend, items, event, 0.5, false);
        double[] all = measure(backend, items, event, 1.0, false);
        double[] cold = measure(backend, items, event, 1.0, true);
        double[] floor = sortKeyAndVersionOnly(items);

        GetWaitTimes handler = new GetWaitTimes(backend);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        double[] whole = new double[RUNS / 5];
        for (int i = 0; i < 50 + whole.length; i++) {
            long start = cpu.getCurrentThreadCpuTime();
            int status = handler.handleRequest(event, null).getStatusCode();
            long spent = cpu.getCurrentThreadCpuTime() - start;
            if (status != 200) {
                throw new IllegalStateException("unexpected status " + status);
            }
            if (i >= 50) {
                whole[i - 50] = spent / 1e6;
            }
        }
        long names = items.stream().mapToLong(Map::size).sum();
        System.out.printf(
                "items_per_query=%d (queue-state items %d, of them busy %d), attribute names %d (interned by the SDK: %d), "
                        + "%d measured requests per line, thread CPU, %s%n",
                items.size(),
                queueItems,
                busyQueues(items),
                names,
                internedNames(items),
                RUNS,
                String.join(" ", LambdaJvm.FLAGS));
        report("compute, no queue changed since the last request", none);
        report("compute, half the queues changed (summary)", half);
        report("compute, every queue changed", all);
        report("compute, nothing reused (menus and queues parsed)", cold);
        report("floor: only each item's sort key and version or revision read", floor);
        report("whole handler incl. SDK request/response handling, unchanged data (indicative)", whole);
        System.out.printf("summary: handler_cpu_ms=%.2f menus=%d%n", pct(half, 50), MENUS);
        LocalDynamo.stop();
        System.exit(0);
    }

    /** CPU of everything after DynamoDB answered: parameters, item reading, the engine, tree order, JSON and ETag. */
    static double[] measure(
            Backend backend,
            List<Map<String, AttributeValue>> items,
            APIGatewayProxyRequestEvent event,
            double churn,
            boolean fresh) {
        return measure(backend, items, event, churn, fresh, WARMUP);
    }

    private static double[] measure(
            Backend backend,
            List<Map<String, AttributeValue>> items,
            APIGatewayProxyRequestEvent event,
            double churn,
            boolean fresh,
            int warmup) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        Random random = new Random(11);
        WaitTimesService service = new WaitTimesService(backend);
        WaitTimesJson json = new WaitTimesJson();
        List<Map<String, AttributeValue>> current = new ArrayList<>(items);
        double[] spentMs = new double[RUNS];
        for (int i = 0; i < warmup + RUNS; i++) {
            if (fresh) {
                service = new WaitTimesService(backend);
                json = new WaitTimesJson();
            }
            for (int k = 0; k < current.size(); k++) {
                if (QueueStateMapper.isQueueState(current.get(k)) && random.nextDouble() < churn) {
                    current.set(k, withNextRevision(current.get(k)));
                }
            }
            List<Map<String, AttributeValue>> received = asReceived(current);
            long start = cpu.getCurrentThreadCpuTime();
            ApiRequest request = new ApiRequest(event);
            WaitTimesQuery query = WaitTimesQuery.from(request);
            List<WaitTimeRow> rows = service.rows(TENANT, received, query, System.currentTimeMillis());
            WaitTimesJson.Body body = json.write(TENANT, rows);
            ApiResponse response =
                    ETags.conditional(request, ApiResponse.okJson(body.json()), body.etag(), "private, max-age=10");
            long spent = cpu.getCurrentThreadCpuTime() - start;
            if (response.status() != 200 || rows.size() != MENUS) {
                throw new IllegalStateException(
                        "unexpected response " + response.status() + " with " + rows.size() + " rows");
            }
            if (i >= warmup) {
                spentMs[i - warmup] = spent / 1e6;
            }
        }
        return spentMs;
    }

    /**
     * The items as a Query hands them over: every map, attribute value and value string allocated anew, one item
     * after the other. Reusing the same objects request after request would read them from wherever they lie by
     * then, scattered over the heap, which no production request does. Attribute names stay the instances they
     * are: the SDK's JSON parser interns field names, so every response names its attributes with the very
     * strings of the handler's constants ({@link #internedNames} checks this on the real response).
     */
    private static List<Map<String, AttributeValue>> asReceived(List<Map<String, AttributeValue>> items) {
        List<Map<String, AttributeValue>> received = new ArrayList<>(items.size());
        for (Map<String, AttributeValue> item : items) {
            received.add(copy(item));
        }
        return received;
    }

    private static Map<String, AttributeValue> copy(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> copy = new LinkedHashMap<>(item.size() * 4 / 3 + 1);
        item.forEach((name, value) -> copy.put(name, copy(value)));
        return Collections.unmodifiableMap(copy);
    }

    private static AttributeValue copy(AttributeValue value) {
        if (value.s() != null) {
            return AttributeValue.builder().s(fresh(value.s())).build();
        }
        if (value.n() != null) {
            return AttributeValue.builder().n(fresh(value.n())).build();
        }
        if (value.hasL()) {
            List<AttributeValue> list = new ArrayList<>(value.l().size());
            value.l().forEach(v -> list.add(copy(v)));
            return AttributeValue.builder().l(list).build();
        }
        if (value.hasM()) {
            return AttributeValue.builder().m(copy(value.m())).build();
        }
        return value.toBuilder().build();
    }

    /** A string with its own characters (new String(String) would share them) and no hash computed yet. */
    private static String fresh(String s) {
        return new String(s.toCharArray());
    }

    /** The item with its next revision, in the kind of map the SDK returns items in (the JIT sees one map type, as in production). */
    private static Map<String, AttributeValue> withNextRevision(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> next = new LinkedHashMap<>(item);
        next.put(
                "rev",
                AttributeValue.builder()
                        .n(Long.toString(QueueStateMapper.revision(item) + 1))
                        .build());
        return Collections.unmodifiableMap(next);
    }

    /**
     * Queue states whose voice estimate runs every part of the default predictor: contacts with an agent now and
     * enough ended contacts to know the handle time's variability (the elapsed-service part needs both).
     */
    static long busyQueues(List<Map<String, AttributeValue>> items) {
        DecayedSum.At decay = DecayedSum.at(System.currentTimeMillis());
        long busy = 0;
        for (Map<String, AttributeValue> item : items) {
            if (QueueStateMapper.isQueueState(item)) {
                QueueSnapshot q = QueueStateMapper.read(item, decay.bucket())
                        .snapshot(Channel.VOICE_CALL, 300, StaleLimits.DEFAULT, decay, System.currentTimeMillis());
                busy += q.serviceStartSeconds().length > 0 && q.handleScv() != 1 ? 1 : 0;
            }
        }
        return busy;
    }

    /** Attribute names of these items that are the interned instance of their text (all, for the SDK's items). */
    static long internedNames(List<Map<String, AttributeValue>> items) {
        long interned = 0;
        for (Map<String, AttributeValue> item : items) {
            for (String name : item.keySet()) {
                interned += name == name.intern() ? 1 : 0;
            }
        }
        return interned;
    }

    /**
     * What no design that reads this partition item by item can go below: finding each received item's sort key
     * and version (menus) or revision (queue states), and nothing else. Same items, same copying, same CPU clock.
     */
    static double[] sortKeyAndVersionOnly(List<Map<String, AttributeValue>> items) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        double[] spentMs = new double[RUNS];
        long found = 0;
        for (int i = 0; i < WARMUP + RUNS; i++) {
            List<Map<String, AttributeValue>> received = asReceived(items);
            long start = cpu.getCurrentThreadCpuTime();
            for (Map<String, AttributeValue> item : received) {
                String sk = item.get(TableDesign.SK).s();
                AttributeValue version = item.get(
                        sk.startsWith(MenuListingMapper.SK_PREFIX)
                                ? MenuListingMapper.VERSION
                                : QueueStateMapper.REVISION);
                found += version == null ? 0 : version.n().length();
            }
            long spent = cpu.getCurrentThreadCpuTime() - start;
            if (i >= WARMUP) {
                spentMs[i - WARMUP] = spent / 1e6;
            }
        }
        if (found == 0) {
            throw new IllegalStateException("no versions read");
        }
        return spentMs;
    }

    private static void report(String what, double[] ms) {
        System.out.printf("%-85s median=%.2f ms p99=%.2f ms%n", what + ":", pct(ms, 50), pct(ms, 99));
    }

    static double pct(double[] values, int percentile) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)];
    }
}
