package dev.contactcenter.waittimes;

import static dev.contactcenter.testkit.QueueFixtures.abandoned;
import static dev.contactcenter.testkit.QueueFixtures.agent;
import static dev.contactcenter.testkit.QueueFixtures.assigned;
import static dev.contactcenter.testkit.QueueFixtures.batch;
import static dev.contactcenter.testkit.QueueFixtures.ended;
import static dev.contactcenter.testkit.QueueFixtures.queued;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.domain.KeyKind;
import dev.contactcenter.core.domain.Scope;
import dev.contactcenter.core.domain.Tenant;
import dev.contactcenter.core.http.AuthContext;
import dev.contactcenter.core.menu.MenuService;
import dev.contactcenter.core.queue.QueueEventService;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.tenant.TenantStore;
import dev.contactcenter.core.waittimes.AccuracyStore;
import dev.contactcenter.testkit.ApiEvents;
import dev.contactcenter.testkit.LocalDynamo;
import dev.contactcenter.testkit.MutableClock;
import dev.contactcenter.testkit.RequestCounter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The accuracy ledger end to end against DynamoDB Local: queue events through the real queue-event service,
 * GET /apps/api/v1/wait_times and /wait_times/accuracy through the real handler, on a clock the test moves.
 * Each contact's quote is read from GET /wait_times at the moment it queues, so the expected statistics
 * follow from the quotes and the realized waits by hand, whatever the predictor answers.
 * <pre>
 * 1 Support  ivr_menu voice, chat  en es   ann busy (voice, chat)
 *   2 Billing                              bob busy
 * 3 Sales    ivr_menu voice        en      cy busy
 *
 * t0 = 10:00:00   A  queued 1 voice en     assigned t0+10    realized  10 s
 * t0+5            B  queued 1 voice en     assigned t0+905   realized 900 s
 * t0+20           C  queued 1 chat es      assigned t0+120   realized 100 s
 * t0+30           D  queued 2 voice (no lang) assigned t0+150 realized 120 s
 * t0+40           E  queued 1 voice en     abandoned t0+100  (60 s)
 * t0-3h           H  queued 3 voice en     assigned t0-3h+100 realized 100 s (outside the default window)
 * F: assigned before its contact_queued arrives; G: contact_ended straight from the line: neither settles
 * </pre>
 */
class AccuracyLedgerTest {
    private static final String TENANT = "acme";
    private static final String ACCURACY = "/apps/api/v1/wait_times/accuracy";
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final RequestCounter COUNTER = new RequestCounter();
    private static final MutableClock CLOCK = new MutableClock(T0.minusSeconds(600));
    private static Backend backend;
    private static GetWaitTimes handler;
    private static QueueEventService events;
    private static final List<ObjectNode> POSTED = new ArrayList<>();
    private static long quoteA;
    private static long quoteB;
    private static long quoteC;
    private static long quoteD;
    private static long quoteH;

