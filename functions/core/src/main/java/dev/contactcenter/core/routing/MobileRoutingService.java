package dev.contactcenter.core.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.domain.Menu;
import dev.contactcenter.core.domain.PhoneNumbers;
import dev.contactcenter.core.http.ApiException;
import dev.contactcenter.core.http.Fields;
import dev.contactcenter.core.menu.MenuJson;
import dev.contactcenter.core.menu.MenuStore;
import dev.contactcenter.core.mobileapps.AppMessageStore;
import dev.contactcenter.core.mobileapps.AppMessages;
import dev.contactcenter.core.mobileapps.MobileApp;
import dev.contactcenter.core.mobileapps.MobileAppScope;
import dev.contactcenter.core.mobileapps.MobileAppStore;
import dev.contactcenter.core.store.Backend;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The routing decisions of Multiple Mobile Apps that the SDK, the telephony routing and the agent
 * adapter ask for: VoIP or PSTN, what to do with an inbound call to a fallback number, where an app's
 * session may be transferred, and the SMS that sends a customer to an app. Reads only.
 */
public final class MobileRoutingService {
    static final String PLAY_MESSAGE_AND_HANG_UP = "play_message_and_hang_up";
    static final String ROUTE = "route";

    private final MobileAppStore apps;
    private final MobileAppScope scopes;
    private final MenuStore menus;
    private final AppMessageStore messages;

    public MobileRoutingService(Backend backend) {
        this.apps = new MobileAppStore(backend);
        this.scopes = new MobileAppScope(backend);
        this.menus = new MenuStore(backend);
        this.messages = new AppMessageStore(backend);
    }

    /** VoIP or the app's fallback number, for a call the SDK is about to place. */
    public ObjectNode callRoute(String tenantId, long appId, ObjectNode body) {
        Fields f = new Fields(body, Set.of("connectivity", "voip_possible"));
        Optional<BigDecimal> connectivity = f.optionalDecimal("connectivity", BigDecimal.ZERO, BigDecimal.ONE);
        if (!f.has("connectivity")) {
            f.error("connectivity", "'connectivity' is required: the data connection's quality from 0 to 1.");
        }
        Optional<Boolean> voipPossible = f.requiredBoolean("voip_possible");
        f.throwIfInvalid();
        MobileApp app = app(tenantId, appId);
        CallRoute decision;
        if (app.fallbackPhoneNumber() == null) {
            if (!voipPossible.get()) {
                throw ApiException.conflict(
                                "voip_possible",
                                "VoIP is impossible and mobile app " + appId
                                        + " has no fallback_phone_number to call instead.")
                        .with("mobile_app_id", appId);
            }
            decision = new CallRoute(CallRoute.Route.VOIP, CallRoute.Reason.NO_FALLBACK_NUMBER);
        } else {
            decision = CallRoute.decide(app.fallbackThreshold(), connectivity.get(), voipPossible.get());
        }
        ObjectNode o = Json.object()
                .put("mobile_app_id", appId)
                .put("route", decision.route().wireName());
        if (decision.route() == CallRoute.Route.PSTN) {
            o.put("number", app.fallbackPhoneNumber());
        }
        return o.put("reason", decision.reason().wireName());
    }

    /**
     * An inbound PSTN call to a number: when it is an app's fallback number, the call did not come from
     * the app and the app restricts PSTN to the app, the caller hears the app's message and the call
     * ends; otherwise it is routed, to the app's IVR DAP menu when it has one. A number shared by
     * several apps is decided by the lowest app id that restricts, else that has an IVR DAP.
     */
    public ObjectNode pstnInbound(String tenantId, ObjectNode body) {
        Fields f = new Fields(body, Set.of("to_number", "from_app"));
        String to = f.requiredString("to_number", 16);
        if (to != null && !PhoneNumbers.isE164(to)) {
            f.error("to_number", "'to_number' must be E.164 with country code, e.g. +14155550100.");
        }
        Optional<Boolean> fromApp = f.requiredBoolean("from_app");
        f.throwIfInvalid();
        List<MobileApp> owners = apps.all(tenantId).stream()
                .filter(a -> to.equals(a.fallbackPhoneNumber()))
                .sorted(Comparator.comparingLong(MobileApp::id))
                .toList();
        Optional<MobileApp> restricting = fromApp.get()
                ? Optional.empty()
                : owners.stream().filter(MobileApp::restrictPstnToApp).findFirst();
        if (restricting.isPresent()) {
            MobileApp app = restricting.get();
            ObjectNode o =
                    Json.object().put("decision", PLAY_MESSAGE_AND_HANG_UP).put("mobile_app_id", app.id());
            // the IVR message exists only in English; without one the platform's default plays
            return o.put(
                    "message",
                    messages.get(tenantId, app.id(), "en")
                            .map(m -> m.text(AppMessages.IVR))
                            .orElse(null));
        }
        Optional<MobileApp> app = owners.stream()
                .filter(a -> a.ivrDap() != null)
                .findFirst()
                .or(() -> owners.stream().findFirst());
        ObjectNode o = Json.object().put("decision", ROUTE);
        app.ifPresentOrElse(a -> o.put("mobile_app_id", a.id()), () -> o.putNull("mobile_app_id"));
        app.map(MobileApp::ivrDap).ifPresentOrElse(ref -> o.put("menu_id", ref.menuId()), () -> o.putNull("menu_id"));
        return o;
    }

