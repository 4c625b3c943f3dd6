package dev.contactcenter.menus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.auth.TenantAdmin;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.testkit.ApiEvents;
import dev.contactcenter.testkit.LocalDynamo;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hours of operation on menus, through the Menus handler against DynamoDB Local. */
class MenuHoursTest {
    static final String MENUS = "/apps/api/v1/menus";
    static final String MENU = "/apps/api/v1/menus/{id}";
    static final String NEXT = "/apps/api/v1/menus/{id}/hours/next";
    static Backend backend;
    static Menus handler;
    static int tenants;
    String tenant;

    @BeforeAll
    static void startStore() {
        backend = LocalDynamo.freshBackend();
        handler = new Menus(backend);
    }

    @BeforeEach
    void newTenant() throws Exception {
        tenant = "h" + (++tenants);
        new TenantAdmin(backend)
                .createTenant(tenant, (ObjectNode) Json.parse("{\"global_number\":\"+14155550100\"}"), null);
    }

    static String weekdays(String zone, String open, String close) {
        List<String> days = new ArrayList<>();
        for (String d : List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun")) {
            days.add("{\"day\":\"" + d + "\",\"open\":\"" + open + "\",\"close\":\"" + close + "\"}");
        }
        return "{\"time_zone\":\"" + zone + "\",\"weekly\":[" + String.join(",", days) + "]}";
    }

    APIGatewayProxyResponseEvent post(String body) {
        return handler.handleRequest(
                ApiEvents.request("POST", MENUS).admin(tenant).body(body).build(), null);
    }

    APIGatewayProxyResponseEvent patch(long id, String body) {
        return handler.handleRequest(
                ApiEvents.request("PATCH", MENU)
                        .admin(tenant)
                        .path("id", id)
                        .body(body)
                        .build(),
                null);
    }

    long menu(String name, Long parent, String hours) throws Exception {
        APIGatewayProxyResponseEvent r = post("{\"name\":\"" + name + "\","
                + (parent == null ? "\"menu_type\":\"ivr_menu\"" : "\"parent_id\":" + parent)
                + (hours == null ? "" : ",\"hours\":" + hours) + "}");
        assertEquals(201, r.getStatusCode(), r.getBody());
        return Json.parse(r.getBody()).get("id").asLong();
    }

    JsonNode next(long id, String from) throws Exception {
        APIGatewayProxyResponseEvent r = handler.handleRequest(
                ApiEvents.request("GET", NEXT)
                        .tenant(tenant, java.util.Set.of())
                        .path("id", id)
                        .query("from", from)
                        .build(),
                null);
        assertEquals(200, r.getStatusCode(), r.getBody());
        return Json.parse(r.getBody());
    }

    void assertNext(long id, String from, boolean open, String nextOpen, String nextClose) throws Exception {
        JsonNode s = next(id, from);
        assertEquals(open, s.get("open").asBoolean(), "open at " + from + ": " + s);
        assertEquals(
                nextOpen,
                s.get("next_open").isNull() ? null : s.get("next_open").asText(),
                "next_open: " + s);
        assertEquals(
                nextClose,
                s.get("next_close").isNull() ? null : s.get("next_close").asText(),
                "next_close: " + s);
    }

