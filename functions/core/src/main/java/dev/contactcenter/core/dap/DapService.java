package dev.contactcenter.core.dap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.domain.Menu;
import dev.contactcenter.core.domain.Structure;
import dev.contactcenter.core.http.ApiException;
import dev.contactcenter.core.http.Fields;
import dev.contactcenter.core.menu.MenuStore;
import dev.contactcenter.core.mobileapps.AppMessageStore;
import dev.contactcenter.core.mobileapps.MobileApp;
import dev.contactcenter.core.mobileapps.MobileAppStore;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.store.StaleWriteException;
import dev.contactcenter.core.store.Transactions;
import dev.contactcenter.core.tenant.TenantCounters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Assigning direct access points to menus. A DAP, the menu's dependents count and (for a mobile-app
 * DAP) the app's per-structure slot change in one transaction, so the count stays exact and an app
 * lands at most once per structure however many requests race.
 */
public final class DapService {
    static final Set<String> FIELDS = new LinkedHashSet<>(List.of("type", "name", "mobile_app_id", "segment"));
    private static final int MAX_NAME = 100;
    static final int MAX_SEGMENT = 100;

    private final Backend backend;
    private final DapStore daps;
    private final MenuStore menus;
    private final MobileAppStore apps;
    private final AppMessageStore messages;
    private final TenantCounters counters;
    private final Transactions transactions;

    public DapService(Backend backend) {
        this.backend = backend;
        this.daps = new DapStore(backend);
        this.menus = new MenuStore(backend);
        this.apps = new MobileAppStore(backend);
        this.messages = new AppMessageStore(backend);
        this.counters = new TenantCounters(backend);
        this.transactions = new Transactions(backend);
    }

    public List<DirectAccessPoint> list(String tenantId) {
        return daps.all(tenantId).stream()
                .sorted(Comparator.comparingLong(DirectAccessPoint::id))
                .toList();
    }

    public DirectAccessPoint create(String tenantId, long menuId, ObjectNode body) {
        Fields f = new Fields(body, FIELDS);
        Optional<DirectAccessPoint.Type> type =
                f.optionalEnum("type", DirectAccessPoint.Type::fromWire, DirectAccessPoint.Type.WIRE_NAMES);
        if (!f.has("type")) {
            f.error("type", "'type' is required: one of " + String.join(", ", DirectAccessPoint.Type.WIRE_NAMES) + ".");
        }
        String name = f.requiredString("name", MAX_NAME);
        Optional<Long> appId = f.optionalInteger("mobile_app_id", 1, Fields.MAX_SAFE_INTEGER);
        Optional<String> segment = f.optionalString("segment", MAX_SEGMENT);
        boolean mobileApp = type.orElse(null) == DirectAccessPoint.Type.MOBILE_APP;
        if (mobileApp != f.has("mobile_app_id")) {
            f.error(
                    "mobile_app_id",
                    mobileApp
                            ? "'mobile_app_id' is required for a mobile_app DAP."
                            : "'mobile_app_id' is only for a mobile_app DAP.");
        }
        boolean userSegment = type.orElse(null) == DirectAccessPoint.Type.USER_SEGMENT;
        if (userSegment != f.has("segment")) {
            f.error(
                    "segment",
                    userSegment
                            ? "'segment' is required for a user_segment DAP."
                            : "'segment' is only for a user_segment DAP.");
        }
        Menu menu = menus.get(tenantId, menuId).orElseThrow(() -> ApiException.notFound("No menu " + menuId + "."));
        Optional<Structure> structure = Structure.of(menu.menuType());
        MobileApp app = null;
        if (mobileApp && f.valid()) {
            if (menu.parentId() != null) {
                f.error(
                        "type",
                        "A mobile_app DAP goes only on a top-level menu; menu " + menuId + " is below menu "
                                + menu.parentId() + ".");
            } else if (structure.isEmpty()) {
                f.error(
                        "type",
                        "A mobile_app DAP goes on a mobile_menu (the in-app structure) or an ivr_menu (PSTN fallback), not a "
                                + menu.menuType().wireName() + ".");
            } else if (structure.get() == Structure.IVR && !menu.servesLanguage("en")) {
                f.error(
                        "type",
                        "A mobile_app DAP on an IVR menu needs a menu enabled for English ('en'); menu " + menuId
                                + " is not.");
            }
            app = apps.get(tenantId, appId.get()).orElse(null);
            if (app == null) {
                f.error("mobile_app_id", "No mobile app " + appId.get() + ".");
            }
        }
        f.throwIfInvalid();
        if (app != null) {
            Optional<MobileApp.DapRef> assigned = app.dap(structure.get());
            if (assigned.isPresent()) {
                throw alreadyAssigned(app.id(), structure.get(), assigned.get());
            }
        }

        DirectAccessPoint dap = new DirectAccessPoint(
                counters.next(tenantId, TenantCounters.DIRECT_ACCESS_POINT),
                menuId,
                type.get(),
                name,
                appId.orElse(null),
                segment.orElse(null),
                structure.map(Structure::wireName).orElse("web"),
                backend.clock().instant());
        List<TransactWriteItem> actions = new ArrayList<>();
        actions.add(daps.putNew(tenantId, dap));
        actions.add(menus.adjustDependents(tenantId, menuId, 1, mobileApp));
        if (mobileApp) {
            actions.add(apps.attachDap(tenantId, dap.mobileAppId(), structure.get(), dap.id(), menuId));
        }
        OptionalInt failed = write(actions);
        if (failed.isPresent()) {
            if (failed.getAsInt() == 2) {
                // another request assigned the app first: name its DAP
                MobileApp now = apps.get(tenantId, dap.mobileAppId())
                        .orElseThrow(() -> ApiException.unprocessable(
                                "mobile_app_id", "No mobile app " + dap.mobileAppId() + "."));
                throw now.dap(structure.get())
                        .map(ref -> alreadyAssigned(now.id(), structure.get(), ref))
                        .orElseGet(
                                () -> ApiException.conflict("Mobile app " + now.id() + " changed meanwhile; retry."));
            }
            throw ApiException.conflict("Menu " + menuId + " was moved or removed meanwhile; read it again.");
        }
        return dap;
    }

