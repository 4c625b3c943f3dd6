package dev.contactcenter.core.mobileapps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.domain.Menu;
import dev.contactcenter.core.domain.MenuTree;
import dev.contactcenter.core.domain.Scope;
import dev.contactcenter.core.http.ApiException;
import dev.contactcenter.core.menu.MenuStore;
import dev.contactcenter.core.store.Backend;
import java.util.List;

/**
 * What the mobile SDK may see: it names its app with the X-Mobile-App-Identifier header (bundle id
 * or package name) and gets only the queues under that app's in-app DAP menu. Shared by GET /menus,
 * GET /wait_times and the SDK config route.
 */
public final class MobileAppScope {
    public static final String HEADER = "X-Mobile-App-Identifier";

    /** An app and the top-level menu one of its DAPs points at: the app's parent queue in that structure. */
    public record Scope(MobileApp app, Menu root) {
        /** Whether a menu lies in the app's parent queue: its DAP menu or anything below it. */
        public boolean contains(Menu menu) {
            return menu.treePath().startsWith(root.treePath());
        }
    }

    private final MobileAppStore apps;
    private final MenuStore menus;

    public MobileAppScope(Backend backend) {
        this.apps = new MobileAppStore(backend);
        this.menus = new MenuStore(backend);
    }

    /** 404 for an identifier no app of the tenant holds, 409 for an app that is not active. */
    public Scope resolve(String tenantId, String identifier) {
        MobileApp app = apps.byIdentifier(tenantId, identifier)
                .orElseThrow(() -> ApiException.notFound(
                        "No mobile app of this tenant has the identifier given in " + HEADER + "."));
        if (app.status() != MobileApp.Status.ACTIVE) {
            throw ApiException.conflict("Mobile app " + app.id() + " is "
                            + app.status().wireName() + "; an admin must activate it before the SDK can use it.")
                    .with("mobile_app_id", app.id());
        }
        return new Scope(app, dapMenu(tenantId, app.inAppDap()));
    }

    /**
     * The parent queue of an app's sessions (agents' transfers stay inside it), whether or not the app is
     * active: 409 while it has no in-app DAP and so no parent queue.
     */
    public Scope parentQueue(String tenantId, MobileApp app) {
        if (app.inAppDap() == null) {
            throw ApiException.conflict(
                            "Mobile app " + app.id() + " has no parent queue: " + MobileAppService.UNASSIGNED_REASON)
                    .with("mobile_app_id", app.id());
        }
        return new Scope(app, dapMenu(tenantId, app.inAppDap()));
    }

    /** The top-level menu a DAP of the app points at; the DAP's menu counts it as a dependent, so it exists. */
    public Menu dapMenu(String tenantId, MobileApp.DapRef dap) {
        return menus.get(tenantId, dap.menuId())
                .orElseThrow(() -> new IllegalStateException("DAP menu " + dap.menuId() + " is missing"));
    }

    /** The app's queues in tree order, its DAP menu first. */
    public List<Menu> menus(Scope scope, String tenantId) {
        return MenuTree.depthFirst(menus.subtree(tenantId, scope.root().treePath()));
    }

    /** What the SDK needs to run the app: fallback, PSTN restriction, languages. */
    public static ObjectNode sdkConfig(Scope scope) {
        MobileApp app = scope.app();
        ObjectNode o = Json.object();
        o.put("mobile_app_id", app.id());
        o.put("name", app.name());
        o.put("menu_id", scope.root().id());
        o.put("fallback_phone_number", app.fallbackPhoneNumber());
        if (app.fallbackThreshold() == null) {
            o.putNull("fallback_threshold");
        } else {
            o.put("fallback_threshold", app.fallbackThreshold());
        }
        o.put("restrict_pstn_to_app", app.restrictPstnToApp());
        scope.root().languages().forEach(o.putArray("languages")::add);
        return o;
    }
}