    @Test
    void hoursAreStoredReturnedAndRemovedWithNull() throws Exception {
        String hours =
                "{\"time_zone\":\"America/New_York\",\"weekly\":[{\"day\":\"mon\",\"open\":\"08:00\",\"close\":\"18:00\"}],"
                        + "\"exceptions\":[{\"date\":\"2026-12-25\",\"closed\":true},{\"date\":\"2026-12-24\",\"open\":\"08:00\",\"close\":\"12:00\"}]}";
        APIGatewayProxyResponseEvent r =
                post("{\"name\":\"Support\",\"menu_type\":\"ivr_menu\",\"hours\":" + hours + "}");
        assertEquals(201, r.getStatusCode(), r.getBody());
        JsonNode menu = Json.parse(r.getBody());
        assertEquals(Json.parse(hours), menu.get("hours"), "returned exactly in the shape given");
        assertEquals(30, menu.get("callback_slot_minutes").asInt());
        assertTrue(menu.get("max_callbacks_per_slot").isNull());
        long id = menu.get("id").asLong();
        JsonNode read = Json.parse(handler.handleRequest(
                        ApiEvents.request("GET", MENU)
                                .admin(tenant)
                                .path("id", id)
                                .build(),
                        null)
                .getBody());
        assertEquals(Json.parse(hours), read.get("hours"));
        JsonNode cleared = Json.parse(patch(id, "{\"hours\":null}").getBody());
        assertTrue(cleared.get("hours").isNull());
        assertNext(id, "2026-12-25T03:00:00Z", true, null, null);
    }

    @Test
    void invalidHoursAre422NamingTheField() throws Exception {
        String[][] cases = {
            {"{\"time_zone\":\"America/Gotham\",\"weekly\":[]}", "hours.time_zone"},
            {"{\"time_zone\":\"+02:00\",\"weekly\":[]}", "hours.time_zone"},
            {
                "{\"time_zone\":\"Europe/Berlin\",\"weekly\":[{\"day\":\"mon\",\"open\":\"09:00\",\"close\":\"09:00\"}]}",
                "hours.weekly[0].close"
            },
            {
                "{\"time_zone\":\"Europe/Berlin\",\"weekly\":[{\"day\":\"mon\",\"open\":\"09:00\",\"close\":\"25:00\"}]}",
                "hours.weekly[0].close"
            },
            {
                "{\"time_zone\":\"Europe/Berlin\",\"weekly\":[{\"day\":\"funday\",\"open\":\"09:00\",\"close\":\"10:00\"}]}",
                "hours.weekly[0].day"
            },
            {
                "{\"time_zone\":\"Europe/Berlin\",\"weekly\":[{\"day\":\"mon\",\"open\":\"09:00\",\"close\":\"12:00\"},"
                        + "{\"day\":\"mon\",\"open\":\"11:00\",\"close\":\"14:00\"}]}",
                "hours.weekly[1]"
            },
            // Sunday's overnight interval runs into Monday morning's
            {
                "{\"time_zone\":\"Europe/Berlin\",\"weekly\":[{\"day\":\"mon\",\"open\":\"01:00\",\"close\":\"05:00\"},"
                        + "{\"day\":\"sun\",\"open\":\"22:00\",\"close\":\"02:00\"}]}",
                "hours.weekly[1]"
            },
            {
                "{\"time_zone\":\"Europe/Berlin\",\"weekly\":[],\"exceptions\":[{\"date\":\"2026-02-30\",\"closed\":true}]}",
                "hours.exceptions[0].date"
            },
            {
                "{\"time_zone\":\"Europe/Berlin\",\"weekly\":[],\"exceptions\":[{\"date\":\"2026-12-24\",\"closed\":true},"
                        + "{\"date\":\"2026-12-24\",\"open\":\"08:00\",\"close\":\"12:00\"}]}",
                "hours.exceptions[1]"
            },
            {
                "{\"time_zone\":\"Europe/Berlin\",\"weekly\":[],\"exceptions\":[{\"date\":\"2026-12-24\",\"open\":\"12:00\",\"close\":\"08:00\"},"
                        + "{\"date\":\"2026-12-24\",\"open\":\"13:00\",\"close\":\"14:00\"}]}",
                "hours.exceptions[1]"
            },
            {"{\"time_zone\":\"Europe/Berlin\"}", "hours.weekly"},
            {"{\"time_zone\":\"Europe/Berlin\",\"weekly\":[],\"holidays\":[]}", "hours.holidays"},
            {"\"9-5\"", "hours"},
        };
        for (String[] c : cases) {
            APIGatewayProxyResponseEvent r = post("{\"name\":\"Q\",\"menu_type\":\"ivr_menu\",\"hours\":" + c[0] + "}");
            assertEquals(422, r.getStatusCode(), c[0] + " -> " + r.getBody());
            assertEquals("application/problem+json", r.getHeaders().get("Content-Type"));
            assertEquals(c[1], Json.parse(r.getBody()).get("field").asText(), c[0] + " -> " + r.getBody());
        }
        // an overnight interval is not an error, nor two that only touch
        menu(
                "Night",
                null,
                "{\"time_zone\":\"Europe/Berlin\",\"weekly\":[{\"day\":\"fri\",\"open\":\"22:00\",\"close\":\"06:00\"},"
                        + "{\"day\":\"sat\",\"open\":\"06:00\",\"close\":\"12:00\"}]}");
    }

