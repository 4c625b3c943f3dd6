package dev.contactcenter.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.auth.TenantAdmin;
import dev.contactcenter.core.domain.Scope;
import dev.contactcenter.core.menu.MenuService;
import dev.contactcenter.core.settings.SettingsService;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.testkit.ApiEvents;
import dev.contactcenter.testkit.LocalDynamo;
import dev.contactcenter.testkit.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Scheduled call-backs through the CreateCallback handler against DynamoDB Local. The clock stands at Monday
 * 2026-12-07 09:00 in New York; Support keeps New York hours (weekdays 08:00-18:00, slots of 30 minutes, at most
 * 10 call-backs each), Sales has no hours (always open, no limit).
 */
class ScheduledCallbacksTest {
    static final String CALLS = "/apps/api/v1/calls";
    static final String CALL = "/apps/api/v1/calls/{id}";
    static final Instant MONDAY_9AM = Instant.parse("2026-12-07T14:00:00Z");
    static final MutableClock CLOCK = new MutableClock(MONDAY_9AM);
    static Backend backend;
    static CreateCallback handler;
    static int tenants;
    String tenant;
    long support;
    long supportChild;
    long sales;

    @BeforeAll
    static void store() {
        backend = LocalDynamo.freshBackend(CLOCK);
        handler = new CreateCallback(backend);
    }

    @BeforeEach
    void tenant() throws Exception {
        CLOCK.set(MONDAY_9AM);
        tenant = "sc" + (++tenants);
        new TenantAdmin(backend).createTenant(tenant, obj("{\"global_number\":\"+14155550100\"}"), null);
        MenuService menus = new MenuService(backend);
        StringBuilder weekly = new StringBuilder();
        for (String d : List.of("mon", "tue", "wed", "thu", "fri")) {
            weekly.append(weekly.length() == 0 ? "" : ",")
                    .append("{\"day\":\"")
                    .append(d)
                    .append("\",\"open\":\"08:00\",\"close\":\"18:00\"}");
        }
        support = menus.create(
                        tenant,
                        obj("{\"name\":\"Support\",\"menu_type\":\"ivr_menu\",\"max_callbacks_per_slot\":10,"
                                + "\"hours\":{\"time_zone\":\"America/New_York\",\"weekly\":[" + weekly + "],"
                                + "\"exceptions\":[{\"date\":\"2026-12-25\",\"closed\":true}]}}"))
                .id();
        supportChild = menus.create(
                        tenant,
                        obj("{\"name\":\"Billing\",\"parent_id\":" + support + ",\"max_callbacks_per_slot\":2}"))
                .id();
        sales = menus.create(tenant, obj("{\"name\":\"Sales\",\"menu_type\":\"ivr_menu\",\"priority\":5}"))
                .id();
    }

    static ObjectNode obj(String json) throws Exception {
        return (ObjectNode) Json.parse(json);
    }

    APIGatewayProxyResponseEvent send(String method, String resource, Object id, String body) {
        ApiEvents e = ApiEvents.request(method, resource)
                .tenant(tenant, Set.of(Scope.CALLS_WRITE))
                .body(body);
        if (id != null) {
            e.path("id", id);
        }
        return handler.handleRequest(e.build(), null);
    }

    APIGatewayProxyResponseEvent post(String body) {
        return send("POST", CALLS, null, body);
    }

    static JsonNode json(APIGatewayProxyResponseEvent r) throws Exception {
        return Json.parse(r.getBody());
    }

    static String scheduled(long menu, String number, String at) {
        return "{\"call_type\":\"ScheduledCall\",\"end_user_number\":\"" + number + "\",\"menu_id\":" + menu
                + ",\"scheduled_at\":\"" + at + "\"}";
    }

    JsonNode created(String body) throws Exception {
        APIGatewayProxyResponseEvent r = post(body);
        assertEquals(201, r.getStatusCode(), r.getBody());
        return json(r);
    }

