package dev.contactcenter.apitests;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.auth.Scope;
import dev.contactcenter.core.auth.TenantAdmin;
import dev.contactcenter.core.crypto.LocalKeyWrapper;
import dev.contactcenter.core.dap.DapService;
import dev.contactcenter.core.domain.PublishableKey;
import dev.contactcenter.core.menu.MenuService;
import dev.contactcenter.core.mobileapps.MobileAppService;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.store.PublishableKeyStore;
import dev.contactcenter.testkit.FakeFcm;
import dev.contactcenter.testkit.LocalDynamo;
import dev.contactcenter.testkit.PushKeys;
import dev.contactcenter.testkit.TemplateRoutes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Replays the files in events/ (the samples for `sam local invoke`) through the handler template.yaml routes
 * each to: each folder in file-name order against its own freshly seeded demo tenant, so a folder's samples
 * may build on each other (create, then read).
 */
final class SampleReplay {
    /** The credentials the samples carry: ak_demokey000000000000 / sk_demosecret, and the widget's publishable key. */
    static final String DEMO_KEY = "ak_demokey000000000000";
    static final String DEMO_SECRET = "sk_demosecret";
    static final String DEMO_PUBLISHABLE_KEY = "pk_demowidget000000000000";
    /**
     * The test-push sample sends an Android push: FCM (token and messages endpoints) is played on
     * localhost, and the handler reads where it is when it is built.
     */
    static final FakeFcm FCM = FakeFcm.start(0);

    static {
        System.setProperty("fcm.token.uri", FCM.tokenUri());
        System.setProperty("fcm.base.url", FCM.baseUrl());
    }

    /** A proxy sample and what its handler answered. */
    record Replayed(TemplateRoutes.Route route, APIGatewayProxyRequestEvent request, APIGatewayProxyResponseEvent response) {
    }

    final TemplateRoutes template = TemplateRoutes.readDefault();
    final Path events = Handlers.projectRoot().resolve("events");
    private final Map<Path, Handlers> perFolder = new HashMap<>();

    List<Path> files() throws IOException {
        try (Stream<Path> walk = Files.walk(events)) {
            return walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    static boolean isAuthorizerSample(Path file) throws IOException {
        return Json.parse(Files.readString(file)).has("methodArn");
    }

    IamPolicyResponseV1 authorize(Path file) {
        APIGatewayCustomAuthorizerEvent event = EventLoader.loadEvent(file.toString(), APIGatewayCustomAuthorizerEvent.class);
        return (IamPolicyResponseV1) handlers(file).forClass(template.authorizer().handlerClass()).handleRequest(event, null);
    }

    Replayed replay(Path file) {
        APIGatewayProxyRequestEvent event = EventLoader.loadApiGatewayRestEvent(file.toString());
        TemplateRoutes.Route route = template.routes().stream()
                .filter(r -> r.method().equals(event.getHttpMethod()) && r.path().equals(event.getResource()))
                .findFirst().orElseThrow(() -> new AssertionError(file + " names no template route"));
        APIGatewayProxyResponseEvent response = (APIGatewayProxyResponseEvent) handlers(file)
                .forClass(route.handlerClass()).handleRequest(event, null);
        return new Replayed(route, event, response);
    }

    private Handlers handlers(Path file) {
        return perFolder.computeIfAbsent(file.getParent(), folder -> new Handlers(seededDemo()));
    }

    /**
     * Demo tenant with menus 1 Support (outbound +14155550101) > 2 Billing > 3 Refunds, and 4 App (mobile);
     * mobile apps as below; the publishable key for https://www.example.com.
     */
    static Backend seededDemo() {
        try {
            return seed(LocalDynamo.freshBackend());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Backend seed(Backend backend) throws IOException {
        TenantAdmin admin = new TenantAdmin(backend);
        admin.createTenant("demo", (ObjectNode) Json.parse(
                "{\"global_number\":\"+14155550100\",\"phone_numbers\":[\"+14155550101\",\"+14155550102\"]}"), null);
        admin.createKey("demo", DEMO_KEY, DEMO_SECRET, Scope.all(), "sample events");
        new PublishableKeyStore(backend).create(new PublishableKey(DEMO_PUBLISHABLE_KEY, "demo", List.of("https://www.example.com"),
                false, "sample events", Instant.parse("2026-11-23T00:00:00Z")));
        MenuService menus = new MenuService(backend);
        menus.create("demo", (ObjectNode) Json.parse("{\"name\":\"Support\",\"menu_type\":\"ivr_menu\",\"channels\":[\"voice_call\",\"chat\"],"
                + "\"languages\":[\"en\",\"es\"],\"outbound_numbers\":[\"+14155550101\"]}"));
        menus.create("demo", (ObjectNode) Json.parse("{\"name\":\"Billing\",\"parent_id\":1}"));
        menus.create("demo", (ObjectNode) Json.parse("{\"name\":\"Refunds\",\"parent_id\":2}"));
        menus.create("demo", (ObjectNode) Json.parse("{\"name\":\"App\",\"menu_type\":\"mobile_menu\",\"channels\":[\"voice_call\",\"chat\"]}"));
        seedMobileApps(backend);
        return backend;
    }

    /**
     * Mobile app 1 (com.example.customer) active with DAP 1 on menu 4; app 2 unassigned; DAP 2, a
     * general one, on menu 2.
     */
    static void seedMobileApps(Backend backend) throws IOException {
        // the process's wrapping key, as the handlers use: the test-push sample opens these credentials
        MobileAppService apps = new MobileAppService(backend, LocalKeyWrapper.fromEnvironment());
        for (String[] app : new String[][]{{"Customer app", "com.example.customer"}, {"Kiosk app", "com.example.kiosk"}}) {
            ObjectNode body = Json.object().put("name", app[0]).put("android_package_name", app[1])
                    .put("fallback_phone_number", "+14155550101").put("fallback_threshold", 0.2);
            body.putObject("push").set("fcm", PushKeys.serviceAccount());
            apps.create("demo", body);
        }
        DapService daps = new DapService(backend);
        daps.create("demo", 4, (ObjectNode) Json.parse("{\"type\":\"mobile_app\",\"name\":\"Customer app\",\"mobile_app_id\":1}"));
        daps.create("demo", 2, (ObjectNode) Json.parse("{\"type\":\"general\",\"name\":\"Billing line\"}"));
        apps.setActive("demo", 1, true);
    }
}
