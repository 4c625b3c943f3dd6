package dev.contactcenter.menus;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.contactcenter.core.dap.DapMenuRules;
import dev.contactcenter.core.dap.DapStore;
import dev.contactcenter.core.domain.Languages;
import dev.contactcenter.core.domain.Menu;
import dev.contactcenter.core.domain.MenuType;
import dev.contactcenter.core.hours.HoursJson;
import dev.contactcenter.core.http.ApiException;
import dev.contactcenter.core.http.ApiRequest;
import dev.contactcenter.core.http.ApiResponse;
import dev.contactcenter.core.http.Router;
import dev.contactcenter.core.menu.MenuHours;
import dev.contactcenter.core.menu.MenuJson;
import dev.contactcenter.core.menu.MenuService;
import dev.contactcenter.core.menu.MenuStore;
import dev.contactcenter.core.mobileapps.MobileAppScope;
import dev.contactcenter.core.queue.QueueStore;
import dev.contactcenter.core.snapstart.Priming;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.tenant.TenantStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The /menus resource: the tenant's queue structure. */
public final class Menus implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private static final String COLLECTION = "/apps/api/v1/menus";
    private static final String ITEM = "/apps/api/v1/menus/{id}";
    private static final String NEXT_HOURS = "/apps/api/v1/menus/{id}/hours/next";

    private final MenuService menus;
    private final MobileAppScope appScope;
    private final Router router;

    public Menus() {
        this(Backend.fromEnvironment());
        Priming.register(this, "GET", COLLECTION, null);
    }

    public Menus(Backend backend) {
        MenuStore store = new MenuStore(backend);
        // what depends on a menu: its DAPs (checked before a move or a language change), its live queue state
        // (deleted with it)
        this.menus = new MenuService(
                backend,
                store,
                new TenantStore(backend),
                List.of(new DapMenuRules(new DapStore(backend)), new QueueStore(backend)));
        MenuHours hours = new MenuHours(store);
        this.appScope = new MobileAppScope(backend);
        this.router = new Router()
                .route("GET", COLLECTION, this::list)
                .route("POST", COLLECTION, this::create)
                .route("GET", ITEM, r -> ApiResponse.ok(MenuJson.toJson(menus.get(r.tenantId(), r.pathId("id")))))
                .route(
                        "PATCH",
                        ITEM,
                        r -> ApiResponse.ok(MenuJson.toJson(menus.patch(r.tenantId(), r.pathId("id"), r.jsonObject()))))
                .route(
                        "GET",
                        NEXT_HOURS,
                        r -> ApiResponse.ok(hours.next(
                                r.tenantId(),
                                menus.get(r.tenantId(), r.pathId("id")),
                                r.query("from").map(Menus::instant).orElseGet(backend.clock()::instant))))
                .route("DELETE", ITEM, r -> {
                    menus.delete(r.tenantId(), r.pathId("id"));
                    return ApiResponse.noContent();
                });
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return router.handle(event);
    }

    private ApiResponse list(ApiRequest r) {
        Optional<MenuType> type = r.query("menu_type")
                .map(v -> MenuType.fromWire(v)
                        .orElseThrow(() -> ApiException.badRequest(
                                "menu_type",
                                "'menu_type' must be one of: " + String.join(", ", MenuType.WIRE_NAMES) + ".")));
        Optional<String> lang = r.query("lang").map(v -> {
            if (!Languages.isSupported(v)) {
                throw ApiException.badRequest(
                        "lang", "'lang' must be one of: " + String.join(", ", Languages.SUPPORTED) + ".");
            }
            return v;
        });
        boolean tree = r.query("tree")
                .map(v -> switch (v) {
                    case "true" -> true;
                    case "false" -> false;
                    default -> throw ApiException.badRequest("tree", "'tree' must be true or false.");
                })
                .orElse(false);
        // the mobile SDK names its app and sees only that app's queues
        List<Menu> listed = r.header(MobileAppScope.HEADER)
                .map(app -> appScope.menus(appScope.resolve(r.tenantId(), app), r.tenantId()).stream()
                        .filter(m -> type.map(t -> t == m.menuType()).orElse(true)
                                && lang.map(m::servesLanguage).orElse(true))
                        .toList())
                .orElseGet(() -> menus.list(r.tenantId(), type, lang));
        return tree ? ApiResponse.ok(MenuJson.tree(listed)) : ApiResponse.okJson(MenuJson.list(listed));
    }

    private static Instant instant(String from) {
        return HoursJson.instant(from)
                .orElseThrow(() -> ApiException.badRequest(
                        "from",
                        "'from' must be an ISO-8601 date-time with an offset, such as 2026-03-08T09:30:00-05:00."));
    }

    private ApiResponse create(ApiRequest r) {
        Menu menu = menus.create(r.tenantId(), r.jsonObject());
        return ApiResponse.created(MenuJson.toJson(menu), COLLECTION + "/" + menu.id());
    }
}
