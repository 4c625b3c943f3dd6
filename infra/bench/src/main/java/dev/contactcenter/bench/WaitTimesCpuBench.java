package dev.contactcenter.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.auth.Scope;
import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.domain.Menu;
import dev.contactcenter.core.domain.MenuType;
import dev.contactcenter.core.domain.RecordingOption;
import dev.contactcenter.core.http.ApiRequest;
import dev.contactcenter.core.http.ApiResponse;
import dev.contactcenter.core.http.ETags;
import dev.contactcenter.core.queue.QueueEventService;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.store.MenuMapper;
import dev.contactcenter.core.store.MenuStore;
import dev.contactcenter.core.store.QueueStore;
import dev.contactcenter.core.store.TableDesign;
import dev.contactcenter.core.waittimes.WaitTimeRow;
import dev.contactcenter.core.waittimes.WaitTimesJson;
import dev.contactcenter.core.waittimes.WaitTimesQuery;
import dev.contactcenter.core.waittimes.WaitTimesService;
import dev.contactcenter.testkit.ApiEvents;
import dev.contactcenter.testkit.LocalDynamo;
import dev.contactcenter.waittimes.GetWaitTimes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * CPU per GET /apps/api/v1/wait_times request for a 1,000-menu tenant, warm, excluding DynamoDB.
 * <p>
 * Seeds DynamoDB Local (in this JVM) with 1,000 menus and live queue state fed through the real
 * queue-event service, then measures two figures with the thread's CPU clock:
 * <ul>
 *   <li>{@code handler_cpu_ms}: everything the handler does after DynamoDB answered: query-parameter
 *   validation, item mapping, the EWT engine for every menu and channel, tree ordering, JSON writing and
 *   the ETag, run on the items of the one Query fetched beforehand;</li>
 *   <li>{@code with_sdk_cpu_ms}: the whole handler call including the SDK's request signing and response
 *   parsing on the calling thread. DynamoDB Local's own work runs on its server threads and is not
 *   counted, but this figure is only indicative: the client's HTTP wait is not pure idle time.</li>
 * </ul>
 * Run: {@code mvn -o -q -pl infra/bench -am package -DskipTests} then
 * {@code java -cp "infra/bench/target/classes:$(cat infra/bench/target/classpath.txt)" dev.contactcenter.bench.WaitTimesCpuBench}
 */
public final class WaitTimesCpuBench {
    private static final String TENANT = "bench";
    private static final int MENUS = 1000;
    private static final int WARMUP = 300;
    private static final int RUNS = 500;

    public static void main(String[] args) {
        Backend backend = LocalDynamo.freshBackend(Clock.systemUTC());
        Instant now = Instant.now();
        seedMenus(backend, now);
        seedQueueState(backend, now);

        APIGatewayProxyRequestEvent event = ApiEvents.request("GET", "/apps/api/v1/wait_times")
                .tenant(TENANT, Set.of(Scope.EWT_READ)).query("lang", "en").build();
        List<Map<String, AttributeValue>> items = new QueueStore(backend).menuPartition(new MenuStore(backend), TENANT);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();

        double[] compute = new double[RUNS];
        int rows = 0;
        for (int i = 0; i < WARMUP + RUNS; i++) {
            long start = cpu.getCurrentThreadCpuTime();
            ApiRequest request = new ApiRequest(event);
            WaitTimesQuery query = WaitTimesQuery.from(request);
            List<WaitTimeRow> body = WaitTimesService.rows(items, query, System.currentTimeMillis());
            ApiResponse response = ETags.conditional(request, ApiResponse.okJson(WaitTimesJson.write(body)), "private, max-age=10");
            long spent = cpu.getCurrentThreadCpuTime() - start;
            rows = body.size();
            if (response.status() != 200) {
                throw new IllegalStateException("unexpected status " + response.status());
            }
            if (i >= WARMUP) {
                compute[i - WARMUP] = spent / 1e6;
            }
        }

        GetWaitTimes handler = new GetWaitTimes(backend);
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
        System.out.printf("rows=%d items_per_query=%d runs=%d%n", rows, items.size(), RUNS);
        System.out.printf("compute (after DynamoDB answered): median=%.2f ms p99=%.2f ms%n", pct(compute, 50), pct(compute, 99));
        System.out.printf("whole handler incl. SDK parsing: median=%.2f ms p99=%.2f ms (thread CPU; indicative)%n",
                pct(whole, 50), pct(whole, 99));
        System.out.printf("summary: handler_cpu_ms=%.2f menus=%d%n", pct(compute, 50), MENUS);
        LocalDynamo.stop();
        System.exit(0);
    }

