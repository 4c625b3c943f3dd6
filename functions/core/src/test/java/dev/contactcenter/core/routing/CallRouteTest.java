package dev.contactcenter.core.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CallRouteTest {
    static CallRoute decide(String threshold, String connectivity, boolean voipPossible) {
        return CallRoute.decide(new BigDecimal(threshold), new BigDecimal(connectivity), voipPossible);
    }

    @Test
    void pstnWhenVoipIsImpossibleWhateverTheThreshold() {
        for (String t : new String[] {"0", "0.5", "1"}) {
            assertEquals(new CallRoute(CallRoute.Route.PSTN, CallRoute.Reason.VOIP_IMPOSSIBLE), decide(t, "1", false));
        }
    }

    @Test
    void thresholdOneSendsEveryCallOverPstn() {
        assertEquals(new CallRoute(CallRoute.Route.PSTN, CallRoute.Reason.ALWAYS_PSTN), decide("1", "1", true));
        assertEquals(CallRoute.Route.PSTN, decide("1.00", "0.99", true).route());
    }

    @Test
    void pstnBelowTheThresholdVoipAtOrAboveIt() {
        assertEquals(
                new CallRoute(CallRoute.Route.PSTN, CallRoute.Reason.BELOW_THRESHOLD), decide("0.98", "0.97", true));
        assertEquals(
                new CallRoute(CallRoute.Route.VOIP, CallRoute.Reason.CONNECTIVITY_OK), decide("0.98", "0.98", true));
        assertEquals(CallRoute.Route.VOIP, decide("0.3", "0.31", true).route());
    }

    @Test
    void thresholdZeroKeepsVoipEvenOnPoorConnectivity() {
        assertEquals(new CallRoute(CallRoute.Route.VOIP, CallRoute.Reason.CONNECTIVITY_OK), decide("0", "0", true));
        assertEquals(CallRoute.Route.VOIP, decide("0", "0.01", true).route());
    }
}
