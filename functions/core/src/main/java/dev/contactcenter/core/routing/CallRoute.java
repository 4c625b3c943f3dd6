package dev.contactcenter.core.routing;

import java.math.BigDecimal;

/**
 * How the mobile SDK places a call: VoIP, or the app's PSTN fallback number when the data connection
 * cannot carry it. The threshold is the app's {@code fallback_threshold}: 1 sends every call over
 * PSTN, 0 keeps VoIP for any connectivity, but no threshold keeps VoIP when VoIP is impossible.
 */
public record CallRoute(Route route, Reason reason) {
    public enum Route {
        VOIP("voip"),
        PSTN("pstn");

        private final String wireName;

        Route(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /** Why the call goes where it goes, so SDK logs can tell a policy from a network problem. */
    public enum Reason {
        VOIP_IMPOSSIBLE("voip_impossible"),
        ALWAYS_PSTN("threshold_is_1"),
        BELOW_THRESHOLD("connectivity_below_threshold"),
        CONNECTIVITY_OK("connectivity_meets_threshold"),
        NO_FALLBACK_NUMBER("no_fallback_number");

        private final String wireName;

        Reason(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /** The decision for a connectivity in [0, 1] against a threshold in [0, 1]. */
    public static CallRoute decide(BigDecimal threshold, BigDecimal connectivity, boolean voipPossible) {
        if (!voipPossible) {
            return new CallRoute(Route.PSTN, Reason.VOIP_IMPOSSIBLE);
        }
        if (threshold.compareTo(BigDecimal.ONE) >= 0) {
            return new CallRoute(Route.PSTN, Reason.ALWAYS_PSTN);
        }
        if (connectivity.compareTo(threshold) < 0) {
            return new CallRoute(Route.PSTN, Reason.BELOW_THRESHOLD);
        }
        return new CallRoute(Route.VOIP, Reason.CONNECTIVITY_OK);
    }
}
