package dev.contactcenter.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.domain.Menu;
import dev.contactcenter.core.menu.MenuService;
import dev.contactcenter.core.queue.QueueEvent;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.testkit.QueueFixtures;
import dev.contactcenter.testkit.simulation.Scenario;
import dev.contactcenter.testkit.simulation.ScenarioFile;
import dev.contactcenter.testkit.simulation.SimulatedQueue;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The demo tenant's contact center, alive. Each queue of {@code demo-traffic.json} is a {@link SimulatedQueue} (the
 * accuracy benchmark's simulation, in its scenario format) stepped in real time, and what happens there reaches the
 * API as a routing engine would send it, over HTTP to this runtime's own port with the demo tenant's key: agent
 * statuses and contacts in {@code POST /queue_events} batches, and every n-th voice contact of some queues as a
 * call-back ({@code POST /calls}, then {@code PATCH /calls/{id}} as the simulation assigns, finishes or loses it).
 * A request that is throttled or fails is sent again on the next tick, in order.
 */
final class DemoTraffic implements AutoCloseable {
    static final String RESOURCE = "/demo-traffic.json";
    /** Marks the demo traffic's requests: the runtime does not print their log lines. */
    static final String USER_AGENT = "local-api-demo-traffic";

    private static final Duration TICK = Duration.ofSeconds(1);
    private static final int MAX_BATCH = 500;
    /** Every demo menu serves English; the widget's demo page asks in English. */
    private static final String LANG = "en";
    /** Fictional numbers (555-01XX) in a few US area codes, for the call-backs' end users. */
    private static final List<String> AREA_CODES = List.of("212", "312", "617", "702", "206");

    /** What the runtime sends, in the order it happened. */
    private sealed interface Action permits Post, CreateCall, MoveCall {}

    private record Post(ObjectNode event) implements Action {}

    private record CreateCall(String contactId, long menuId) implements Action {}

    private record MoveCall(String contactId, String status) implements Action {}

    private enum Outcome {
        DONE,
        RETRY
    }

    /** One demo queue: its menu, its simulation, and which of its arrivals ask for a call-back. */
    private final class Line implements SimulatedQueue.Observer {
        final String label;
        final long menuId;
        final int callbackEvery;
        final SimulatedQueue queue;
        long arrivals;

        Line(String label, long menuId, int callbackEvery, Scenario scenario, String idPrefix, long epochMillis) {
            this.label = label;
            this.menuId = menuId;
            this.callbackEvery = callbackEvery;
            this.queue = new SimulatedQueue(scenario, 0, menuId, idPrefix, epochMillis, this);
        }

        @Override
        public void event(QueueEvent e) {
            if (e instanceof QueueEvent.ContactQueued q) {
                arrivals++;
                // the first arrival and every n-th after it: a call-back shows within the first minute
                if (callbackEvery > 0 && (arrivals - 1) % callbackEvery == 0) {
                    callbacks.add(q.contactId());
                    pending.add(new CreateCall(q.contactId(), menuId));
                    return;
                }
            } else if (e instanceof QueueEvent.ContactProgressed p && callbacks.contains(p.contactId())) {
                String id = p.contactId();
                switch (p.state()) {
                    case ASSIGNED -> {
                        pending.add(new MoveCall(id, "assigned"));
                        pending.add(new MoveCall(id, "connected"));
                    }
                    case ENDED -> {
                        callbacks.remove(id);
                        pending.add(new MoveCall(id, "finished"));
                    }
                    case ABANDONED -> {
                        callbacks.remove(id);
                        pending.add(new MoveCall(id, "canceled"));
                    }
                    case QUEUED -> throw new IllegalStateException("a queued contact is reported as ContactQueued");
                }
                return;
            }
            ObjectNode json = QueueFixtures.json(e);
            if (e instanceof QueueEvent.ContactQueued) {
                // labels the accuracy ledger's entries as a routing engine that knows the caller's language does
                json.put("lang", LANG);
            }
            pending.add(new Post(json));
        }
    }

    private final List<Line> lines = new ArrayList<>();
    private final Deque<Action> pending = new ArrayDeque<>();
    /** Contacts of the simulation that are call-backs and have not left yet. */
    private final Set<String> callbacks = new HashSet<>();
    /** Call-back contact -> the call's id, once POST /calls created it. */
    private final Map<String, Long> calls = new HashMap<>();
    /** Call-back contact -> its end user's number, while the call is pending (one pending call per number and queue). */
    private final Map<String, String> numbers = new HashMap<>();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String api;
    private final String authorization;
    private final Clock clock;
    private final long startMillis;
    private final boolean leaveIdle;
    private final PrintStream log;
    private final Set<String> warned = new HashSet<>();
    private final ScheduledExecutorService ticks;
    private long nextNumber;
    private volatile boolean stopping;
    /** Seconds since the start that the queues were last brought to. */
    private double tickedTo;