    @BeforeAll
    static void settleQuotes() {
        backend = LocalDynamo.freshBackend(CLOCK, COUNTER);
        handler = new GetWaitTimes(backend);
        events = new QueueEventService(backend, new AccuracyStore(backend));
        new TenantStore(backend).create(new Tenant(TENANT, Json.object(), null, 0, T0));
        new TenantStore(backend).create(new Tenant("other", Json.object(), null, 0, T0));
        MenuService menus = new MenuService(backend);
        menus.create(
                TENANT,
                menu(
                        "{\"name\":\"Support\",\"menu_type\":\"ivr_menu\",\"channels\":[\"voice_call\",\"chat\"],\"languages\":[\"en\",\"es\"]}"));
        menus.create(TENANT, menu("{\"name\":\"Billing\",\"parent_id\":1}"));
        menus.create(TENANT, menu("{\"name\":\"Sales\",\"menu_type\":\"ivr_menu\",\"languages\":[\"en\"]}"));
        Instant t = CLOCK.instant();
        post(
                agent("ann-busy", t, "ann", "busy", List.of(1L), List.of("voice_call", "chat"), 1, false),
                agent("bob-busy", t, "bob", "busy", List.of(2L), List.of("voice_call"), 1, false),
                agent("cy-busy", t, "cy", "busy", List.of(3L), List.of("voice_call"), 1, false));

        at(0);
        // nobody waits in Sales: what it quotes now it quoted three hours ago
        quoteH = quote(3, "voice_call");
        post(
                queued("h-q", T0.minusSeconds(3 * 3600), "H", 3, "voice_call", 0)
                        .put("lang", "en"),
                assigned("h-a", T0.minusSeconds(3 * 3600 - 100), "H", "cy"));
        quoteA = quote(1, "voice_call");
        post(queued("a-q", now(), "A", 1, "voice_call", 0).put("lang", "en"));
        at(5);
        quoteB = quote(1, "voice_call");
        post(queued("b-q", now(), "B", 1, "voice_call", 0).put("lang", "en"));
        at(10);
        post(assigned("a-a", now(), "A", "ann"));
        at(20);
        quoteC = quote(1, "chat");
        post(queued("c-q", now(), "C", 1, "chat", 0).put("lang", "es"));
        at(30);
        quoteD = quote(2, "voice_call");
        post(queued("d-q", now(), "D", 2, "voice_call", 0));
        at(40);
        post(queued("e-q", now(), "E", 1, "voice_call", 0).put("lang", "en"));
        at(100);
        post(abandoned("e-x", now(), "E"));
        at(120);
        post(assigned("c-a", now(), "C", "ann"));
        at(150);
        post(assigned("d-a", now(), "D", "bob"));
        at(200);
        // F reaches its agent before its contact_queued arrives; G ends without reaching an agent or abandoning
        post(assigned("f-a", T0.plusSeconds(195), "F", "ann"));
        post(
                queued("f-q", T0.plusSeconds(190), "F", 1, "voice_call", 0).put("lang", "en"),
                queued("g-q", now(), "G", 3, "voice_call", 0).put("lang", "en"));
        post(ended("g-e", now(), "G", 0));
        at(905);
        post(assigned("b-a", now(), "B", "ann"));
        at(960);

        // a redelivered settle, a late abandonment of a contact already served, a second assignment under a new id
        QueueEventService.BatchResult late = events.apply(
                TENANT,
                batch(List.of(
                        assigned("b-a", T0.plusSeconds(905), "B", "ann"),
                        abandoned("b-x-late", T0.plusSeconds(150), "B"),
                        assigned("a-a-again", T0.plusSeconds(500), "A", "ann"))));
        assertEquals(1, late.duplicates());
        assertEquals(2, late.accepted(), "stale events are applied as no-ops");
        // and the whole stream once more, as a replaying routing engine would send it
        QueueEventService.BatchResult replay = events.apply(TENANT, batch(POSTED));
        assertEquals(POSTED.size(), replay.duplicates());
        assertEquals(0, replay.accepted());
    }

