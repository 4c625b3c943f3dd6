package dev.contactcenter.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.auth.TenantAdmin;
import dev.contactcenter.core.crypto.LocalKeyWrapper;
import dev.contactcenter.core.dap.DapService;
import dev.contactcenter.core.dap.DapStore;
import dev.contactcenter.core.domain.Scope;
import dev.contactcenter.core.menu.MenuService;
import dev.contactcenter.core.mobileapps.MobileAppService;
import dev.contactcenter.core.queue.QueueEventService;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.waittimes.AccuracyStore;
import dev.contactcenter.core.webhooks.Delivery;
import dev.contactcenter.core.webhooks.EventType;
import dev.contactcenter.core.webhooks.LocalWebhooks;
import dev.contactcenter.core.webhooks.WebhookService;
import dev.contactcenter.core.webhooks.WebhookStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The "demo" tenant the samples in events/ are written for: the event-replay test and the latency bench seed it. */
public final class SampleTenant {
    public static final String ID = "demo";
    /** The credentials the samples carry. */
    public static final String KEY = "ak_demokey000000000000";

    public static final String SECRET = "sk_demosecret";

    private SampleTenant() {}

    /**
     * Demo tenant with menus 1 Support (outbound +14155550101) > 2 Billing > 3 Refunds, and 4 App (mobile); a line
     * waiting in menu 1 and mobile apps as below.
     */
    public static Backend seed(Backend backend) {
        try {
            TenantAdmin admin = new TenantAdmin(backend);
            admin.createTenant(
                    ID,
                    (ObjectNode)
                            Json.parse(
                                    "{\"global_number\":\"+14155550100\",\"phone_numbers\":[\"+14155550101\",\"+14155550102\"]}"),
                    null);
            admin.createKey(ID, KEY, SECRET, Scope.all(), "sample events");
            MenuService menus = new MenuService(backend);
            menus.create(ID, (ObjectNode) Json.parse(
                    "{\"name\":\"Support\",\"menu_type\":\"ivr_menu\",\"channels\":[\"voice_call\",\"chat\"],"
                            + "\"languages\":[\"en\",\"es\"],\"outbound_numbers\":[\"+14155550101\"]}"));
            menus.create(ID, (ObjectNode) Json.parse("{\"name\":\"Billing\",\"parent_id\":1}"));
            menus.create(ID, (ObjectNode) Json.parse("{\"name\":\"Refunds\",\"parent_id\":2}"));
            menus.create(ID, (ObjectNode) Json.parse(
                    "{\"name\":\"App\",\"menu_type\":\"mobile_menu\",\"channels\":[\"voice_call\",\"chat\"]}"));
            seedMobileApps(backend);
            seedLine(backend);
            seedWebhook(backend);
            return backend;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The failed delivery the redelivery sample names. */
    public static final String FAILED_DELIVERY = "dlv_1764547200000_00000000000000a1";

    /** Webhook endpoint 1 (every event, to a local port nothing listens on) with one failed delivery. */
    private static void seedWebhook(Backend backend) {
        WebhookService webhooks = LocalWebhooks.forBackend(backend).service(backend);
        long id = webhooks.create(
                        ID, Json.object().put("url", "http://localhost:9/hooks").put("description", "sample"))
                .endpoint()
                .id();
        Instant at = Instant.ofEpochMilli(1764547200000L);
        String event = "evt_00000000000000000000000000000a1";
        new WebhookStore(backend)
                .putNew(
                        ID,
                        new Delivery(
                                id,
                                FAILED_DELIVERY,
                                event,
                                EventType.CALL_CREATED,
                                "call#1",
                                "{\"id\":\"" + event + "\",\"type\":\"call.created\"}",
                                Delivery.Status.FAILED,
                                30,
                                at,
                                at,
                                at.plusSeconds(86_400),
                                503,
                                41L,
                                "answered HTTP 503",
                                null,
                                31));
    }

    /**
     * Menu 1's voice line: two busy agents and, queued one, two and three minutes ago, call-2001, call-2002 and
     * call-2003 (the contact the wait-for-one-contact sample asks about: third in line).
     */
    private static void seedLine(Backend backend) {
        Instant now = backend.clock().instant();
        List<ObjectNode> events = new ArrayList<>();
        for (String agent : List.of("agent-7", "agent-8")) {
            events.add(QueueFixtures.agent(
                    "seed-" + agent,
                    now.minusSeconds(600),
                    agent,
                    "busy",
                    List.of(1L),
                    List.of("voice_call"),
                    1,
                    false));
        }
        for (int i = 1; i <= 3; i++) {
            events.add(QueueFixtures.queued(
                    "seed-call-200" + i, now.minusSeconds(240 - 60L * i), "call-200" + i, 1, "voice_call", 0));
        }
        QueueEventService.BatchResult result =
                new QueueEventService(backend, new AccuracyStore(backend)).apply(ID, QueueFixtures.batch(events));
        if (result.accepted() != events.size()) {
            throw new IllegalStateException("Sample line not seeded: " + result.rejected());
        }
    }

    /**
     * Mobile app 1 (com.example.customer) active with DAP 1 on menu 4; app 2 unassigned; DAP 2, a
     * general one, on menu 2.
     */
    /**
     * The samples' mobile apps in a demo tenant that has menus 2 and 4 (4 a mobile menu): the latency bench adds
     * them to its large tenant, so the mobile-routing and test-push samples answer as in the event replay.
     */
    public static void seedMobileApps(Backend backend) throws IOException {
        // the process's wrapping key, as the handlers use: the test-push sample opens these credentials
        MobileAppService apps = new MobileAppService(backend, LocalKeyWrapper.fromEnvironment(), new DapStore(backend));
        for (String[] app :
                new String[][] {{"Customer app", "com.example.customer"}, {"Kiosk app", "com.example.kiosk"}}) {
            ObjectNode body = Json.object()
                    .put("name", app[0])
                    .put("android_package_name", app[1])
                    .put("fallback_phone_number", "+14155550101")
                    .put("fallback_threshold", 0.2);
            body.putObject("push").set("fcm", PushKeys.serviceAccount());
            apps.create(ID, body);
        }
        DapService daps = new DapService(backend);
        daps.create(ID, 4, (ObjectNode)
                Json.parse("{\"type\":\"mobile_app\",\"name\":\"Customer app\",\"mobile_app_id\":1}"));
        daps.create(ID, 2, (ObjectNode) Json.parse("{\"type\":\"general\",\"name\":\"Billing line\"}"));
        apps.setActive(ID, 1, true);
    }
}
