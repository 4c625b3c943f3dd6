package dev.contactcenter.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.webhooks.Backoff;
import dev.contactcenter.core.webhooks.Delivery;
import dev.contactcenter.core.webhooks.DeliveryService;
import dev.contactcenter.core.webhooks.Endpoint;
import dev.contactcenter.core.webhooks.Signatures;
import dev.contactcenter.core.webhooks.TargetPolicy;
import dev.contactcenter.core.webhooks.WebhookService;
import dev.contactcenter.testkit.LocalDynamo;
import dev.contactcenter.testkit.MutableClock;
import dev.contactcenter.testkit.WebhookReceiver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Delivery against a real HTTP receiver: signatures, retries, timeouts, 410 and giving up. */
class DeliveryTest {
    static Backend backend;

    @BeforeAll
    static void table() {
        backend = LocalDynamo.freshBackend();
    }

    @Test
    void attempt_receiverAnswers2xx_deliveredOnceAndVerifiable() throws Exception {
        try (WebhookFixture f = new WebhookFixture(backend)) {
            WebhookService.WithSecret e = f.endpoint("/ok");
            Delivery d = f.pending(e.endpoint().id(), "1");
            f.receiver.answer(204);
            f.queue.send(f.message(d));
            f.awaitIdle(Duration.ofSeconds(10));
            Thread.sleep(200);
            List<WebhookReceiver.Received> got = f.receiver.received();
            assertEquals(1, got.size(), "no retry after a 2xx");
            WebhookReceiver.Received r = got.get(0);
            assertEquals(d.eventId(), r.id());
            assertEquals(d.body(), r.body());
            long now = Instant.now().getEpochSecond();
            assertTrue(Signatures.verify(e.secret(), r.id(), r.timestamp(), r.body(), r.signature(), now));
            assertFalse(
                    Signatures.verify(Signatures.newSecret(), r.id(), r.timestamp(), r.body(), r.signature(), now),
                    "a wrong secret fails");
            Delivery stored = f.reread(d);
            assertEquals(Delivery.Status.SUCCEEDED, stored.status());
            assertEquals(1, stored.attempts());
            assertEquals(204, stored.lastStatusCode());
        }
    }

    @Test
    void attempt_receiverAnswers500_retriedWithTheSameIdAndBody() throws Exception {
        try (WebhookFixture f = new WebhookFixture(backend)) {
            WebhookService.WithSecret e = f.endpoint("/flaky");
            Delivery d = f.pending(e.endpoint().id(), "2");
            f.receiver.answer(500).answer(503);
            f.queue.send(f.message(d));
            f.awaitIdle(Duration.ofSeconds(10));
            List<WebhookReceiver.Received> got = f.receiver.received();
            assertEquals(3, got.size());
            assertEquals(
                    Set.of(d.eventId()),
                    got.stream().map(WebhookReceiver.Received::id).collect(Collectors.toSet()));
            assertEquals(
                    Set.of(d.body()),
                    got.stream().map(WebhookReceiver.Received::body).collect(Collectors.toSet()));
            Delivery stored = f.reread(d);
            assertEquals(Delivery.Status.SUCCEEDED, stored.status());
            assertEquals(3, stored.attempts());
        }
    }

    @Test
    void attempt_receiverAnswersAfterTheTimeout_retriedAndDeduplicableById() throws Exception {
        try (WebhookFixture f = new WebhookFixture(backend)) {
            WebhookService.WithSecret e = f.endpoint("/slow");
            Delivery d = f.pending(e.endpoint().id(), "3");
            // the receiver processes the first request but answers after the sender's 2 s timeout
            f.receiver.answer(200, Duration.ofMillis(3500));
            DeliveryService.Result first = f.deliveries.attempt(f.message(d));
            assertEquals(DeliveryService.Outcome.RETRY, first.outcome());
            assertTrue(
                    first.delivery().lastError().contains("no answer within 2000 ms"),
                    first.delivery().lastError());
            assertNull(first.delivery().lastStatusCode());
            f.queue.send(f.message(d));
            f.awaitIdle(Duration.ofSeconds(10));
            List<WebhookReceiver.Received> got = f.receiver.await(2, x -> true, Duration.ofSeconds(5));
            assertEquals(2, got.size(), "at least once: the timed-out request and its retry");
            assertEquals(
                    1,
                    got.stream().map(WebhookReceiver.Received::id).distinct().count(),
                    "one event id: the receiver keeps the first and drops the duplicate");
            assertEquals(Delivery.Status.SUCCEEDED, f.reread(d).status());
        }
    }