    /**
     * @param speed     how many times faster than real time the contact center runs (1 for the demo)
     * @param leaveIdle on close, end every contact and log every agent out (a kept table starts idle next time)
     */
    DemoTraffic(
            Backend backend,
            String tenantId,
            int port,
            String keyId,
            String secret,
            double speed,
            boolean leaveIdle,
            PrintStream log) {
        this.api = "http://127.0.0.1:" + port + "/apps/api/v1";
        this.authorization =
                "Basic " + Base64.getEncoder().encodeToString((keyId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        this.clock = backend.clock();
        this.startMillis = clock.millis();
        this.leaveIdle = leaveIdle;
        this.log = log;
        Map<String, Menu> menus = new HashMap<>();
        new MenuService(backend)
                .list(tenantId, Optional.empty(), Optional.empty())
                .forEach(m -> menus.put(m.materializedPath(), m));
        // ids unique to this run: a kept table still holds the contacts and agents of earlier runs
        String run = "demo-" + Long.toString(startMillis / 1000, 36);
        for (JsonNode queue : definition().path("queues")) {
            String path = queue.path("menu").asText();
            Scenario scenario =
                    ScenarioFile.parse(RESOURCE, queue.path("scenario").toString());
            Menu menu = menus.get(path);
            if (menu == null || !menu.channels().contains(scenario.channel())) {
                warn(
                        "missing " + path,
                        "Demo traffic: no menu '" + path + "' serving "
                                + scenario.channel().wireName() + " in the demo tenant; that queue stays quiet.");
                continue;
            }
            String prefix = run + "-m" + menu.id() + "-" + scenario.channel().wireName() + "-";
            lines.add(new Line(
                    path + " (" + scenario.channel().wireName() + ")",
                    menu.id(),
                    queue.path("callback_every").asInt(0),
                    scenario.faster(speed),
                    prefix,
                    startMillis));
        }
        this.ticks = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "demo-traffic");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the ticks: the first at once (the agents log in), then one a second. */
    void start() {
        ticks.scheduleWithFixedDelay(this::tick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The queues being simulated, as "menu path (channel)". */
    List<String> queues() {
        return lines.stream().map(l -> l.label).toList();
    }

    private static JsonNode definition() {
        try (InputStream in = DemoTraffic.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not in the local runtime's jar");
            }
            return Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Brings every queue to now and sends what happened; a failure waits for the next tick, never ends the traffic. */
    private void tick() {
        try {
            double now = (clock.millis() - startMillis) / 1000.0;
            for (Line line : lines) {
                line.queue.advanceTo(now);
            }
            tickedTo = now;
            send(false);
        } catch (RuntimeException e) {
            warn(e.getClass().getName(), "Demo traffic: " + e + " (it goes on).");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Sends the pending actions in order, stopping at the first that must be retried, or, unless {@code draining},
     * when the traffic is stopping.
     */
    private void send(boolean draining) throws InterruptedException {
        while (!pending.isEmpty() && (draining || !stopping)) {
            Action head = pending.peekFirst();
            if (head instanceof Post) {
                List<ObjectNode> batch = new ArrayList<>();
                for (Action a : pending) {
                    if (!(a instanceof Post post) || batch.size() == MAX_BATCH) {
                        break;
                    }
                    batch.add(post.event());
                }
                if (postEvents(batch) == Outcome.RETRY) {
                    return;
                }
                for (int i = 0; i < batch.size(); i++) {
                    pending.removeFirst();
                }
            } else {
                Outcome outcome = head instanceof CreateCall create ? createCall(create) : moveCall((MoveCall) head);
                if (outcome == Outcome.RETRY) {
                    return;
                }
                pending.removeFirst();
            }
        }
    }

    private Outcome postEvents(List<ObjectNode> events) throws InterruptedException {
        Optional<HttpResponse<String>> r = request("POST", "/queue_events", QueueFixtures.batch(events), null);
        if (r.isEmpty() || retry(r.get())) {
            return Outcome.RETRY;
        }
        JsonNode rejected = parse(r.get().body()).path("rejected");
        if (rejected.size() > 0) {
            warn(
                    "rejected",
                    "Demo traffic: the API refused some events ("
                            + rejected.get(0).path("detail").asText() + "); further refusals are not shown.");
        } else if (r.get().statusCode() / 100 != 2) {
            refused("POST /queue_events", r.get());
        }
        return Outcome.DONE;
    }

    private Outcome createCall(CreateCall c) throws InterruptedException {
        String number = numbers.computeIfAbsent(c.contactId(), id -> freeNumber());
        ObjectNode body = Json.object()
                .put("call_type", "IncomingCall")
                .put("menu_id", c.menuId())
                .put("end_user_number", number);
        body.putObject("data").put("source", "local runtime demo traffic");
        // the contact id as Idempotency-Key: a call created by a request whose answer was lost is not made twice
        Optional<HttpResponse<String>> r = request("POST", "/calls", body, c.contactId());
        if (r.isEmpty() || retry(r.get())) {
            return Outcome.RETRY;
        }
        if (r.get().statusCode() == 201) {
            calls.put(c.contactId(), parse(r.get().body()).path("id").asLong());
        } else {
            numbers.remove(c.contactId());
            refused("POST /calls", r.get());
        }
        return Outcome.DONE;
    }

    private Outcome moveCall(MoveCall m) throws InterruptedException {
        Long id = calls.get(m.contactId());
        boolean last = m.status().equals("finished") || m.status().equals("canceled");
        if (id != null) {
            Optional<HttpResponse<String>> r =
                    request("PATCH", "/calls/" + id, Json.object().put("status", m.status()), null);
            if (r.isEmpty() || retry(r.get())) {
                return Outcome.RETRY;
            }
            // 409: someone moved the call meanwhile (a user trying PATCH /calls on the demo tenant)
            if (r.get().statusCode() / 100 != 2 && r.get().statusCode() != 409) {
                refused("PATCH /calls/" + id, r.get());
            }
        }
        if (last) {
            calls.remove(m.contactId());
            numbers.remove(m.contactId());
        }
        return Outcome.DONE;
    }

    /** The next fictional number no pending call-back of the demo uses. */
    private String freeNumber() {
        Set<String> inUse = new HashSet<>(numbers.values());
        while (true) {
            long n = nextNumber++ % (AREA_CODES.size() * 100L);
            String number = "+1" + AREA_CODES.get((int) (n / 100)) + "55501" + String.format("%02d", n % 100);
            if (!inUse.contains(number)) {
                return number;
            }
        }
    }

    /** Throttled or a server fault: sent again on the next tick. */
    private boolean retry(HttpResponse<String> r) {
        if (r.statusCode() == 429 || r.statusCode() >= 500) {
            warn(
                    "status " + r.statusCode(),
                    "Demo traffic: the API answered " + r.statusCode() + "; what it did not take is sent again"
                            + (r.statusCode() == 429
                                    ? " (the demo tenant's rate limit is shared with your requests)."
                                    : "."));
            return true;
        }
        return false;
    }

    private Optional<HttpResponse<String>> request(String method, String path, ObjectNode body, String idempotencyKey)
            throws InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", authorization)
                .header("User-Agent", USER_AGENT)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        try {
            return Optional.of(http.send(b.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            warn("io", "Demo traffic: " + method + " " + path + " failed (" + e + "); sent again on the next tick.");
            return Optional.empty();
        }
    }

    private void refused(String what, HttpResponse<String> r) {
        warn(what + r.statusCode(), "Demo traffic: " + what + " answered " + r.statusCode() + ": " + r.body());
    }

    private static JsonNode parse(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            return Json.object();
        }
    }

    /** One line per kind of problem: the console stays readable however long the runtime runs. */
    private void warn(String kind, String message) {
        if (warned.add(kind)) {
            log.println(message);
        }
    }

    /**
     * Stops the ticks (waiting for one under way); with {@code leaveIdle}, every queue closes first: contacts with an
     * agent end, waiting ones leave, agents log out, call-backs finish or are canceled.
     */
    @Override
    public void close() {
        stopping = true;
        ticks.shutdown();
        try {
            if (!ticks.awaitTermination(15, TimeUnit.SECONDS)) {
                ticks.shutdownNow();
                return;
            }
            if (leaveIdle) {
                // at the last tick's time: what would have happened since is left out, not sent late
                for (Line line : lines) {
                    line.queue.close(tickedTo);
                }
                send(true);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.println("Demo traffic: not every queue could be closed (" + e + ").");
        }
    }
}
