package dev.contactcenter.core.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.contactcenter.core.domain.Structure;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DapResolverTest {
    static DirectAccessPoint dap(long id, DirectAccessPoint.Type type, Long appId, String segment, String structure) {
        return new DirectAccessPoint(id, 100 + id, type, "DAP " + id, appId, segment, structure, Instant.EPOCH);
    }

    static final DirectAccessPoint APP_1 = dap(1, DirectAccessPoint.Type.MOBILE_APP, 1L, null, "in_app");
    static final DirectAccessPoint APP_2 = dap(2, DirectAccessPoint.Type.MOBILE_APP, 2L, null, "in_app");
    static final DirectAccessPoint GENERAL_LATE = dap(9, DirectAccessPoint.Type.GENERAL, null, null, "in_app");
    static final DirectAccessPoint GENERAL_EARLY = dap(5, DirectAccessPoint.Type.GENERAL, null, null, "in_app");
    static final DirectAccessPoint VIP = dap(7, DirectAccessPoint.Type.USER_SEGMENT, null, "vip", "in_app");
    static final DirectAccessPoint IVR_VIP = dap(3, DirectAccessPoint.Type.USER_SEGMENT, null, "vip", "ivr");

    static Optional<Long> select(List<DirectAccessPoint> daps, Structure s, String segment, Long appId) {
        return DapResolver.select(daps, s, segment, appId).map(DirectAccessPoint::id);
    }

    @Test
    void theAppsOwnDapWhenNothingElseMatches() {
        assertEquals(Optional.of(2L), select(List.of(APP_1, APP_2, VIP), Structure.IN_APP, "regular", 2L));
        assertEquals(Optional.empty(), select(List.of(APP_1, APP_2), Structure.IN_APP, null, null), "no app, no DAP");
    }

    @Test
    void userSegmentBeforeGeneralBeforeMobileApp() {
        List<DirectAccessPoint> all = List.of(APP_1, GENERAL_LATE, VIP, GENERAL_EARLY);
        assertEquals(Optional.of(7L), select(all, Structure.IN_APP, "vip", 1L));
        assertEquals(Optional.of(5L), select(all, Structure.IN_APP, "other", 1L), "the oldest general DAP");
        assertEquals(Optional.of(5L), select(all, Structure.IN_APP, null, 1L));
    }

    @Test
    void onlyDapsOfTheSessionsStructureCount() {
        assertEquals(Optional.of(3L), select(List.of(APP_1, IVR_VIP), Structure.IVR, "vip", 1L));
        assertEquals(Optional.of(1L), select(List.of(APP_1, IVR_VIP), Structure.IN_APP, "vip", 1L));
    }

    @Test
    void segmentsMatchExactly() {
        assertEquals(Optional.of(1L), select(List.of(APP_1, VIP), Structure.IN_APP, "VIP", 1L));
    }
}