    @Test
    void slotSettingsAreValidatedAndChangedByPatch() throws Exception {
        long id = menu("Support", null, null);
        JsonNode changed = Json.parse(patch(id, "{\"callback_slot_minutes\":15,\"max_callbacks_per_slot\":10}")
                .getBody());
        assertEquals(15, changed.get("callback_slot_minutes").asInt());
        assertEquals(10, changed.get("max_callbacks_per_slot").asInt());
        JsonNode reset = Json.parse(patch(id, "{\"callback_slot_minutes\":null,\"max_callbacks_per_slot\":null}")
                .getBody());
        assertEquals(30, reset.get("callback_slot_minutes").asInt());
        assertTrue(reset.get("max_callbacks_per_slot").isNull());
        for (String bad : List.of(
                "{\"callback_slot_minutes\":0}",
                "{\"max_callbacks_per_slot\":0}",
                "{\"max_callbacks_per_slot\":\"ten\"}")) {
            APIGatewayProxyResponseEvent r = patch(id, bad);
            assertEquals(422, r.getStatusCode(), bad);
            assertEquals(
                    bad.substring(2, bad.indexOf("\":")),
                    Json.parse(r.getBody()).get("field").asText());
        }
    }

    @Test
    void childrenInheritTheNearestAncestorsHoursAndTopLevelWithoutHoursIsAlwaysOpen() throws Exception {
        long top = menu("Support", null, weekdays("America/New_York", "08:00", "18:00"));
        long middle = menu("Billing", top, null);
        long leaf = menu("Refunds", middle, null);
        long other = menu("Sales", null, null);
        // 2026-07-01 07:00 in New York (EDT): closed, opens at 08:00 EDT = 12:00Z
        JsonNode s = next(leaf, "2026-07-01T07:00:00-04:00");
        assertEquals(top, s.get("hours_from_menu_id").asLong());
        assertEquals("America/New_York", s.get("time_zone").asText());
        assertEquals("2026-07-01T08:00:00-04:00", s.get("next_open_local").asText());
        assertNext(leaf, "2026-07-01T07:00:00-04:00", false, "2026-07-01T12:00:00.000Z", "2026-07-01T22:00:00.000Z");
        // the middle menu gets hours of its own: the leaf now follows them
        patch(middle, "{\"hours\":" + weekdays("Europe/Berlin", "09:00", "17:00") + "}");
        assertEquals(
                middle,
                next(leaf, "2026-07-01T07:00:00Z").get("hours_from_menu_id").asLong());
        assertNext(leaf, "2026-07-01T07:00:00Z", true, "2026-07-02T07:00:00.000Z", "2026-07-01T15:00:00.000Z");
        JsonNode always = next(other, "2026-07-01T07:00:00Z");
        assertTrue(always.get("open").asBoolean());
        assertTrue(always.get("hours_from_menu_id").isNull());
        assertTrue(always.get("next_close").isNull());
    }

    @Test
    void fromMustBeAnInstantWithOffset() throws Exception {
        long id = menu("Q", null, null);
        for (String bad : List.of("2026-07-01T07:00:00", "tomorrow", "2026-13-01T00:00:00Z")) {
            APIGatewayProxyResponseEvent r = handler.handleRequest(
                    ApiEvents.request("GET", NEXT)
                            .tenant(tenant, java.util.Set.of())
                            .path("id", id)
                            .query("from", bad)
                            .build(),
                    null);
            assertEquals(400, r.getStatusCode(), bad);
        }
    }