    private static ObjectNode menu(String json) {
        try {
            return (ObjectNode) Json.parse(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void at(long secondsAfterT0) {
        CLOCK.advance(Duration.between(CLOCK.instant(), T0.plusSeconds(secondsAfterT0)));
    }

    private static Instant now() {
        return CLOCK.instant();
    }

    private static void post(ObjectNode... batch) {
        QueueEventService.BatchResult r = events.apply(TENANT, batch(List.of(batch)));
        assertEquals(batch.length, r.accepted(), r.rejected().toString());
        POSTED.addAll(List.of(batch));
    }

    /** What GET /wait_times quotes right now for a new contact of this menu and channel. */
    private static long quote(long menuId, String channel) {
        APIGatewayProxyResponseEvent r = handler.handleRequest(
                ApiEvents.request("GET", "/apps/api/v1/wait_times")
                        .tenant(TENANT, Set.of(Scope.EWT_READ))
                        .query("lang", "en")
                        .query("menu_id", Long.toString(menuId))
                        .build(),
                null);
        assertEquals(200, r.getStatusCode(), r.getBody());
        for (JsonNode row : parse(r)) {
            if (row.get("menu_id").asLong() == menuId) {
                JsonNode seconds = row.get("estimates").get(channel).get("seconds");
                assertTrue(seconds.isIntegralNumber() && seconds.asLong() > 0, "an estimable, non-zero quote: " + row);
                return seconds.asLong();
            }
        }
        throw new AssertionError("no row for menu " + menuId);
    }

    private static JsonNode parse(APIGatewayProxyResponseEvent r) {
        try {
            return Json.parse(r.getBody());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static APIGatewayProxyResponseEvent get(String... query) {
        ApiEvents request = ApiEvents.request("GET", ACCURACY).tenant(TENANT, Set.of(Scope.EWT_READ));
        for (int i = 0; i < query.length; i += 2) {
            request.query(query[i], query[i + 1]);
        }
        return handler.handleRequest(request.build(), null);
    }

    private static JsonNode ok(String... query) {
        APIGatewayProxyResponseEvent r = get(query);
        assertEquals(200, r.getStatusCode(), r.getBody());
        assertEquals("application/json", r.getHeaders().get("Content-Type"));
        Matcher seconds = Pattern.compile("_seconds\":([^,}]+)").matcher(r.getBody());
        while (seconds.find()) {
            assertTrue(
                    seconds.group(1).matches("-?[0-9]+\\.[0-9]|null"),
                    "seconds as plain decimals in tenths: " + r.getBody());
        }
        return parse(r);
    }

    /** Expected statistics of settled (quote, realized) pairs of served contacts. */
    private static void assertRow(
            JsonNode row, long menuId, String lang, String channel, long abandonedCount, long[]... served) {
        String what = row.toString();
        assertEquals(menuId, row.get("menu_id").asLong(), what);
        assertEquals(lang, row.get("lang").isNull() ? null : row.get("lang").asText(), what);
        assertEquals(channel, row.get("channel").asText(), what);
        assertEquals(served.length, row.get("count").asLong(), what);
        assertEquals(abandonedCount, row.get("abandoned_count").asLong(), what);
        double sum = 0;
        double squares = 0;
        double absolute = 0;
        double quoted = 0;
        double realized = 0;
        for (long[] s : served) {
            double error = s[0] - s[1];
            sum += error;
            squares += error * error;
            absolute += Math.abs(error);
            quoted += s[0];
            realized += s[1];
        }
        int n = served.length;
        // the response gives tenths of a second
        assertEquals(sum / n, row.get("bias_seconds").asDouble(), 0.051, what);
        assertEquals(Math.sqrt(squares / n), row.get("rmse_seconds").asDouble(), 0.051, what);
        assertEquals(absolute / n, row.get("mae_seconds").asDouble(), 0.051, what);
        assertEquals(quoted / n, row.get("mean_quoted_seconds").asDouble(), 0.051, what);
        assertEquals(realized / n, row.get("mean_realized_seconds").asDouble(), 0.051, what);
    }

    @Test
    void theLastHourPerQueueLanguageAndChannelFromOneQuery() {
        COUNTER.reset();
        JsonNode body = ok();
        assertEquals(List.of("Query"), COUNTER.operations());
        assertEquals(60, body.get("window_minutes").asInt());
        assertEquals("2026-11-23T10:16:00.000Z", body.get("to").asText());
        assertEquals("2026-11-23T09:16:00.000Z", body.get("from").asText());
        // A was quoted more than the 10 s it waited, B less than its 900 s: bias and MAE part ways
        assertTrue(quoteA > 10 && quoteB < 900 && quoteB > quoteA, quoteA + " " + quoteB);
        JsonNode rows = body.get("queues");
        assertEquals(3, rows.size(), rows.toString());
        assertRow(rows.get(0), 1, "en", "voice_call", 1, new long[] {quoteA, 10}, new long[] {quoteB, 900});
        assertRow(rows.get(1), 1, "es", "chat", 0, new long[] {quoteC, 100});
        assertRow(rows.get(2), 2, null, "voice_call", 0, new long[] {quoteD, 120});
    }

    @Test
    void aMenuIdTakesItsSubtreeAsWaitTimesDoes() {
        JsonNode support = ok("menu_id", "1").get("queues");
        assertEquals(3, support.size(), "Support and Billing below it: " + support);
        JsonNode billing = ok("menu_id", "2").get("queues");
        assertEquals(1, billing.size());
        assertRow(billing.get(0), 2, null, "voice_call", 0, new long[] {quoteD, 120});
        assertEquals(0, ok("menu_id", "3").get("queues").size(), "Sales settled nothing in the last hour");
        assertEquals(0, ok("menu_id", "999").get("queues").size());
    }

    @Test
    void aLanguageKeepsOnlyContactsReportedWithIt() {
        COUNTER.reset();
        JsonNode english = ok("lang", "en", "menu_id", "1").get("queues");
        assertEquals(List.of("Query"), COUNTER.operations());
        assertEquals(1, english.size());
        assertRow(english.get(0), 1, "en", "voice_call", 1, new long[] {quoteA, 10}, new long[] {quoteB, 900});
        JsonNode spanish = ok("lang", "es").get("queues");
        assertEquals(1, spanish.size());
        assertRow(spanish.get(0), 1, "es", "chat", 0, new long[] {quoteC, 100});
        assertEquals(0, ok("lang", "fr").get("queues").size());
    }

    @Test
    void theWindowCountsBySettleTime() {
        JsonNode lastMinute = ok("window_minutes", "1").get("queues");
        assertEquals(1, lastMinute.size(), "only B settled in the last minute: " + lastMinute);
        assertRow(lastMinute.get(0), 1, "en", "voice_call", 0, new long[] {quoteB, 900});
        JsonNode fourHours = ok("window_minutes", "240").get("queues");
        assertEquals(4, fourHours.size(), fourHours.toString());
        assertRow(fourHours.get(3), 3, "en", "voice_call", 0, new long[] {quoteH, 100});
        assertEquals(4, ok("window_minutes", "10080").get("queues").size());
    }

    @Test
    void anotherTenantHasAnEmptyLedger() {
        APIGatewayProxyResponseEvent r = handler.handleRequest(
                ApiEvents.request("GET", ACCURACY)
                        .tenant("other", Set.of(Scope.EWT_READ))
                        .build(),
                null);
        assertEquals(200, r.getStatusCode(), r.getBody());
        assertEquals(0, parse(r).get("queues").size());
    }

    @Test
    void eachSettledQuoteIsStoredOnceAndExpiresAfterSevenDays() {
        List<Map<String, AttributeValue>> items = backend.dynamo()
                .query(q -> q.tableName(backend.table())
                        .keyConditionExpression("PK = :pk")
                        .expressionAttributeValues(
                                Map.of(":pk", AttributeValue.fromS("TENANT#" + TENANT + "#ACCURACY"))))
                .items();
        // A, B, C, D, E and H: no second entry for a replayed, repeated or late event, none for F and G
        List<String> contacts = new ArrayList<>();
        for (Map<String, AttributeValue> item : items) {
            contacts.add(item.get("contact_id").s());
            long settledAt = Long.parseLong(item.get("settled_at").n());
            assertEquals(
                    settledAt / 1000 + AccuracyStore.RETENTION_SECONDS,
                    Long.parseLong(item.get("expires_at").n()));
            assertEquals(7 * 86_400L, AccuracyStore.RETENTION_SECONDS);
        }
        assertEquals(List.of("H", "A", "E", "C", "D", "B"), contacts, "in settle-time order");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "10081", "-1", "1.5", "abc", "", "99999999999"})
    void aBadWindowIs400NamingIt(String window) {
        assertProblem(get("window_minutes", window), "window_minutes");
    }

    @Test
    void otherBadParametersAre400NamingThem() {
        assertProblem(get("lang", "xx"), "lang");
        assertProblem(get("menu_id", "0"), "menu_id");
        assertProblem(get("menu_id", "one"), "menu_id");
        assertProblem(get("window_minutes", "60", "window_minutes", "120"), "window_minutes");
    }

    private static void assertProblem(APIGatewayProxyResponseEvent r, String field) {
        assertEquals(400, r.getStatusCode(), r.getBody());
        assertEquals("application/problem+json", r.getHeaders().get("Content-Type"));
        assertEquals(field, parse(r).get("field").asText(), r.getBody());
    }

    @Test
    void onlySecretKeysWithEwtReadMayReadIt() {
        APIGatewayProxyResponseEvent admin = handler.handleRequest(
                ApiEvents.request("GET", ACCURACY)
                        .tenant(TENANT, Set.of(Scope.ADMIN, Scope.CALLS_WRITE, Scope.QUEUE_EVENTS_WRITE))
                        .build(),
                null);
        assertEquals(403, admin.getStatusCode(), admin.getBody());
        assertTrue(admin.getBody().contains("ewt:read"), admin.getBody());

        // a widget's publishable key, from its own origin, reads /wait_times but not the ledger
        String site = "https://www.example.com";
        for (String resource : List.of("/apps/api/v1/wait_times", ACCURACY)) {
            APIGatewayProxyRequestEvent event = ApiEvents.request("GET", resource)
                    .header("Origin", site)
                    .query("lang", "en")
                    .build();
            event.getRequestContext()
                    .setAuthorizer(Map.of(
                            AuthContext.TENANT_ID,
                            TENANT,
                            AuthContext.KEY_ID,
                            "pk_widget",
                            AuthContext.SCOPES,
                            "",
                            AuthContext.KEY_KIND,
                            KeyKind.PUBLISHABLE.wireName(),
                            AuthContext.ALLOWED_ORIGINS,
                            site));
            APIGatewayProxyResponseEvent r = handler.handleRequest(event, null);
            assertEquals(resource.equals(ACCURACY) ? 403 : 200, r.getStatusCode(), resource + ": " + r.getBody());
        }
    }
}