    JsonNode slots(long menu, String from, String to) throws Exception {
        ApiEvents e = ApiEvents.request("GET", "/apps/api/v1/menus/{id}/callback_slots")
                .tenant(tenant, Set.of(Scope.CALLS_WRITE))
                .path("id", menu)
                .query("from", from)
                .query("to", to);
        APIGatewayProxyResponseEvent r = handler.handleRequest(e.build(), null);
        assertEquals(200, r.getStatusCode(), r.getBody());
        return json(r);
    }

    @Test
    void aScheduledCallbackIsScheduledUntilDueWithTheDocumentedFields() throws Exception {
        JsonNode call = created(scheduled(support, "+14155550123", "2026-12-08T10:15:00-05:00"));
        assertEquals("scheduled", call.get("status").asText());
        assertEquals("ScheduledCall", call.get("call_type").asText());
        assertEquals("2026-12-08T15:15:00.000Z", call.get("scheduled_at").asText());
        assertTrue(call.get("queued_at").isNull(), "not queued until due");
        assertTrue(call.get("estimated_wait_seconds").isNull(), "no wait is quoted before it joins the queue");
        // the outbound-number and ticket rules applied as for an immediate call-back
        assertEquals("+14155550100", call.get("outbound_number").asText());
        assertTrue(call.get("out_ticket_id").asText().startsWith("cb-"));
        JsonNode read = json(send("GET", CALL, call.get("id").asLong(), null));
        assertEquals(call, read);
        // the slot of 10:00-10:30 holds it
        JsonNode slot = slots(support, "2026-12-08T10:00:00-05:00", "2026-12-08T10:30:00-05:00")
                .get("slots")
                .get(0);
        assertEquals("2026-12-08T10:00:00-05:00", slot.get("start_local").asText());
        assertEquals(1, slot.get("booked").asInt());
        assertEquals(9, slot.get("remaining").asInt());
    }

    @Test
    void scheduledAtMustBeFutureWithinTheHorizonAndInsideOpenHours() throws Exception {
        String[][] refused = {
            {"2026-12-07T08:00:00-05:00", null}, // in the past
            {"2026-12-31T10:00:00-05:00", null}, // beyond 14 days
            {"2026-12-08T07:30:00-05:00", "2026-12-08T13:00:00.000Z"}, // before opening: opens 08:00 EST
            {"2026-12-12T10:00:00-05:00", "2026-12-14T13:00:00.000Z"}, // Saturday: opens Monday
            {"2026-12-08T18:00:00-05:00", "2026-12-09T13:00:00.000Z"}, // at closing time
        };
        for (String[] c : refused) {
            APIGatewayProxyResponseEvent r = post(scheduled(support, "+14155550123", c[0]));
            assertEquals(422, r.getStatusCode(), c[0] + ": " + r.getBody());
            JsonNode problem = json(r);
            assertEquals("scheduled_at", problem.get("field").asText());
            if (c[1] != null) {
                assertEquals(c[1], problem.get("next_open").asText(), r.getBody());
            }
        }
        // the child inherits Support's hours
        assertEquals(
                422,
                post(scheduled(supportChild, "+14155550123", "2026-12-12T10:00:00-05:00"))
                        .getStatusCode());
        for (String bad : List.of(
                "{\"call_type\":\"ScheduledCall\",\"end_user_number\":\"+14155550123\",\"menu_id\":" + sales + "}",
                "{\"call_type\":\"ScheduledCall\",\"end_user_number\":\"+14155550123\",\"menu_id\":" + sales
                        + ",\"scheduled_at\":\"tomorrow\"}",
                "{\"call_type\":\"IncomingCall\",\"end_user_number\":\"+14155550123\",\"menu_id\":" + sales
                        + ",\"scheduled_at\":\"2026-12-08T10:00:00Z\"}")) {
            APIGatewayProxyResponseEvent r = post(bad);
            assertEquals(422, r.getStatusCode(), bad);
            assertEquals("scheduled_at", json(r).get("field").asText());
        }
        // the tenant's horizon is a setting
        new SettingsService(backend).patch(tenant, obj("{\"scheduling_horizon_days\":30}"));
        created(scheduled(support, "+14155550123", "2026-12-31T10:00:00-05:00"));
    }