    /**
     * Daylight saving time in two zones: a queue open 08:00-18:00 every day opens 24 hours apart except across a
     * change, when it opens 23 (spring forward) or 25 (fall back) hours after the day before.
     */
    @ParameterizedTest
    @CsvSource({
        // New York springs forward on 2026-03-08 (EST -5 to EDT -4) and falls back on 2026-11-01
        "America/New_York, 2026-03-07T19:00:00-05:00, 2026-03-08T12:00:00.000Z, 2026-03-08T22:00:00.000Z",
        "America/New_York, 2026-10-31T19:00:00-04:00, 2026-11-01T13:00:00.000Z, 2026-11-01T23:00:00.000Z",
        // Berlin on 2026-03-29 (CET +1 to CEST +2) and 2026-10-25
        "Europe/Berlin, 2026-03-28T19:00:00+01:00, 2026-03-29T06:00:00.000Z, 2026-03-29T16:00:00.000Z",
        "Europe/Berlin, 2026-10-24T19:00:00+02:00, 2026-10-25T07:00:00.000Z, 2026-10-25T17:00:00.000Z",
        // Sydney, southern hemisphere: falls back on 2026-04-05 (+11 to +10), springs forward on 2026-10-04
        "Australia/Sydney, 2026-04-04T19:00:00+11:00, 2026-04-04T22:00:00.000Z, 2026-04-05T08:00:00.000Z",
        "Australia/Sydney, 2026-10-03T19:00:00+10:00, 2026-10-03T21:00:00.000Z, 2026-10-04T07:00:00.000Z",
    })
    void dstChangeDaysOpenAndCloseOnTheWallClock(String zone, String evening, String opens, String closes)
            throws Exception {
        long id = menu("Q", null, weekdays(zone, "08:00", "18:00"));
        assertNext(id, evening, false, opens, closes);
    }

    @Test
    void intervalsOnTheChangeHourItself() throws Exception {
        // New York 2026-03-08: 02:00-03:00 does not exist; an opening at 02:30 happens at 03:30 EDT, 1.5 h after 01:00
        long spring = menu(
                "Spring",
                null,
                "{\"time_zone\":\"America/New_York\",\"weekly\":["
                        + "{\"day\":\"sun\",\"open\":\"02:30\",\"close\":\"05:00\"}]}");
        assertNext(spring, "2026-03-08T06:00:00Z", false, "2026-03-08T07:30:00.000Z", "2026-03-08T09:00:00.000Z");
        // 2026-11-01: 01:00-02:00 happens twice; 01:30 opens at the first (EDT) and a 01:30 close is at the second
        // (EST)
        long fall = menu(
                "Fall",
                null,
                "{\"time_zone\":\"America/New_York\",\"weekly\":["
                        + "{\"day\":\"sun\",\"open\":\"01:30\",\"close\":\"03:00\"}]}");
        assertNext(fall, "2026-11-01T04:00:00Z", false, "2026-11-01T05:30:00.000Z", "2026-11-01T08:00:00.000Z");
        long fallClose = menu(
                "FallClose",
                null,
                "{\"time_zone\":\"America/New_York\",\"weekly\":["
                        + "{\"day\":\"sun\",\"open\":\"00:30\",\"close\":\"01:30\"}]}");
        assertNext(fallClose, "2026-11-01T04:00:00Z", false, "2026-11-01T04:30:00.000Z", "2026-11-01T06:30:00.000Z");
    }