    /** Whether an agent may transfer a session of the app to a queue (only inside its parent queue) or an agent (always). */
    public ObjectNode checkTransfer(String tenantId, ObjectNode body) {
        Fields f = new Fields(body, Set.of("mobile_app_id", "menu_id", "agent_id"));
        Optional<Long> appId = f.optionalInteger("mobile_app_id", 1, Fields.MAX_SAFE_INTEGER);
        if (!f.has("mobile_app_id")) {
            f.error("mobile_app_id", "'mobile_app_id' (the app the session came from) is required.");
        }
        Optional<Long> menuId = f.optionalInteger("menu_id", 1, Fields.MAX_SAFE_INTEGER);
        Optional<Long> agentId = f.optionalInteger("agent_id", 1, Fields.MAX_SAFE_INTEGER);
        if (f.has("menu_id") == f.has("agent_id")) {
            f.error("menu_id", "Give exactly one transfer target: 'menu_id' (a queue) or 'agent_id'.");
        }
        Optional<MobileApp> app = appId.flatMap(id -> apps.get(tenantId, id));
        if (appId.isPresent() && app.isEmpty()) {
            f.error("mobile_app_id", "No mobile app " + appId.get() + ".");
        }
        Optional<Menu> menu = menuId.flatMap(id -> menus.get(tenantId, id));
        if (menuId.isPresent() && menu.isEmpty()) {
            f.error("menu_id", "No menu " + menuId.get() + ".");
        }
        f.throwIfInvalid();
        MobileAppScope.Scope parent = scopes.parentQueue(tenantId, app.get());
        ObjectNode o = Json.object()
                .put("mobile_app_id", app.get().id())
                .put("parent_menu_id", parent.root().id());
        if (agentId.isPresent()) {
            return o.put("target", "agent")
                    .put("agent_id", agentId.get())
                    .put("allowed", true)
                    .put("reason", "A session can be transferred to any agent.");
        }
        boolean inside = parent.contains(menu.get());
        return o.put("target", "queue")
                .put("menu_id", menu.get().id())
                .put("allowed", inside)
                .put(
                        "reason",
                        inside
                                ? "The queue is in the app's parent queue."
                                : "Sessions of mobile app " + app.get().id() + " stay in its parent queue (menu "
                                        + parent.root().id() + "); menu "
                                        + menu.get().id() + " is outside it.");
    }

    /**
     * The queues an agent may transfer the app's sessions to: its parent queue's subtree in tree order, as a JSON
     * array of menus (written as text, as the menus list is).
     */
    public String transferDestinations(String tenantId, long appId) {
        MobileAppScope.Scope parent = scopes.parentQueue(tenantId, app(tenantId, appId));
        return MenuJson.list(scopes.menus(parent, tenantId));
    }

    /** The SMS an agent sends to get a caller into the app: its store page (install) or its deep link (open). */
    public ObjectNode smsLink(String tenantId, long appId, Optional<String> kind, Optional<String> platform) {
        SmsLinks.Kind k = kind.flatMap(SmsLinks.Kind::fromWire)
                .orElseThrow(
                        () -> ApiException.badRequest("kind", "Query parameter 'kind' must be 'install' or 'open'."));
        SmsLinks.Platform p = platform.flatMap(SmsLinks.Platform::fromWire)
                .orElseThrow(() ->
                        ApiException.badRequest("platform", "Query parameter 'platform' must be 'ios' or 'android'."));
        return SmsLinks.link(app(tenantId, appId), k, p);
    }

    private MobileApp app(String tenantId, long appId) {
        return apps.get(tenantId, appId).orElseThrow(() -> ApiException.notFound("No mobile app " + appId + "."));
    }
}
