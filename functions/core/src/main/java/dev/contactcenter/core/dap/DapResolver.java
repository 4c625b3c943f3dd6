package dev.contactcenter.core.dap;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.domain.Menu;
import dev.contactcenter.core.domain.Structure;
import dev.contactcenter.core.http.Fields;
import dev.contactcenter.core.menu.MenuJson;
import dev.contactcenter.core.menu.MenuStore;
import dev.contactcenter.core.mobileapps.MobileApp;
import dev.contactcenter.core.mobileapps.MobileAppScope;
import dev.contactcenter.core.mobileapps.MobileAppStore;
import dev.contactcenter.core.store.Backend;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * DAP evaluation for a session entering a structure: user-segment DAPs first (the session's segment,
 * exactly), then general DAPs (every session of the structure), then the app's own mobile-app DAP
 * (only while the app is active). Within a kind the oldest DAP (lowest id) wins, so the answer never
 * depends on storage order. A result outside the app's parent queue is flagged: the vendor warns that
 * another DAP must not pull app A's users into app B's queues.
 */
public final class DapResolver {
    static final Set<String> FIELDS = new LinkedHashSet<>(List.of("channel", "app_identifier", "segment"));
    public static final String OUTSIDE_PARENT_QUEUE = "outside_app_parent_queue";

    /** The outcome: the DAP and menu (both absent when nothing matched), the app, and the parent queue check. */
    public record Resolution(
            Structure channel,
            Optional<MobileApp> app,
            Optional<DirectAccessPoint> dap,
            Optional<Menu> menu,
            Optional<MobileAppScope.Scope> parentQueue) {
        public boolean outsideParentQueue() {
            return menu.isPresent()
                    && parentQueue.isPresent()
                    && !parentQueue.get().contains(menu.get());
        }

        public ObjectNode toJson() {
            ObjectNode o = Json.object();
            o.put("channel", channel.wireName());
            app.ifPresentOrElse(a -> o.put("mobile_app_id", a.id()), () -> o.putNull("mobile_app_id"));
            o.put("matched", dap.isPresent());
            o.set("direct_access_point", dap.isPresent() ? DapJson.toJson(dap.get()) : NullNode.getInstance());
            o.set("menu", menu.isPresent() ? MenuJson.toJson(menu.get()) : NullNode.getInstance());
            ArrayNode warnings = o.putArray("warnings");
            if (outsideParentQueue()) {
                warnings.addObject()
                        .put("code", OUTSIDE_PARENT_QUEUE)
                        .put("parent_menu_id", parentQueue.get().root().id())
                        .put(
                                "detail",
                                "DAP " + dap.get().id() + " ("
                                        + dap.get().type().wireName() + ") sends this session of mobile app "
                                        + app.get().id() + " to menu "
                                        + menu.get().id() + ", outside the app's parent queue (menu "
                                        + parentQueue.get().root().id() + "). Check the DAP configuration.");
            }
            return o;
        }
    }

    private final DapStore daps;
    private final MenuStore menus;
    private final MobileAppStore apps;
    private final MobileAppScope scopes;

    public DapResolver(Backend backend) {
        this.daps = new DapStore(backend);
        this.menus = new MenuStore(backend);
        this.apps = new MobileAppStore(backend);
        this.scopes = new MobileAppScope(backend);
    }

    public Resolution resolve(String tenantId, ObjectNode body) {
        Fields f = new Fields(body, FIELDS);
        Optional<Structure> channel = f.optionalEnum("channel", Structure::fromWire, Structure.WIRE_NAMES);
        if (!f.has("channel")) {
            f.error("channel", "'channel' is required: one of " + String.join(", ", Structure.WIRE_NAMES) + ".");
        }
        Optional<String> identifier = f.optionalString("app_identifier", 255);
        Optional<String> segment = f.optionalString("segment", DapService.MAX_SEGMENT);
        Optional<MobileApp> app = Optional.empty();
        if (identifier.isPresent()) {
            app = apps.byIdentifier(tenantId, identifier.get());
            if (app.isEmpty()) {
                f.error("app_identifier", "No mobile app of this tenant has this bundle id or package name.");
            }
        }
        f.throwIfInvalid();
        // an inactive app is not in MMA mode: neither its DAP nor its parent queue applies
        Optional<MobileApp> active = app.filter(MobileApp::active);
        Optional<DirectAccessPoint> dap = select(
                daps.all(tenantId),
                channel.get(),
                segment.orElse(null),
                active.map(MobileApp::id).orElse(null));
        Optional<Menu> menu = dap.map(d -> menus.get(tenantId, d.menuId())
                .orElseThrow(
                        () -> new IllegalStateException("Menu " + d.menuId() + " of DAP " + d.id() + " is missing")));
        Optional<MobileAppScope.Scope> parentQueue = active.flatMap(a ->
                a.dap(channel.get()).map(ref -> new MobileAppScope.Scope(a, scopes.dapMenu(tenantId, ref))));
        return new Resolution(channel.get(), app, dap, menu, parentQueue);
    }

    /** The DAP a session meets first in the structure; {@code segment} and {@code activeAppId} may be null. */
    static Optional<DirectAccessPoint> select(
            List<DirectAccessPoint> all, Structure structure, String segment, Long activeAppId) {
        List<DirectAccessPoint> inStructure = all.stream()
                .filter(d -> d.structure().equals(structure.wireName()))
                .sorted(Comparator.comparingLong(DirectAccessPoint::id))
                .toList();
        List<Predicate<DirectAccessPoint>> priority = List.of(
                d -> d.type() == DirectAccessPoint.Type.USER_SEGMENT
                        && d.segment().equals(segment),
                d -> d.type() == DirectAccessPoint.Type.GENERAL,
                d -> d.type() == DirectAccessPoint.Type.MOBILE_APP
                        && d.mobileAppId().equals(activeAppId));
        for (Predicate<DirectAccessPoint> rule : priority) {
            Optional<DirectAccessPoint> hit = inStructure.stream().filter(rule).findFirst();
            if (hit.isPresent()) {
                return hit;
            }
        }
        return Optional.empty();
    }
}
