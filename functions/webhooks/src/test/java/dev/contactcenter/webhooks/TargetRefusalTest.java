package dev.contactcenter.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contactcenter.core.Json;
import dev.contactcenter.core.http.ApiException;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.webhooks.Delivery;
import dev.contactcenter.core.webhooks.DeliveryService;
import dev.contactcenter.core.webhooks.TargetPolicy;
import dev.contactcenter.core.webhooks.WebhookService;
import dev.contactcenter.testkit.LocalDynamo;
import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SSRF: refused at creation, and again at delivery when the name has come to resolve inward. */
class TargetRefusalTest {
    static Backend backend;
    /** What hooks.example.com resolves to now (the test plays DNS). */
    static final AtomicReference<String> DNS = new AtomicReference<>("93.184.215.14");

    static final TargetPolicy PRODUCTION_RULES = new TargetPolicy(
            host -> host.equals("hooks.example.com")
                    ? new InetAddress[] {InetAddress.getByName(DNS.get())}
                    : InetAddress.getAllByName(host),
            false);

    @BeforeAll
    static void table() {
        backend = LocalDynamo.freshBackend();
    }

    @Test
    void create_internalTargets_refusedWith422NamingUrl() throws Exception {
        try (WebhookFixture f = new WebhookFixture(backend, PRODUCTION_RULES, WebhookFixture.FAST)) {
            for (String url : new String[] {
                "https://127.0.0.1/hook",
                "https://10.20.30.40/hook",
                "https://169.254.169.254/latest/meta-data/",
                "https://[::1]/hook",
                "https://localhost/hook",
                "http://localhost:8080/hook"
            }) {
                ApiException e = assertThrows(
                        ApiException.class,
                        () -> f.service.create(f.tenant, Json.object().put("url", url)),
                        url);
                assertEquals(422, e.status());
                assertEquals("url", e.errors().get(0).field(), url);
            }
            for (String inward : new String[] {"127.0.0.1", "10.0.0.7", "169.254.169.254", "::1"}) {
                DNS.set(inward);
                ApiException e = assertThrows(
                        ApiException.class,
                        () -> f.service.create(f.tenant, Json.object().put("url", "https://hooks.example.com/in")),
                        inward);
                assertTrue(
                        e.errors()
                                .get(0)
                                .detail()
                                .contains(InetAddress.getByName(inward).getHostAddress()),
                        e.errors().get(0).detail());
            }
            DNS.set("93.184.215.14");
            assertEquals(0, f.service.list(f.tenant).size());
        }
    }

    @Test
    void attempt_nameNowResolvingInward_notSentAndRetried() throws Exception {
        try (WebhookFixture f = new WebhookFixture(backend, PRODUCTION_RULES, WebhookFixture.FAST)) {
            DNS.set("93.184.215.14");
            WebhookService.WithSecret e =
                    f.service.create(f.tenant, Json.object().put("url", "https://hooks.example.com/in"));
            Delivery d = f.pending(e.endpoint().id(), "ssrf");
            DNS.set("10.0.0.7");
            try {
                DeliveryService.Result r = f.deliveries.attempt(f.message(d));
                assertEquals(DeliveryService.Outcome.RETRY, r.outcome());
                assertTrue(
                        r.delivery().lastError().startsWith("not sent: the URL resolves to a private address 10.0.0.7"),
                        r.delivery().lastError());
                assertEquals(null, r.delivery().lastStatusCode());
            } finally {
                DNS.set("93.184.215.14");
            }
        }
    }
}