    @Test
    void duplicateAndIdempotencyRulesApply() throws Exception {
        JsonNode first = created(scheduled(sales, "+14155550123", "2026-12-08T10:00:00Z"));
        APIGatewayProxyResponseEvent duplicate = post(scheduled(sales, "+14155550123", "2026-12-09T10:00:00Z"));
        assertEquals(409, duplicate.getStatusCode());
        assertEquals(first.get("id").asLong(), json(duplicate).get("call_id").asLong());
        APIGatewayProxyResponseEvent immediate =
                post("{\"call_type\":\"IncomingCall\",\"end_user_number\":\"+14155550123\",\"menu_id\":" + sales + "}");
        assertEquals(409, immediate.getStatusCode(), "a promised call-back is pending too");
        String body = scheduled(sales, "+14155550124", "2026-12-08T10:00:00Z");
        ApiEvents request = ApiEvents.request("POST", CALLS)
                .tenant(tenant, Set.of(Scope.CALLS_WRITE))
                .header("Idempotency-Key", "sched-1")
                .body(body);
        APIGatewayProxyResponseEvent once = handler.handleRequest(request.build(), null);
        APIGatewayProxyResponseEvent again = handler.handleRequest(request.build(), null);
        assertEquals(201, once.getStatusCode());
        assertEquals(once.getBody(), again.getBody());
        assertEquals("true", again.getHeaders().get("Idempotent-Replayed"));
        // canceling the promise releases the duplicate guard
        assertEquals(
                200,
                send(
                                "PATCH",
                                "/apps/api/v1/calls/scheduled/{id}/cancel",
                                first.get("id").asLong(),
                                null)
                        .getStatusCode());
        created(scheduled(sales, "+14155550123", "2026-12-09T10:00:00Z"));
    }

    @Test
    void aFullSlotIs409WithTheNearestFreeSlots() throws Exception {
        created(scheduled(supportChild, "+14155550001", "2026-12-08T10:05:00-05:00"));
        created(scheduled(supportChild, "+14155550002", "2026-12-08T10:25:00-05:00"));
        // 10:00-10:30 is full; 10:30-11:00 gets one
        created(scheduled(supportChild, "+14155550003", "2026-12-08T10:30:00-05:00"));
        APIGatewayProxyResponseEvent full = post(scheduled(supportChild, "+14155550004", "2026-12-08T10:10:00-05:00"));
        assertEquals(409, full.getStatusCode(), full.getBody());
        JsonNode problem = json(full);
        assertEquals("scheduled_at", problem.get("field").asText());
        List<String> suggested = new ArrayList<>();
        problem.get("nearest_free_slots")
                .forEach(s -> suggested.add(s.get("start_local").asText()));
        assertEquals(
                List.of("2026-12-08T09:30:00-05:00", "2026-12-08T10:30:00-05:00", "2026-12-08T11:00:00-05:00"),
                suggested);
        assertEquals(
                1, problem.get("nearest_free_slots").get(1).get("remaining").asInt());
        // nothing of the refused request was kept: no call, no ticket, the slot unchanged
        JsonNode listed = slots(supportChild, "2026-12-08T10:00:00-05:00", "2026-12-08T11:00:00-05:00")
                .get("slots");
        assertEquals(2, listed.get(0).get("booked").asInt());
        assertEquals(1, listed.get(1).get("booked").asInt());
    }