    private static double pct(double[] values, int percentile) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)];
    }

    /** 10 top-level menus per structure-ish tree: 1,000 menus, three levels, names like real ones. */
    private static void seedMenus(Backend backend, Instant now) {
        new dev.contactcenter.core.store.TenantStore(backend).create(new dev.contactcenter.core.domain.Tenant(
                TENANT, Json.object(), null, 0, now));
        List<WriteRequest> writes = new ArrayList<>();
        List<Menu> parents = new ArrayList<>();
        for (long id = 1; id <= MENUS; id++) {
            Menu parent = id <= 10 ? null : parents.get((int) ((id - 11) / 10 % parents.size()));
            String tree = (parent == null ? "/" : parent.treePath()) + TableDesign.paddedId(id) + "/";
            String name = "Queue " + id;
            MenuType type = MenuType.values()[(int) (id % 3)];
            List<Channel> channels = type == MenuType.IVR_MENU ? List.of(Channel.VOICE_CALL) : List.of(Channel.VOICE_CALL, Channel.CHAT);
            Menu m = new Menu(id, parent == null ? null : parent.id(), name, parent == null ? type : parent.menuType(),
                    parent == null ? channels : parent.channels(), List.of("en", "es"), id % 7, RecordingOption.DO_NOT_RECORD,
                    List.of(), 240, id % 3, tree, parent == null ? name : parent.materializedPath() + Menu.PATH_SEPARATOR + name,
                    0, 0, 1, now, now);
            if (id <= 100) {
                parents.add(m);
            }
            writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(MenuMapper.toItem(TENANT, m)).build()).build());
            if (writes.size() == 25) {
                flush(backend, writes);
            }
        }
        flush(backend, writes);
    }

    private static void flush(Backend backend, List<WriteRequest> writes) {
        if (!writes.isEmpty()) {
            List<WriteRequest> batch = List.copyOf(writes);
            backend.dynamo().batchWriteItem(b -> b.requestItems(Map.of(backend.table(), batch)));
            writes.clear();
        }
    }

    /** Agents on several queues each, contacts waiting, served, ended and abandoned: every attribute kind the engine reads. */
    private static void seedQueueState(Backend backend, Instant now) {
        QueueEventService service = new QueueEventService(backend);
        Random random = new Random(7);
        List<ObjectNode> events = new ArrayList<>();
        long t = now.toEpochMilli() - 3_600_000;
        String[] statuses = {"available", "busy", "busy", "away"};
        for (int agent = 0; agent < 700; agent++) {
            ObjectNode e = event("agent_status", "a" + agent, t);
            e.put("agent_id", "agent-" + agent).put("status", statuses[agent % 4]).put("chat_concurrency", 2)
                    .put("breakthrough", agent % 50 == 0);
            var ids = e.putArray("menu_ids");
            int first = 1 + random.nextInt(MENUS - 3);
            for (int k = 0; k < 1 + agent % 3; k++) {
                ids.add(first + k);
            }
            e.putArray("channels").add("voice_call").add("chat");
            events.add(e);
        }
        for (int c = 0; c < 3000; c++) {
            long menu = 1 + random.nextInt(MENUS);
            ObjectNode q = event("contact_queued", "q" + c, t + c * 1000L);
            q.put("contact_id", "contact-" + c).put("menu_id", menu).put("channel", "voice_call").put("priority", c % 3);
            events.add(q);
            if (c % 3 == 0) {
                events.add(event("contact_assigned", "s" + c, t + c * 1000L + 60_000).put("contact_id", "contact-" + c).put("agent_id", "agent-1"));
                events.add(event("contact_ended", "e" + c, t + c * 1000L + 400_000).put("contact_id", "contact-" + c).put("handle_seconds", 200 + c % 200));
            } else if (c % 7 == 0) {
                events.add(event("contact_abandoned", "x" + c, t + c * 1000L + 90_000).put("contact_id", "contact-" + c));
            }
        }
        for (int from = 0; from < events.size(); from += QueueEventService.MAX_EVENTS) {
            ObjectNode body = Json.object();
            ArrayNode batch = body.putArray("events");
            events.subList(from, Math.min(events.size(), from + QueueEventService.MAX_EVENTS)).forEach(batch::add);
            service.apply(TENANT, body);
        }
    }

    private static ObjectNode event(String type, String id, long atMillis) {
        return Json.object().put("event_id", id).put("type", type)
                .put("occurred_at", Instant.ofEpochMilli(Math.min(atMillis, System.currentTimeMillis())).toString());
    }
}
