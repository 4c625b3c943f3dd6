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
import dev.contactcenter.core.queue.QueueEventService;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.waittimes.AccuracyQuery;
import dev.contactcenter.core.waittimes.AccuracyReport;
import dev.contactcenter.core.waittimes.AccuracyService;
import dev.contactcenter.core.waittimes.AccuracyStore;
import dev.contactcenter.testkit.ApiEvents;
import dev.contactcenter.testkit.LocalDynamo;
import dev.contactcenter.testkit.MutableClock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CreateCallbackTest {
    static final String CALLS = "/apps/api/v1/calls";
    static final String CALL = "/apps/api/v1/calls/{id}";
    static final String TICKET = "/apps/api/v1/tickets/{id}";
    static final String GLOBAL = "+14155550100";
    static Backend backend;
    static CreateCallback handler;
    static int tenants;
    String tenant;
    long support; // ivr, record, numbers Q1 (available), Q2 (unavailable)
    long sales; // ivr, ask_permission, no numbers, en + fr
    long web; // web_menu, do_not_record
    long app; // mobile_menu
    long chatOnly; // ivr without voice_call

    @BeforeAll
    static void store() {
        backend = LocalDynamo.freshBackend();
        handler = new CreateCallback(backend);
    }

    @BeforeEach
    void tenant() throws Exception {
        tenant = "cb" + (++tenants);
        new TenantAdmin(backend)
                .createTenant(
                        tenant,
                        obj(
                                "{\"global_number\":\"" + GLOBAL
                                        + "\",\"phone_numbers\":[\"+14155550101\",\"+14155550102\"],\"crm_ticket_url_template\":\"https://crm.example.com/tickets/{ticket_id}\"}"),
                        null);
        MenuService menus = new MenuService(backend);
        support = menus.create(
                        tenant,
                        obj(
                                "{\"name\":\"Support\",\"menu_type\":\"ivr_menu\",\"recording_option\":\"record\","
                                        + "\"outbound_numbers\":[\"+14155550101\",{\"number\":\"+14155550102\",\"available\":false}]}"))
                .id();
        sales = menus.create(
                        tenant,
                        obj(
                                "{\"name\":\"Sales\",\"menu_type\":\"ivr_menu\",\"recording_option\":\"ask_permission\",\"languages\":[\"en\",\"fr\"]}"))
                .id();
        web = menus.create(
                        tenant,
                        obj("{\"name\":\"Web\",\"menu_type\":\"web_menu\",\"recording_option\":\"do_not_record\"}"))
                .id();
        app = menus.create(
                        tenant,
                        obj("{\"name\":\"App\",\"menu_type\":\"mobile_menu\",\"channels\":[\"voice_call\",\"chat\"]}"))
                .id();
        chatOnly = menus.create(tenant, obj("{\"name\":\"Chat\",\"menu_type\":\"ivr_menu\",\"channels\":[\"chat\"]}"))
                .id();
    }

    static ObjectNode obj(String json) throws Exception {
        return (ObjectNode) Json.parse(json);
    }

    APIGatewayProxyResponseEvent post(String body) {
        return handler.handleRequest(
                ApiEvents.request("POST", CALLS)
                        .tenant(tenant, Set.of(Scope.CALLS_WRITE))
                        .body(body)
                        .build(),
                null);
    }

    APIGatewayProxyResponseEvent post(String body, String idempotencyKey) {
        return handler.handleRequest(
                ApiEvents.request("POST", CALLS)
                        .tenant(tenant, Set.of(Scope.CALLS_WRITE))
                        .header("Idempotency-Key", idempotencyKey)
                        .body(body)
                        .build(),
                null);
    }

    APIGatewayProxyResponseEvent patch(long id, String body) {
        return handler.handleRequest(
                ApiEvents.request("PATCH", CALL)
                        .tenant(tenant, Set.of(Scope.CALLS_WRITE))
                        .path("id", id)
                        .body(body)
                        .build(),
                null);
    }

    static JsonNode json(APIGatewayProxyResponseEvent r) throws Exception {
        return Json.parse(r.getBody());
    }

    JsonNode created(String body) throws Exception {
        APIGatewayProxyResponseEvent r = post(body);
        assertEquals(201, r.getStatusCode(), r.getBody());
        return json(r);
    }

    String call(long menu, String extra) {
        return "{\"call_type\":\"IncomingCall\",\"end_user_number\":\"+14155550123\",\"menu_id\":" + menu + extra + "}";
    }

    @Test
    void theDocumentedCurlSampleWorksAndCarriesEveryDocumentedField() throws Exception {
        APIGatewayProxyResponseEvent r =
                post("{\n\"call_type\": \"IncomingCall\",\n\"outbound_number\": \"+14155550101\",\n"
                        + "\"end_user_number\": \"+19999999999\",\n\"menu_id\":" + support
                        + ",\n\"ticket_id\": 177821\n}");
        assertEquals(201, r.getStatusCode(), r.getBody());
        JsonNode call = json(r);
        assertEquals(CALLS + "/" + call.get("id").asLong(), r.getHeaders().get("Location"));
        for (String field : List.of(
                "id",
                "lang",
                "call_type",
                "status",
                "created_at",
                "queued_at",
                "assigned_at",
                "connected_at",
                "ends_at",
                "scheduled_at",
                "wait_duration",
                "call_duration",
                "hold_duration",
                "rating",
                "has_feedback",
                "out_ticket_id",
                "out_ticket_url",
                "verified",
                "recording_url",
                "voicemail_reason",
                "deflection",
                "disconnected_by",
                "fail_reason",
                "fail_details",
                "support_number",
                "selected_menu",
                "menu_path",
                "queue_priority_level",
                "agent_info",
                "end_user",
                "photos",
                "videos",
                "transfers",
                "participants",
                "offer_type",
                "offer_events",
                "answer_type",
                "outbound_number",
                "recording_permission",
                "recording_enabled",
                "warnings",
                "estimated_wait_seconds")) {
            assertTrue(call.has(field), "missing " + field);
        }
        assertEquals("queued", call.get("status").asText());
        assertEquals("IncomingCall", call.get("call_type").asText());
        assertEquals("en", call.get("lang").asText());
        assertTrue(
                call.get("created_at").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"),
                call.get("created_at").asText());
        assertEquals("177821", call.get("out_ticket_id").asText());
        assertEquals(
                "https://crm.example.com/tickets/177821",
                call.get("out_ticket_url").asText());
        assertEquals("+14155550101", call.get("outbound_number").asText());
        assertEquals("+14155550101", call.get("support_number").asText());
        assertEquals(support, call.get("selected_menu").asLong());
        assertEquals("Support", call.get("menu_path").get("materialized_path").asText());
    }

    @Test
    void outboundNumberRulesThroughTheApi() throws Exception {
        assertEquals(
                GLOBAL,
                created(call(sales, ",\"outbound_number\":\"+14155550101\""))
                        .get("outbound_number")
                        .asText(),
                "a queue without numbers uses the global number whatever was passed");
        assertEquals(
                "+14155550101",
                created(call(support, "")).get("outbound_number").asText(),
                "first available");
        patch(
                created(call(support, ",\"end_user_number\":\"+14155550124\""))
                        .get("id")
                        .asLong(),
                "{\"status\":\"canceled\"}");
        JsonNode malformed = created("{\"call_type\":\"IncomingCall\",\"end_user_number\":\"+14155550125\",\"menu_id\":"
                + support + ",\"outbound_number\":\"not-a-number\"}");
        assertEquals("+14155550101", malformed.get("outbound_number").asText());
        assertEquals(1, malformed.get("warnings").size());
        assertTrue(malformed.get("warnings").get(0).asText().contains("ignored"));
        assertEquals(
                GLOBAL,
                created("{\"call_type\":\"IncomingCall\",\"end_user_number\":\"+14155550126\",\"menu_id\":" + support
                                + ",\"outbound_number\":\"" + GLOBAL + "\"}")
                        .get("outbound_number")
                        .asText(),
                "the global number may be chosen");
        for (String refused : List.of("+14155550102", "+442071234567")) {
            APIGatewayProxyResponseEvent r =
                    post("{\"call_type\":\"IncomingCall\",\"end_user_number\":\"+14155550127\",\"menu_id\":" + support
                            + ",\"outbound_number\":\"" + refused + "\"}");
            assertEquals(422, r.getStatusCode(), refused);
            assertEquals("outbound_number", json(r).get("field").asText());
        }
    }

    @Test
    void recordingFollowsTheQueueOption() throws Exception {
        assertTrue(created(call(support, ",\"recording_permission\":\"recording_permission_denied\""))
                .get("recording_enabled")
                .asBoolean());
        assertFalse(created(call(web, ",\"recording_permission\":\"recording_permission_granted\""))
                .get("recording_enabled")
                .asBoolean());
        JsonNode granted = created(call(sales, ",\"recording_permission\":\"recording_permission_granted\""));
        assertTrue(granted.get("recording_enabled").asBoolean());
        patch(granted.get("id").asLong(), "{\"status\":\"canceled\"}");
        JsonNode denied = created(call(sales, ",\"recording_permission\":\"recording_permission_denied\""));
        assertFalse(denied.get("recording_enabled").asBoolean());
        patch(denied.get("id").asLong(), "{\"status\":\"canceled\"}");
        JsonNode notAsked = created(call(sales, ""));
        assertFalse(notAsked.get("recording_enabled").asBoolean());
        assertEquals(
                "recording_permission_not_asked",
                notAsked.get("recording_permission").asText());
    }

    @Test
    void validationNamesTheField() throws Exception {
        record Case(String body, String field) {}
        for (Case c : List.of(
                new Case("{\"end_user_number\":\"+14155550123\",\"menu_id\":" + support + "}", "call_type"),
                new Case(
                        "{\"call_type\":\"OutgoingCall\",\"end_user_number\":\"+14155550123\",\"menu_id\":" + support
                                + "}",
                        "call_type"),
                new Case("{\"call_type\":\"IncomingCall\",\"end_user_number\":\"+14155550123\"}", "menu_id"),
                new Case(call(app, ""), "menu_id"),
                new Case(call(chatOnly, ""), "menu_id"),
                new Case(call(987654, ""), "menu_id"),
                new Case("{\"call_type\":\"IncomingCall\",\"menu_id\":" + support + "}", "end_user_number"),
                new Case(
                        "{\"call_type\":\"IncomingCall\",\"end_user_number\":\"+1 555 000\",\"menu_id\":" + support
                                + "}",
                        "end_user_number"),
                new Case(call(support, ",\"lang\":\"fr\""), "lang"),
                new Case(call(support, ",\"lang\":\"xx\""), "lang"),
                new Case(call(support, ",\"recording_permission\":\"yes\""), "recording_permission"),
                new Case(call(support, ",\"ticket_id\":{\"a\":1}"), "ticket_id"),
                new Case(call(support, ",\"menu\":1"), "menu"))) {
            APIGatewayProxyResponseEvent r = post(c.body());
            assertEquals(422, r.getStatusCode(), c.body() + " " + r.getBody());
            assertEquals("application/problem+json", r.getHeaders().get("Content-Type"));
            assertEquals(c.field(), json(r).get("field").asText(), c.body());
        }
        assertEquals("fr", created(call(sales, ",\"lang\":\"fr\"")).get("lang").asText());
        assertEquals(
                "+14155550123",
                created("{\"call_type\":\"IncomingCall\",\"end_user_number\":\"(415) 555-0123\",\"menu_id\":" + web
                                + "}")
                        .get("end_user")
                        .get("phone_number")
                        .asText(),
                "national format read in the tenant's country, stored as E.164");
    }

    @Test
    void ticketRules() throws Exception {
        JsonNode first = created(call(support, ""));
        String ticket = first.get("out_ticket_id").asText();
        patch(first.get("id").asLong(), "{\"status\":\"canceled\"}");
        assertEquals(
                ticket,
                created(call(support, "")).get("out_ticket_id").asText(),
                "the open ticket of this end user and queue is reused");
        assertFalse(
                ticket.equals(created(call(web, "")).get("out_ticket_id").asText()),
                "another queue gets its own ticket");

        APIGatewayProxyResponseEvent closed = handler.handleRequest(
                ApiEvents.request("PATCH", TICKET)
                        .tenant(tenant, Set.of(Scope.CALLS_WRITE))
                        .path("id", ticket)
                        .body("{\"status\":\"closed\"}")
                        .build(),
                null);
        assertEquals("closed", json(closed).get("status").asText());
        JsonNode named = created("{\"call_type\":\"IncomingCall\",\"end_user_number\":\"+14155550199\",\"menu_id\":"
                + sales + ",\"ticket_id\":\"CRM-1\"}");
        assertEquals("CRM-1", named.get("out_ticket_id").asText());
        patch(named.get("id").asLong(), "{\"status\":\"canceled\"}");
        // a known ticket's number takes precedence over end_user_number, and it is enough on its own
        JsonNode again = created("{\"call_type\":\"IncomingCall\",\"end_user_number\":\"+14155550111\",\"menu_id\":"
                + sales + ",\"ticket_id\":\"CRM-1\"}");
        assertEquals("+14155550199", again.get("end_user").get("phone_number").asText());
        patch(again.get("id").asLong(), "{\"status\":\"canceled\"}");
        assertEquals(
                201,
                post("{\"call_type\":\"IncomingCall\",\"menu_id\":" + sales + ",\"ticket_id\":\"CRM-1\"}")
                        .getStatusCode());
        JsonNode t = json(handler.handleRequest(
                ApiEvents.request("GET", TICKET)
                        .tenant(tenant, Set.of(Scope.CALLS_WRITE))
                        .path("id", "CRM-1")
                        .build(),
                null));
        assertEquals("open", t.get("status").asText());
        assertEquals("https://crm.example.com/tickets/CRM-1", t.get("url").asText());
        assertEquals(
                404,
                handler.handleRequest(
                                ApiEvents.request("GET", TICKET)
                                        .tenant(tenant, Set.of(Scope.CALLS_WRITE))
                                        .path("id", "nope")
                                        .build(),
                                null)
                        .getStatusCode());
    }

    @Test
    void duplicateCallBacksAreRefusedWhilePendingUnlessTheTenantAllowsThem() throws Exception {
        long id = created(call(support, "")).get("id").asLong();
        APIGatewayProxyResponseEvent dup = post(call(support, ""));
        assertEquals(409, dup.getStatusCode());
        assertEquals(id, json(dup).get("call_id").asLong());
        assertEquals(
                200,
                patch(id, "{\"status\":\"assigned\",\"agent_id\":\"agent-7\"}").getStatusCode());
        assertEquals(409, post(call(support, "")).getStatusCode(), "still pending while assigned");
        assertEquals(200, patch(id, "{\"status\":\"connected\"}").getStatusCode());
        assertEquals(201, post(call(support, "")).getStatusCode(), "a connected call no longer blocks a new call-back");

        new dev.contactcenter.core.settings.SettingsService(backend)
                .patch(tenant, obj("{\"duplicate_callback_policy\":\"allow\"}"));
        assertEquals(201, post(call(web, "")).getStatusCode());
        assertEquals(201, post(call(web, "")).getStatusCode());
    }

    @Test
    void idempotencyKeyReplaysRefusesOtherBodiesAndSurvivesConcurrency() throws Exception {
        String body = call(support, "");
        APIGatewayProxyResponseEvent first = post(body, "key-1");
        assertEquals(201, first.getStatusCode(), first.getBody());
        APIGatewayProxyResponseEvent replay = post(body, "key-1");
        assertEquals(201, replay.getStatusCode());
        assertEquals(json(first), json(replay));
        assertEquals("true", replay.getHeaders().get("Idempotent-Replayed"));
        APIGatewayProxyResponseEvent other = post(call(web, ""), "key-1");
        assertEquals(422, other.getStatusCode());
        assertEquals("Idempotency-Key", json(other).get("field").asText());
        assertEquals(1, listCalls("").get("calls").size());

        // 20 parallel identical requests: exactly one call exists afterwards
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<APIGatewayProxyResponseEvent>> results = new ArrayList<>();
        String racing = call(web, "");
        for (int i = 0; i < 20; i++) {
            results.add(pool.submit(() -> post(racing, "race")));
        }
        Set<Long> ids = new HashSet<>();
        for (Future<APIGatewayProxyResponseEvent> f : results) {
            APIGatewayProxyResponseEvent r = f.get();
            assertTrue(r.getStatusCode() == 201 || r.getStatusCode() == 409, r.getStatusCode() + " " + r.getBody());
            if (r.getStatusCode() == 201) {
                ids.add(json(r).get("id").asLong());
            }
        }
        pool.shutdown();
        assertEquals(1, ids.size(), "every success is the same call");
        assertEquals(2, listCalls("").get("calls").size());
    }

    @Test
    void parallelIdenticalRequestsWithoutAKeyCreateOneCall() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<APIGatewayProxyResponseEvent>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            results.add(pool.submit(() -> post(call(sales, ""))));
        }
        int created = 0;
        for (Future<APIGatewayProxyResponseEvent> f : results) {
            int status = f.get().getStatusCode();
            assertTrue(status == 201 || status == 409, "status " + status);
            created += status == 201 ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(1, created);
        assertEquals(1, listCalls("").get("calls").size());
    }

    @Test
    void lifecycleMovesTimestampsAndRefusesOtherTransitions() throws Exception {
        long id = created(call(support, "")).get("id").asLong();
        assertEquals(409, patch(id, "{\"status\":\"finished\"}").getStatusCode());
        assertEquals(422, patch(id, "{\"status\":\"failed\"}").getStatusCode(), "fail_reason is required");
        JsonNode assigned = json(patch(id, "{\"status\":\"assigned\",\"agent_id\":\"a1\"}"));
        assertFalse(assigned.get("assigned_at").isNull());
        assertEquals("a1", assigned.get("agent_info").get("id").asText());
        json(patch(id, "{\"status\":\"connected\"}"));
        JsonNode finished = json(patch(id, "{\"status\":\"finished\"}"));
        assertEquals("finished", finished.get("status").asText());
        assertFalse(finished.get("ends_at").isNull());
        assertTrue(finished.get("wait_duration").asLong() >= 0);
        assertEquals(409, patch(id, "{\"status\":\"canceled\"}").getStatusCode());
        JsonNode read = json(handler.handleRequest(
                ApiEvents.request("GET", CALL)
                        .tenant(tenant, Set.of(Scope.CALLS_WRITE))
                        .path("id", id)
                        .build(),
                null));
        assertEquals("finished", read.get("status").asText());

        long failing = created(call(web, "")).get("id").asLong();
        JsonNode failed = json(patch(failing, "{\"status\":\"failed\",\"fail_reason\":\"end_user_unreachable\"}"));
        assertEquals("end_user_unreachable", failed.get("fail_reason").asText());
    }

    @Test
    void listIsNewestFirstFilteredAndPaginated() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(created("{\"call_type\":\"IncomingCall\",\"end_user_number\":\"+1415555013" + i + "\",\"menu_id\":"
                            + web + "}")
                    .get("id")
                    .asLong());
        }
        patch(ids.get(1), "{\"status\":\"canceled\"}");
        JsonNode page1 = listCalls("limit=2");
        assertEquals(List.of(ids.get(4), ids.get(3)), idsOf(page1));
        JsonNode page2 = listCalls("limit=2&cursor=" + page1.get("next_cursor").asText());
        assertEquals(List.of(ids.get(2), ids.get(1)), idsOf(page2));
        assertEquals(List.of(ids.get(1)), idsOf(listCalls("status=canceled")));
        assertEquals(5, listCalls("menu_id=" + web).get("calls").size());
        assertEquals(0, listCalls("menu_id=" + support).get("calls").size());
        for (String bad : List.of("status=nope", "limit=0", "limit=1000", "cursor=!!!", "menu_id=abc")) {
            APIGatewayProxyResponseEvent r = handler.handleRequest(query(bad).build(), null);
            assertEquals(400, r.getStatusCode(), bad);
        }
        String otherTenantsView = tenant;
        tenant();
        assertEquals(0, listCalls("").get("calls").size());
        assertEquals(
                404,
                handler.handleRequest(
                                ApiEvents.request("GET", CALL)
                                        .tenant(tenant, Set.of(Scope.CALLS_WRITE))
                                        .path("id", ids.get(0))
                                        .build(),
                                null)
                        .getStatusCode());
        tenant = otherTenantsView;
    }

    @Test
    void aMenuWithALiveCallBackCannotBeDeletedAndIdempotencyRecordsExpire() throws Exception {
        MutableClock clock = new MutableClock(java.time.Instant.now());
        Backend timed = new Backend(backend.dynamo(), backend.table(), clock);
        CreateCallback timedHandler = new CreateCallback(timed);
        MenuService menus = new MenuService(timed);
        String body = call(web, "");
        APIGatewayProxyResponseEvent first = timedHandler.handleRequest(
                ApiEvents.request("POST", CALLS)
                        .tenant(tenant, Set.of(Scope.CALLS_WRITE))
                        .header("Idempotency-Key", "expiring")
                        .body(body)
                        .build(),
                null);
        long id = json(first).get("id").asLong();
        dev.contactcenter.core.http.ApiException refused = org.junit.jupiter.api.Assertions.assertThrows(
                dev.contactcenter.core.http.ApiException.class, () -> menus.delete(tenant, web));
        assertEquals(409, refused.status());
        patch(id, "{\"status\":\"canceled\"}");

        clock.advance(java.time.Duration.ofHours(25));
        APIGatewayProxyResponseEvent later = timedHandler.handleRequest(
                ApiEvents.request("POST", CALLS)
                        .tenant(tenant, Set.of(Scope.CALLS_WRITE))
                        .header("Idempotency-Key", "expiring")
                        .body(body)
                        .build(),
                null);
        assertEquals(201, later.getStatusCode(), later.getBody());
        assertFalse(later.getHeaders().containsKey("Idempotent-Replayed"), "after 24 hours the key is new again");
        assertTrue(json(later).get("id").asLong() > id);
    }

    @Test
    void callBacksWaitInTheirQueueAndAreQuotedItsEstimate() throws Exception {
        // one busy agent serves the web queue: every queued call-back lengthens the next one's wait
        new QueueEventService(backend, new AccuracyStore(backend))
                .apply(
                        tenant,
                        obj("{\"events\":[{\"event_id\":\"agent-1-busy\","
                                + "\"type\":\"agent_status\",\"occurred_at\":\"" + java.time.Instant.now()
                                + "\",\"agent_id\":\"a1\",\"status\":\"busy\","
                                + "\"menu_ids\":[" + web + "],\"channels\":[\"voice_call\"]}]}"));
        List<Long> quoted = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            JsonNode call = created("{\"call_type\":\"IncomingCall\",\"end_user_number\":\"+1415555014" + i
                    + "\",\"menu_id\":" + web + "}");
            quoted.add(call.get("estimated_wait_seconds").asLong());
            ids.add(call.get("id").asLong());
        }
        assertTrue(
                quoted.get(0) < quoted.get(1) && quoted.get(1) < quoted.get(2),
                "each call-back waits behind the earlier ones: " + quoted);
        assertEquals(200, patch(ids.get(0), "{\"status\":\"canceled\"}").getStatusCode());
        assertEquals(
                200,
                patch(ids.get(1), "{\"status\":\"assigned\",\"agent_id\":\"a1\"}")
                        .getStatusCode());
        long next = created(
                        "{\"call_type\":\"IncomingCall\",\"end_user_number\":\"+14155550149\",\"menu_id\":" + web + "}")
                .get("estimated_wait_seconds")
                .asLong();
        assertTrue(next < quoted.get(2), "canceled and assigned call-backs left the line: " + next + " vs " + quoted);
    }

    @Test
    void aQueuedCallBackShowsItsPositionAndRemainingWaitWhileItsQuoteStays() throws Exception {
        // call-backs a minute apart (positions within one minute are estimated), one busy agent on the web queue
        MutableClock clock = new MutableClock(java.time.Instant.now().minusSeconds(600));
        CreateCallback timedHandler = new CreateCallback(new Backend(backend.dynamo(), backend.table(), clock));
        new QueueEventService(backend, new AccuracyStore(backend))
                .apply(
                        tenant,
                        obj("{\"events\":[{\"event_id\":\"busy\","
                                + "\"type\":\"agent_status\",\"occurred_at\":\"" + clock.instant()
                                + "\",\"agent_id\":\"a1\",\"status\":\"busy\","
                                + "\"menu_ids\":[" + web + "],\"channels\":[\"voice_call\"]}]}"));
        List<JsonNode> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            APIGatewayProxyResponseEvent r = timedHandler.handleRequest(
                    ApiEvents.request("POST", CALLS)
                            .tenant(tenant, Set.of(Scope.CALLS_WRITE))
                            .body("{\"call_type\":\"IncomingCall\",\"end_user_number\":" + "\"+1415555016" + i
                                    + "\",\"menu_id\":" + web + "}")
                            .build(),
                    null);
            assertEquals(201, r.getStatusCode(), r.getBody());
            assertFalse(json(r).has("position"), "the creation answer quotes, it does not place");
            created.add(json(r));
            clock.advance(java.time.Duration.ofSeconds(61));
        }
        long last = created.get(2).get("id").asLong();
        JsonNode third = get(timedHandler, last);
        assertEquals(3, third.get("position").asInt(), third.toString());
        JsonNode first = get(timedHandler, created.get(0).get("id").asLong());
        assertEquals(1, first.get("position").asInt());
        assertTrue(
                first.get("estimated_wait_seconds").asLong()
                        < third.get("estimated_wait_seconds").asLong(),
                first + " " + third);

        assertEquals(
                200,
                patch(created.get(0).get("id").asLong(), "{\"status\":\"canceled\"}")
                        .getStatusCode());
        JsonNode moved = get(timedHandler, last);
        assertEquals(2, moved.get("position").asInt(), "one left the line ahead of it");
        assertTrue(moved.get("estimated_wait_seconds").asLong()
                < third.get("estimated_wait_seconds").asLong());
        JsonNode canceled = get(timedHandler, created.get(0).get("id").asLong());
        assertFalse(canceled.has("position"), canceled.toString());
        assertEquals(
                created.get(0).get("estimated_wait_seconds"),
                canceled.get("estimated_wait_seconds"),
                "once out of the line, the call shows the wait it was quoted");
        for (JsonNode listed : listCalls("menu_id=" + web).get("calls")) {
            JsonNode quote = created.stream()
                    .filter(c -> c.get("id").equals(listed.get("id")))
                    .findFirst()
                    .orElseThrow()
                    .get("estimated_wait_seconds");
            assertEquals(quote, listed.get("estimated_wait_seconds"), "the list keeps the quotes");
        }
    }

    static JsonNode get(CreateCallback h, long id) throws Exception {
        APIGatewayProxyResponseEvent r = h.handleRequest(
                ApiEvents.request("GET", CALL)
                        .tenant("cb" + tenants, Set.of(Scope.CALLS_WRITE))
                        .path("id", id)
                        .build(),
                null);
        assertEquals(200, r.getStatusCode(), r.getBody());
        return json(r);
    }

    @Test
    void callBackQuotesAreSettledIntoTheAccuracyLedgerLikeOtherContacts() throws Exception {
        new QueueEventService(backend, new AccuracyStore(backend))
                .apply(
                        tenant,
                        obj("{\"events\":[{\"event_id\":\"agent-2-busy\","
                                + "\"type\":\"agent_status\",\"occurred_at\":\"" + java.time.Instant.now()
                                + "\",\"agent_id\":\"a2\",\"status\":\"busy\","
                                + "\"menu_ids\":[" + sales + "],\"channels\":[\"voice_call\"]}]}"));
        JsonNode served = created(call(sales, ",\"lang\":\"fr\""));
        JsonNode canceled = created("{\"call_type\":\"IncomingCall\",\"end_user_number\":\"+14155550188\",\"menu_id\":"
                + sales + ",\"lang\":\"fr\"}");
        JsonNode unsettled = created(
                "{\"call_type\":\"IncomingCall\",\"end_user_number\":\"+14155550189\",\"menu_id\":" + sales + "}");
        assertTrue(served.get("estimated_wait_seconds").asLong() > 0, served.toString());
        assertEquals(
                200,
                patch(served.get("id").asLong(), "{\"status\":\"assigned\",\"agent_id\":\"a2\"}")
                        .getStatusCode());
        assertEquals(
                200,
                patch(canceled.get("id").asLong(), "{\"status\":\"canceled\"}").getStatusCode());
        // the served call-back goes on to be finished: that settles nothing more
        assertEquals(
                200,
                patch(served.get("id").asLong(), "{\"status\":\"connected\"}").getStatusCode());
        assertEquals(
                200,
                patch(served.get("id").asLong(), "{\"status\":\"finished\"}").getStatusCode());
        assertTrue(unsettled.get("estimated_wait_seconds").isIntegralNumber());

        AccuracyReport report = new AccuracyService(backend)
                .report(tenant, new AccuracyQuery(Optional.of(sales), Optional.empty(), 60));
        assertEquals(1, report.queues().size(), report.toJson().toString());
        AccuracyReport.Row row = report.queues().get(0);
        assertEquals("fr", row.lang());
        assertEquals(1, row.stats().count(), "the assigned call-back; the queued one is not settled yet");
        assertEquals(1, row.stats().abandonedCount(), "a call-back canceled while queued left its line unserved");
        assertEquals(
                served.get("estimated_wait_seconds").asDouble(), row.stats().meanQuotedSeconds(), 1e-9);
        assertTrue(
                row.stats().meanRealizedSeconds() < 30,
                "assigned right after creation: " + row.stats().meanRealizedSeconds());
    }

    ApiEvents query(String query) {
        ApiEvents e = ApiEvents.request("GET", CALLS).tenant(tenant, Set.of(Scope.CALLS_WRITE));
        if (!query.isEmpty()) {
            for (String pair : query.split("&")) {
                String[] kv = pair.split("=", 2);
                e.query(kv[0], kv[1]);
            }
        }
        return e;
    }

    JsonNode listCalls(String query) throws Exception {
        APIGatewayProxyResponseEvent r = handler.handleRequest(query(query).build(), null);
        assertEquals(200, r.getStatusCode(), r.getBody());
        return json(r);
    }

    static List<Long> idsOf(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.get("calls").forEach(c -> ids.add(c.get("id").asLong()));
        return ids;
    }
}