    @Test
    void fiftyParallelRequestsForATenPlaceSlotCreateExactlyTen() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Future<APIGatewayProxyResponseEvent>> results = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String number = String.format("+1415555%04d", 2000 + i);
            results.add(pool.submit(() -> post(scheduled(support, number, "2026-12-09T14:00:00-05:00"))));
        }
        int created = 0;
        int full = 0;
        for (Future<APIGatewayProxyResponseEvent> f : results) {
            APIGatewayProxyResponseEvent r = f.get();
            if (r.getStatusCode() == 201) {
                created++;
            } else if (r.getStatusCode() == 409 && r.getBody().contains("is full")) {
                full++;
            }
        }
        pool.shutdown();
        assertEquals(10, created);
        assertEquals(40, full);
        JsonNode slot = slots(support, "2026-12-09T14:00:00-05:00", "2026-12-09T14:30:00-05:00")
                .get("slots")
                .get(0);
        assertEquals(10, slot.get("booked").asInt());
        assertEquals(0, slot.get("remaining").asInt());
        JsonNode scheduledCalls = json(handler.handleRequest(
                        ApiEvents.request("GET", CALLS)
                                .tenant(tenant, Set.of(Scope.CALLS_WRITE))
                                .query("status", "scheduled")
                                .query("limit", "100")
                                .build(),
                        null))
                .get("calls");
        assertEquals(10, scheduledCalls.size());
    }

    @Test
    void slotsListOpenSlotsInTheQueuesZoneAndUtc() throws Exception {
        JsonNode listed = slots(support, "2026-12-11T16:00:00-05:00", "2026-12-14T09:00:00-05:00");
        assertEquals("America/New_York", listed.get("time_zone").asText());
        assertEquals(30, listed.get("slot_minutes").asInt());
        assertEquals(10, listed.get("max_per_slot").asInt());
        List<String> starts = new ArrayList<>();
        listed.get("slots").forEach(s -> starts.add(s.get("start_local").asText()));
        // Friday's last four, nothing over the weekend, Monday's first two
        assertEquals(
                List.of(
                        "2026-12-11T16:00:00-05:00",
                        "2026-12-11T16:30:00-05:00",
                        "2026-12-11T17:00:00-05:00",
                        "2026-12-11T17:30:00-05:00",
                        "2026-12-14T08:00:00-05:00",
                        "2026-12-14T08:30:00-05:00"),
                starts);
        assertEquals(
                "2026-12-11T21:00:00.000Z",
                listed.get("slots").get(0).get("start").asText());
        JsonNode unlimited = slots(sales, "2026-12-08T10:00:00Z", "2026-12-08T11:00:00Z");
        assertEquals(2, unlimited.get("slots").size());
        assertTrue(unlimited.get("slots").get(0).get("remaining").isNull());
        assertEquals(
                400,
                handler.handleRequest(
                                ApiEvents.request("GET", "/apps/api/v1/menus/{id}/callback_slots")
                                        .tenant(tenant, Set.of(Scope.CALLS_WRITE))
                                        .path("id", support)
                                        .query("from", "2026-12-08T10:00:00Z")
                                        .query("to", "2026-12-01T10:00:00Z")
                                        .build(),
                                null)
                        .getStatusCode());
    }

    @Test
    void reschedulingAppliesTheSameChecksAndMovesThePlaceAtomically() throws Exception {
        long id = created(scheduled(supportChild, "+14155550001", "2026-12-08T10:00:00-05:00"))
                .get("id")
                .asLong();
        created(scheduled(supportChild, "+14155550002", "2026-12-08T11:00:00-05:00"));
        created(scheduled(supportChild, "+14155550003", "2026-12-08T11:10:00-05:00"));
        // into a full slot: 409, nothing moves
        APIGatewayProxyResponseEvent full = send("PATCH", CALL, id, "{\"scheduled_at\":\"2026-12-08T11:15:00-05:00\"}");
        assertEquals(409, full.getStatusCode(), full.getBody());
        assertEquals(
                422,
                send("PATCH", CALL, id, "{\"scheduled_at\":\"2026-12-12T11:15:00-05:00\"}")
                        .getStatusCode(),
                "Saturday");
        assertEquals(422, send("PATCH", CALL, id, "{\"scheduled_at\":\"soon\"}").getStatusCode());
        JsonNode moved = json(send("PATCH", CALL, id, "{\"scheduled_at\":\"2026-12-09T09:00:00-05:00\"}"));
        assertEquals("2026-12-09T14:00:00.000Z", moved.get("scheduled_at").asText());
        assertEquals("scheduled", moved.get("status").asText());
        assertEquals(
                0,
                slots(supportChild, "2026-12-08T10:00:00-05:00", "2026-12-08T10:30:00-05:00")
                        .get("slots")
                        .get(0)
                        .get("booked")
                        .asInt());
        assertEquals(
                1,
                slots(supportChild, "2026-12-09T09:00:00-05:00", "2026-12-09T09:30:00-05:00")
                        .get("slots")
                        .get(0)
                        .get("booked")
                        .asInt());
        // within the same slot: still one place
        json(send("PATCH", CALL, id, "{\"scheduled_at\":\"2026-12-09T09:20:00-05:00\"}"));
        assertEquals(
                1,
                slots(supportChild, "2026-12-09T09:00:00-05:00", "2026-12-09T09:30:00-05:00")
                        .get("slots")
                        .get(0)
                        .get("booked")
                        .asInt());
        // an immediate call-back cannot be rescheduled
        long queued = created("{\"call_type\":\"IncomingCall\",\"end_user_number\":\"+14155550009\",\"menu_id\":"
                        + sales + "}")
                .get("id")
                .asLong();
        assertEquals(
                409,
                send("PATCH", CALL, queued, "{\"scheduled_at\":\"2026-12-09T09:20:00-05:00\"}")
                        .getStatusCode());
    }

    @Test
    void cancelRoutesSingleAndBulk() throws Exception {
        long a = created(scheduled(supportChild, "+14155550001", "2026-12-08T10:00:00-05:00"))
                .get("id")
                .asLong();
        long b = created(scheduled(supportChild, "+14155550002", "2026-12-08T10:00:00-05:00"))
                .get("id")
                .asLong();
        long queued = created("{\"call_type\":\"IncomingCall\",\"end_user_number\":\"+14155550003\",\"menu_id\":"
                        + sales + "}")
                .get("id")
                .asLong();
        APIGatewayProxyResponseEvent canceled = send("PATCH", "/apps/api/v1/calls/scheduled/{id}/cancel", a, null);
        assertEquals(200, canceled.getStatusCode(), canceled.getBody());
        assertEquals("canceled", json(canceled).get("status").asText());
        assertEquals(
                204,
                send("PATCH", "/apps/api/v1/calls/scheduled/{id}/cancel", a, null)
                        .getStatusCode());
        assertEquals(
                404,
                send("PATCH", "/apps/api/v1/calls/scheduled/{id}/cancel", 9999, null)
                        .getStatusCode());
        // the place is free again
        assertEquals(
                1,
                slots(supportChild, "2026-12-08T10:00:00-05:00", "2026-12-08T10:30:00-05:00")
                        .get("slots")
                        .get(0)
                        .get("booked")
                        .asInt());
        CLOCK.advance(java.time.Duration.ofSeconds(30));
        assertEquals(
                200, send("PATCH", CALL, queued, "{\"status\":\"assigned\"}").getStatusCode());
        JsonNode bulk = json(send(
                "PATCH",
                "/apps/api/v1/calls/scheduled/cancel",
                null,
                "{\"call_ids\":[" + a + "," + b + "," + queued + ",9999]}"));
        List<String> outcomes = new ArrayList<>();
        bulk.get("results")
                .forEach(r -> outcomes.add(r.get("call_id").asLong() + ":"
                        + r.get("status").asInt() + ":" + r.get("outcome").asText()));
        assertEquals(
                List.of(
                        a + ":204:already_canceled",
                        b + ":200:canceled",
                        queued + ":200:canceled",
                        "9999:404:not_found"),
                outcomes);
        assertEquals(
                "canceled",
                json(send("GET", CALL, queued, null)).get("status").asText(),
                "an assigned call-back is canceled as today");
        assertEquals(
                0,
                slots(supportChild, "2026-12-08T10:00:00-05:00", "2026-12-08T10:30:00-05:00")
                        .get("slots")
                        .get(0)
                        .get("booked")
                        .asInt());
        StringBuilder tooMany = new StringBuilder();
        for (int i = 1; i <= 101; i++) {
            tooMany.append(i == 1 ? "" : ",").append(i);
        }
        for (String bad :
                List.of("{\"call_ids\":[" + tooMany + "]}", "{\"call_ids\":[]}", "{\"call_ids\":[\"x\"]}", "{}")) {
            assertEquals(
                    422,
                    send("PATCH", "/apps/api/v1/calls/scheduled/cancel", null, bad)
                            .getStatusCode(),
                    bad);
        }
        // a finished call cannot be canceled
        long done = created("{\"call_type\":\"IncomingCall\",\"end_user_number\":\"+14155550004\",\"menu_id\":" + sales
                        + "}")
                .get("id")
                .asLong();
        for (String step : List.of("assigned", "connected", "finished")) {
            CLOCK.advance(java.time.Duration.ofSeconds(30));
            APIGatewayProxyResponseEvent r = send("PATCH", CALL, done, "{\"status\":\"" + step + "\"}");
            assertEquals(200, r.getStatusCode(), step + ": " + r.getBody());
        }
        assertEquals(
                409,
                send("PATCH", "/apps/api/v1/calls/scheduled/{id}/cancel", done, null)
                        .getStatusCode());
    }

    @Test
    void anImmediateCallbackForAClosedQueueIsRefusedOrScheduledAtTheOpening() throws Exception {
        CLOCK.set(Instant.parse("2026-12-05T15:00:00Z")); // Saturday
        String now =
                "{\"call_type\":\"IncomingCall\",\"end_user_number\":\"+14155550123\",\"menu_id\":" + support + "}";
        APIGatewayProxyResponseEvent refused = post(now);
        assertEquals(409, refused.getStatusCode(), refused.getBody());
        assertEquals("2026-12-07T13:00:00.000Z", json(refused).get("opens_at").asText());
        assertEquals(
                201,
                post("{\"call_type\":\"IncomingCall\",\"end_user_number\":\"+14155550123\",\"menu_id\":" + sales + "}")
                        .getStatusCode(),
                "a queue without hours is always open");
        new SettingsService(backend).patch(tenant, obj("{\"closed_queue_callbacks\":\"schedule_at_open\"}"));
        JsonNode scheduled = created(now);
        assertEquals("scheduled", scheduled.get("status").asText());
        assertEquals("2026-12-07T13:00:00.000Z", scheduled.get("scheduled_at").asText());
        assertFalse(scheduled.get("warnings").isEmpty());
        // the first slot with room: Billing takes two a slot
        for (String number : List.of("+14155550201", "+14155550202", "+14155550203")) {
            created("{\"call_type\":\"IncomingCall\",\"end_user_number\":\"" + number + "\",\"menu_id\":" + supportChild
                    + "}");
        }
        JsonNode listed = slots(supportChild, "2026-12-07T08:00:00-05:00", "2026-12-07T09:00:00-05:00")
                .get("slots");
        assertEquals(2, listed.get(0).get("booked").asInt());
        assertEquals(1, listed.get(1).get("booked").asInt());
    }

    @Test
    void settingsAreValidated() throws Exception {
        SettingsService settings = new SettingsService(backend);
        for (String bad : List.of(
                "{\"scheduling_horizon_days\":0}",
                "{\"scheduling_horizon_days\":\"14\"}",
                "{\"closed_queue_callbacks\":\"queue_anyway\"}")) {
            try {
                settings.patch(tenant, obj(bad));
                throw new AssertionError(bad + " was accepted");
            } catch (dev.contactcenter.core.http.ApiException e) {
                assertEquals(422, e.status(), bad);
            }
        }
    }
}