    @Test
    void overnightIntervalsAcrossMidnightAndAcrossDst() throws Exception {
        String night =
                "{\"time_zone\":\"Europe/Berlin\",\"weekly\":[{\"day\":\"sat\",\"open\":\"22:00\",\"close\":\"06:00\"}]}";
        long id = menu("Night", null, night);
        // an ordinary Saturday night (2026-06-13, CEST): 8 hours, open across midnight
        assertNext(id, "2026-06-13T21:00:00+02:00", false, "2026-06-13T20:00:00.000Z", "2026-06-14T04:00:00.000Z");
        assertNext(id, "2026-06-14T01:00:00+02:00", true, "2026-06-20T20:00:00.000Z", "2026-06-14T04:00:00.000Z");
        // the night clocks spring forward (2026-03-28/29): 22:00 CET to 06:00 CEST is 7 hours
        assertNext(id, "2026-03-28T12:00:00Z", false, "2026-03-28T21:00:00.000Z", "2026-03-29T04:00:00.000Z");
        // the night they fall back (2026-10-24/25): 22:00 CEST to 06:00 CET is 9 hours
        assertNext(id, "2026-10-24T12:00:00Z", false, "2026-10-24T20:00:00.000Z", "2026-10-25T05:00:00.000Z");
        assertNext(id, "2026-10-25T04:30:00Z", true, "2026-10-31T21:00:00.000Z", "2026-10-25T05:00:00.000Z");
        // Friday 18:00-24:00 and Saturday 00:00-02:00 read as one opening
        long joined = menu(
                "Joined",
                null,
                "{\"time_zone\":\"Europe/Berlin\",\"weekly\":[{\"day\":\"fri\",\"open\":\"18:00\",\"close\":\"24:00\"},"
                        + "{\"day\":\"sat\",\"open\":\"00:00\",\"close\":\"02:00\"}]}");
        assertNext(joined, "2026-06-12T20:00:00+02:00", true, "2026-06-19T16:00:00.000Z", "2026-06-13T00:00:00.000Z");
    }

    @Test
    void holidaysCloseAllDayOrChangeTheHours() throws Exception {
        String hours = "{\"time_zone\":\"America/New_York\",\"weekly\":["
                + String.join(
                        ",",
                        List.of("mon", "tue", "wed", "thu", "fri").stream()
                                .map(d -> "{\"day\":\"" + d + "\",\"open\":\"08:00\",\"close\":\"18:00\"}")
                                .toList())
                + ",{\"day\":\"wed\",\"open\":\"22:00\",\"close\":\"02:00\"}],"
                + "\"exceptions\":[{\"date\":\"2026-12-25\",\"closed\":true},{\"date\":\"2026-12-24\",\"open\":\"08:00\",\"close\":\"12:00\"},"
                + "{\"date\":\"2026-12-31\",\"open\":\"09:00\",\"close\":\"11:00\"},{\"date\":\"2026-12-31\",\"open\":\"13:00\",\"close\":\"15:00\"}]}";
        long id = menu("Support", null, hours);
        // Christmas Eve (Thursday) closes at noon; Christmas Day (Friday) is closed, so next is Monday the 28th
        assertNext(id, "2026-12-24T11:00:00-05:00", true, "2026-12-28T13:00:00.000Z", "2026-12-24T17:00:00.000Z");
        assertNext(id, "2026-12-24T12:00:00-05:00", false, "2026-12-28T13:00:00.000Z", "2026-12-28T23:00:00.000Z");
        // Wednesday 23rd's overnight interval is cut at the midnight of the 24th, which has its own hours
        assertNext(id, "2026-12-23T23:00:00-05:00", true, "2026-12-24T13:00:00.000Z", "2026-12-24T05:00:00.000Z");
        // New Year's Eve (Thursday): two special intervals
        assertNext(id, "2026-12-31T11:00:00-05:00", false, "2026-12-31T18:00:00.000Z", "2026-12-31T20:00:00.000Z");
        // an ordinary Wednesday night runs on to 02:00
        assertNext(id, "2026-12-16T23:00:00-05:00", true, "2026-12-17T13:00:00.000Z", "2026-12-17T07:00:00.000Z");
    }
}
