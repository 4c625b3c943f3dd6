package dev.contactcenter.core.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.domain.DialZero;
import dev.contactcenter.core.domain.Menu;
import dev.contactcenter.core.domain.MenuType;
import dev.contactcenter.core.http.ApiException;
import dev.contactcenter.core.http.Fields;
import dev.contactcenter.core.menu.MenuStore;
import dev.contactcenter.core.mobileapps.MobileApp;
import dev.contactcenter.core.mobileapps.MobileAppStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The vendor's "Dial 0" rule: where a caller who presses 0 in an IVR menu goes. The menu's own {@code dial_zero}
 * setting, else its nearest ancestor's, else one level up. A caller who fell back from a mobile app to PSTN is in
 * that app's IVR structure, below its IVR direct access point: 0 never takes them out of that subtree (at its
 * top, 0 stays there), so pressing it again and again cannot reach another app's queues.
 */
public final class DialZeroRouting {
    private static final Set<String> FIELDS = Set.of("menu_id", "from_app");

    private final MenuStore menus;
    private final MobileAppStore apps;

    public DialZeroRouting(MenuStore menus, MobileAppStore apps) {
        this.menus = menus;
        this.apps = apps;
    }

    /** POST /ivr/dial_zero: the menu the caller reaches, as {@code {"menu_id", "materialized_path"}}. */
    public ObjectNode target(String tenantId, ObjectNode body) {
        Fields f = new Fields(body, FIELDS);
        Optional<Long> menuId = f.optionalInteger("menu_id", 1, Fields.MAX_SAFE_INTEGER);
        if (!f.has("menu_id") || f.isNull("menu_id")) {
            f.error("menu_id", "'menu_id' is required: the IVR menu the caller pressed 0 in.");
        }
        Optional<Long> fromApp = f.optionalInteger("from_app", 1, Fields.MAX_SAFE_INTEGER);
        f.throwIfInvalid();
        Menu menu = menus.get(tenantId, menuId.get())
                .orElseThrow(() -> ApiException.unprocessable("menu_id", "No menu " + menuId.get() + "."));
        if (menu.menuType() != MenuType.IVR_MENU) {
            throw ApiException.unprocessable(
                    "menu_id",
                    "Menu " + menu.id() + " is a " + menu.menuType().wireName()
                            + "; Dial 0 applies to ivr_menu menus.");
        }
        Menu boundary = null;
        if (fromApp.isPresent()) {
            MobileApp app = apps.get(tenantId, fromApp.get())
                    .orElseThrow(() -> ApiException.unprocessable("from_app", "No mobile app " + fromApp.get() + "."));
            if (app.ivrDap() != null) {
                boundary = menus.get(tenantId, app.ivrDap().menuId()).orElse(null);
                if (boundary != null && !menu.treePath().startsWith(boundary.treePath())) {
                    throw ApiException.unprocessable(
                            "menu_id",
                            "Menu " + menu.id() + " is not in mobile app " + app.id() + "'s IVR structure (below menu "
                                    + boundary.id() + ").");
                }
            }
        }
        Map<Long, Menu> above = menus.getAll(tenantId, menu.ancestorIds());
        Menu target = target(menu, rule(menu, above), above, tenantId);
        if (boundary != null && !target.treePath().startsWith(boundary.treePath())) {
            target = boundary;
        }
        ObjectNode out = Json.object();
        out.put("menu_id", target.id());
        out.put("materialized_path", target.materializedPath());
        return out;
    }

    /** The menu's own rule, else its nearest ancestor's, else one level up. */
    private static DialZero rule(Menu menu, Map<Long, Menu> above) {
        for (Menu m = menu; m != null; m = m.parentId() == null ? null : above.get(m.parentId())) {
            if (m.dialZero() != null) {
                return m.dialZero();
            }
        }
        return DialZero.PARENT;
    }

    private Menu target(Menu menu, DialZero rule, Map<Long, Menu> above, String tenantId) {
        Menu parent = menu.parentId() == null ? menu : above.getOrDefault(menu.parentId(), menu);
        return switch (rule.rule()) {
            case STAY -> menu;
            case PARENT -> parent;
            case TOP -> {
                List<Long> ids = menu.ancestorIds();
                yield ids.isEmpty() ? menu : above.getOrDefault(ids.get(0), menu);
            }
            // a named menu deleted or moved to another structure since: one level up
            case MENU ->
                menus.get(tenantId, rule.menuId())
                        .filter(m -> m.menuType() == menu.menuType())
                        .orElse(parent);
        };
    }
}
