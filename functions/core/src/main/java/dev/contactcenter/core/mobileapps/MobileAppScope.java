package dev.contactcenter.core.mobileapps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.domain.Menu;
import dev.contactcenter.core.domain.MenuTree;
import dev.contactcenter.core.http.ApiException;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.store.MenuStore;

import java.util.List;

/**
 * What the mobile SDK may see: it names its app with the X-Mobile-App-Identifier header (bundle id
 * or package name) and gets only the queues under that app's in-app DAP menu. Shared by GET /menus,
 * GET /wait_times and the SDK config route.
 */
public final class MobileAppScope {
    public static final String HEADER = "X-Mobile-App-Identifier";

    /** The active app and the top-level menu its in-app DAP points at. */
    public record Scope(MobileApp app, Menu root) {
    }

    private final MobileAppStore apps;
    private final MenuStore menus;

    public MobileAppScope(Backend backend) {
        this.apps = new MobileAppStore(backend);
        this.menus = new MenuStore(backend);
    }

    /** 404 for an identifier no app of the tenant holds, 409 for an app that is not active. */
    public Scope resolve(String tenantId, String identifier) {
        String key = MobileApp.identifierKey(identifier);
        MobileApp app = apps.claimHolder(tenantId, MobileAppStore.identifierSk(key))
                .flatMap(id -> apps.get(tenantId, id))
                .orElseThrow(() -> ApiException.notFound("No mobile app of this tenant has the identifier given in "
                        + HEADER + "."));
        if (app.status() != MobileApp.Status.ACTIVE) {
            throw ApiException.conflict("Mobile app " + app.id() + " is " + app.status().wireName()
                    + "; an admin must activate it before the SDK can use it.").with("mobile_app_id", app.id());
        }
        Menu root = menus.get(tenantId, app.inAppDap().menuId())
                .orElseThrow(() -> new IllegalStateException("In-app DAP menu of an active app is missing"));
        return new Scope(app, root);
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