    @Test
    void attempt_receiverAnswers410_endpointDisabledAndNothingMoreSent() throws Exception {
        try (WebhookFixture f = new WebhookFixture(backend)) {
            WebhookService.WithSecret e = f.endpoint("/gone");
            Delivery d = f.pending(e.endpoint().id(), "4");
            f.receiver.answer(410);
            f.queue.send(f.message(d));
            f.awaitIdle(Duration.ofSeconds(10));
            assertEquals(Delivery.Status.FAILED, f.reread(d).status());
            Endpoint endpoint = f.service.get(f.tenant, e.endpoint().id());
            assertFalse(endpoint.enabled());
            assertTrue(endpoint.disabledReason().contains("410"), endpoint.disabledReason());
            Delivery later = f.pending(e.endpoint().id(), "5");
            DeliveryService.Result r = f.deliveries.attempt(f.message(later));
            assertEquals(DeliveryService.Outcome.FAILED, r.outcome());
            assertEquals("the endpoint is disabled", r.delivery().lastError());
            assertEquals(1, f.receiver.received().size(), "no retry after 410, nothing sent to a disabled endpoint");
        }
    }

    @Test
    void attempt_failingForTheWholeWindow_givenUpAndEndpointDisabledAfterRepeatedFailures() throws Exception {
        // the clock moves by each retry's delay: an hour of retries (1 min doubling to 10 min) without waiting it
        MutableClock clock = new MutableClock(Instant.now());
        Backend timed = new Backend(backend.dynamo(), backend.table(), clock);
        Backoff hour = new Backoff(Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofHours(1));
        try (WebhookFixture f = new WebhookFixture(timed, TargetPolicy.localRuntime(), hour)) {
            WebhookService.WithSecret e = f.endpoint("/down");
            for (int i = 0; i < 100; i++) {
                f.receiver.answer(500);
            }
            for (int i = 0; i < DeliveryService.DISABLE_AFTER_FAILED_DELIVERIES; i++) {
                Delivery d = f.pending(e.endpoint().id(), "down-" + i);
                DeliveryService.Result r = f.deliveries.attempt(f.message(d));
                while (r.outcome() == DeliveryService.Outcome.RETRY) {
                    assertTrue(
                            r.retryAfter().compareTo(hour.cap()) <= 0,
                            r.retryAfter().toString());
                    clock.advance(r.retryAfter());
                    r = f.deliveries.attempt(f.message(d));
                }
                assertEquals(DeliveryService.Outcome.FAILED, r.outcome());
                Delivery stored = f.reread(d);
                assertEquals(Delivery.Status.FAILED, stored.status());
                assertTrue(stored.attempts() >= 5, "retried through the hour before giving up: " + stored.attempts());
                assertEquals(500, stored.lastStatusCode());
                assertTrue(!stored.lastAttemptAt().isAfter(stored.retryFrom().plus(hour.window())));
                assertEquals(
                        i < DeliveryService.DISABLE_AFTER_FAILED_DELIVERIES - 1,
                        f.service.get(f.tenant, e.endpoint().id()).enabled(),
                        "after delivery " + i);
            }
            assertTrue(
                    f.service.get(f.tenant, e.endpoint().id()).disabledReason().contains("HTTP 500"));
        }
    }

    @Test
    void rotateSecret_bothSecretsSignFor24Hours_thenOnlyTheNewOne() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        Backend timed = new Backend(backend.dynamo(), backend.table(), clock);
        try (WebhookFixture f = new WebhookFixture(timed)) {
            WebhookService.WithSecret created = f.endpoint("/rotating");
            WebhookService.WithSecret rotated =
                    f.service.rotate(f.tenant, created.endpoint().id());
            assertFalse(created.secret().equals(rotated.secret()));
            Delivery ping = f.service.test(f.tenant, created.endpoint().id());
            assertEquals(Delivery.Status.SUCCEEDED, ping.status());
            WebhookReceiver.Received r = f.receiver.received().get(0);
            long now = clock.instant().getEpochSecond();
            assertEquals(2, r.signature().split(" ").length, r.signature());
            assertTrue(Signatures.verify(rotated.secret(), r.id(), r.timestamp(), r.body(), r.signature(), now));
            assertTrue(Signatures.verify(created.secret(), r.id(), r.timestamp(), r.body(), r.signature(), now));
            assertFalse(Signatures.verify(Signatures.newSecret(), r.id(), r.timestamp(), r.body(), r.signature(), now));

            clock.advance(WebhookService.ROTATION_OVERLAP.plusSeconds(1));
            f.service.test(f.tenant, created.endpoint().id());
            WebhookReceiver.Received after = f.receiver.received().get(1);
            long later = clock.instant().getEpochSecond();
            assertEquals(1, after.signature().split(" ").length, after.signature());
            assertTrue(Signatures.verify(
                    rotated.secret(), after.id(), after.timestamp(), after.body(), after.signature(), later));
            assertFalse(Signatures.verify(
                    created.secret(), after.id(), after.timestamp(), after.body(), after.signature(), later));
        }
    }
}
