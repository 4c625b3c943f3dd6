package dev.contactcenter.core.dap;

import dev.contactcenter.core.domain.Menu;
import dev.contactcenter.core.domain.Structure;
import dev.contactcenter.core.http.ApiException;
import dev.contactcenter.core.menu.MenuDependents;
import java.util.List;
import java.util.Optional;

/**
 * A mobile-app DAP stays on a top-level menu, and an IVR one on a menu enabled for English: a menu patch
 * that would break that is a 409 naming the DAP. A DAP assigned after this check moves the menu's version,
 * so the patch's conditional write then fails instead of slipping past it.
 */
public final class DapMenuRules implements MenuDependents {
    private final DapStore daps;

    public DapMenuRules(DapStore daps) {
        this.daps = daps;
    }

    @Override
    public void checkChange(String tenantId, Menu current, boolean getsParent, Optional<List<String>> languages) {
        boolean dropsEnglish = languages.map(l -> !l.contains("en")).orElse(false);
        if (current.dependents() == 0 || !(getsParent || dropsEnglish)) {
            return;
        }
        for (DirectAccessPoint dap : daps.all(tenantId)) {
            if (dap.menuId() != current.id() || dap.type() != DirectAccessPoint.Type.MOBILE_APP) {
                continue;
            }
            String which = "menu " + current.id() + " carries mobile_app DAP " + dap.id() + " ('" + dap.name()
                    + "') of mobile app " + dap.mobileAppId();
            if (getsParent) {
                throw ApiException.conflict(
                                "parent_id",
                                "A mobile_app DAP must stay on a top-level menu, and " + which
                                        + ": remove the DAP before moving the menu.")
                        .with("dap_id", dap.id());
            }
            if (dap.structure().equals(Structure.IVR.wireName())) {
                throw ApiException.conflict(
                                "languages",
                                "An IVR mobile_app DAP needs a menu enabled for English, and " + which
                                        + ": keep 'en' or remove the DAP first.")
                        .with("dap_id", dap.id());
            }
        }
    }
}