    public void delete(String tenantId, long menuId, long dapId) {
        DirectAccessPoint dap = daps.get(tenantId, dapId)
                .filter(d -> d.menuId() == menuId)
                .orElseThrow(
                        () -> ApiException.notFound("No direct access point " + dapId + " on menu " + menuId + "."));
        Optional<Structure> structure = dap.type() == DirectAccessPoint.Type.MOBILE_APP
                ? Optional.of(dap.structure().equals(Structure.IN_APP.wireName()) ? Structure.IN_APP : Structure.IVR)
                : Optional.empty();
        if (structure.orElse(null) == Structure.IN_APP) {
            apps.get(tenantId, dap.mobileAppId()).filter(MobileApp::active).ifPresent(a -> {
                throw activeApp(a.id());
            });
        }
        List<TransactWriteItem> actions = new ArrayList<>();
        actions.add(daps.delete(tenantId, dap));
        actions.add(menus.adjustDependents(tenantId, menuId, -1, false));
        structure.ifPresent(s -> actions.add(apps.detachDap(tenantId, dap.mobileAppId(), s, dapId)));
        if (structure.orElse(null) == Structure.IVR) {
            // audible messages play on the app's PSTN fallback calls into its IVR DAP: they go with it
            actions.addAll(messages.removeAudible(
                    tenantId, dap.mobileAppId(), backend.clock().instant()));
        }
        OptionalInt failed = write(actions);
        if (failed.isPresent()) {
            if (failed.getAsInt() == 2
                    && apps.get(tenantId, dap.mobileAppId())
                            .map(MobileApp::active)
                            .orElse(false)) {
                throw activeApp(dap.mobileAppId());
            }
            if (failed.getAsInt() >= 3) {
                throw ApiException.conflict("The messages of mobile app " + dap.mobileAppId()
                        + " changed while its IVR direct access point was removed; retry.");
            }
            throw ApiException.conflict("Direct access point " + dapId + " changed meanwhile; read it again.");
        }
    }

    private static ApiException alreadyAssigned(long appId, Structure structure, MobileApp.DapRef ref) {
        return ApiException.conflict("Mobile app " + appId + " already has a direct access point in the "
                        + structure.wireName() + " structure: DAP " + ref.dapId() + " on menu " + ref.menuId()
                        + ". An app is assigned at most once per structure; remove that DAP first.")
                .with("existing_dap_id", ref.dapId())
                .with("existing_menu_id", ref.menuId());
    }

    private static ApiException activeApp(long appId) {
        return ApiException.conflict("Mobile app " + appId
                        + " is active and the SDK relies on its in-app DAP: deactivate the app first.")
                .with("mobile_app_id", appId);
    }

    private OptionalInt write(List<TransactWriteItem> actions) {
        try {
            return transactions.write(actions);
        } catch (StaleWriteException e) {
            throw ApiException.conflict("Concurrent changes kept colliding with this request; retry it.");
        }
    }
}
