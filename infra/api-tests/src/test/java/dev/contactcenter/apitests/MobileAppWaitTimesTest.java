package dev.contactcenter.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.domain.Scope;
import dev.contactcenter.testkit.ApiEvents;
import dev.contactcenter.waittimes.GetWaitTimes;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The mobile SDK, naming its app, gets wait times for that app's queues only (issue 6). */
class MobileAppWaitTimesTest {
    static GetWaitTimes handler;

    @BeforeAll
    static void seed() {
        // demo: 1 Support > 2 Billing > 3 Refunds (ivr), 4 App (mobile); app 1 active with its in-app DAP on 4, app 2
        // inactive
        handler = new GetWaitTimes(SampleReplay.seededDemo());
    }

    static APIGatewayProxyResponseEvent get(String app, String menuId) {
        ApiEvents request = ApiEvents.request("GET", "/apps/api/v1/wait_times")
                .tenant("demo", Set.of(Scope.EWT_READ))
                .query("lang", "en");
        if (app != null) {
            request.header("X-Mobile-App-Identifier", app);
        }
        if (menuId != null) {
            request.query("menu_id", menuId);
        }
        return handler.handleRequest(request.build(), null);
    }

    @Test
    void theSdkSeesOnlyItsAppsQueues() throws Exception {
        JsonNode everything = Json.parse(get(null, null).getBody());
        assertEquals(4, everything.size());
        APIGatewayProxyResponseEvent scoped = get("com.example.customer", null);
        assertEquals(200, scoped.getStatusCode(), scoped.getBody());
        JsonNode rows = Json.parse(scoped.getBody());
        assertEquals(1, rows.size());
        assertEquals(4, rows.get(0).get("menu_id").asLong());
        assertEquals(200, get("COM.EXAMPLE.CUSTOMER", "4").getStatusCode(), "identifiers match ignoring case");
    }

    @Test
    void queuesOutsideTheAppUnknownAppsAndInactiveAppsAreRefused() {
        assertEquals(404, get("com.example.customer", "1").getStatusCode(), "a queue outside the app is unknown to it");
        assertEquals(404, get("com.example.unknown", null).getStatusCode());
        assertEquals(409, get("com.example.kiosk", null).getStatusCode(), "an inactive app");
    }
}
