package dev.contactcenter.testpush;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.eatthepath.pushy.apns.server.RejectionReason;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.auth.TenantAdmin;
import dev.contactcenter.core.crypto.KeyWrapper;
import dev.contactcenter.core.crypto.LocalKeyWrapper;
import dev.contactcenter.core.dap.DapStore;
import dev.contactcenter.core.mobileapps.MobileAppService;
import dev.contactcenter.core.mobileapps.MobileAppStore;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.store.TableDesign;
import dev.contactcenter.testkit.ApiEvents;
import dev.contactcenter.testkit.FakeApns;
import dev.contactcenter.testkit.FakeFcm;
import dev.contactcenter.testkit.LocalDynamo;
import dev.contactcenter.testkit.MutableClock;
import dev.contactcenter.testkit.PushKeys;
import dev.contactcenter.testkit.TestCertificates;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** TestPush against APNs and FCM played on localhost: pushy's MockApnsServer over TLS and a fake token/FCM server. */
class TestPushTest {
    static final String ROUTE = "/apps/api/v1/mobile_apps/{id}/test_push";
    static final SecureRandom RANDOM = new SecureRandom();
    /** Apps of tenant acme: 1 iOS .p8 sandbox, 2 iOS certificate production, 3 Android, 4 both, 5 iOS certificate expiring in a day. */
    static final long IOS_TOKEN = 1, IOS_CERT = 2, ANDROID = 3, BOTH = 4, CERT_EXPIRING = 5;

    static FakeApns apns;
    static FakeFcm fcm;
    static MutableClock clock = new MutableClock(Instant.now());
    static Backend backend;
    static KeyWrapper keys = LocalKeyWrapper.generated();
    static ByteArrayOutputStream logged = new ByteArrayOutputStream();
    static TestPush handler;

    @BeforeAll
    static void providersAndApps() throws Exception {
        apns = FakeApns.start(0);
        fcm = FakeFcm.start(0);
        backend = LocalDynamo.freshBackend(clock);
        handler = new TestPush(
                backend,
                keys,
                endpoints(apns.port(), Duration.ofSeconds(3)),
                new PrintStream(logged, true, StandardCharsets.UTF_8));
        new TenantAdmin(backend).createTenant("acme", Json.object(), null);
        MobileAppService apps = new MobileAppService(backend, keys, new DapStore(backend));
        KeyPair certKeys = TestCertificates.rsaKeyPair();
        apps.create(
                "acme",
                app("Token app", "com.example.ios", null, PushKeys.apnsToken().put("environment", "sandbox"), null));
        apps.create(
                "acme",
                app(
                        "Cert app",
                        "com.example.cert",
                        null,
                        Json.object()
                                .put("environment", "production")
                                .put("certificate_pem", TestCertificates.validFor(certKeys, "com.example.cert")),
                        null));
        apps.create("acme", app("Android app", null, "com.example.android", null, PushKeys.serviceAccount()));
        apps.create(
                "acme",
                app(
                        "Both app",
                        "com.example.both",
                        "com.example.both",
                        PushKeys.apnsToken(),
                        PushKeys.serviceAccount()));
        apps.create(
                "acme",
                app(
                        "Expiring app",
                        "com.example.expiring",
                        null,
                        Json.object()
                                .put("environment", "production")
                                .put(
                                        "certificate_pem",
                                        TestCertificates.pushCertificate(
                                                certKeys,
                                                "com.example.expiring",
                                                "Apple Push Services: com.example.expiring",
                                                Instant.now().minus(Duration.ofDays(30)),
                                                Instant.now().plus(Duration.ofDays(1)),
                                                null)),
                        null));
    }

    @AfterAll
    static void stop() {
        apns.close();
        fcm.close();
    }

    /** Sandbox on "localhost", production on "127.0.0.1": both the mock, told apart by the :authority APNs sees. */
    static PushEndpoints endpoints(int apnsPort, Duration timeout) throws Exception {
        return new PushEndpoints(
                "127.0.0.1",
                "localhost",
                apnsPort,
                new X509Certificate[] {TestCertificates.ca().certificate()},
                URI.create(fcm.tokenUri()),
                URI.create(fcm.baseUrl()),
                timeout);
    }

    static ObjectNode app(
            String name, String bundleId, String packageName, ObjectNode apnsCredential, ObjectNode fcmCredential) {
        ObjectNode body = Json.object().put("name", name);
        ObjectNode push = body.putObject("push");
        if (bundleId != null) {
            body.put("ios_bundle_id", bundleId);
            push.set("apns", apnsCredential);
        }
        if (packageName != null) {
            body.put("android_package_name", packageName);
            push.set("fcm", fcmCredential);
        }
        return body;
    }

    static String apnsToken() {
        byte[] token = new byte[32];
        RANDOM.nextBytes(token);
        return HexFormat.of().formatHex(token);
    }

    static String fcmToken() {
        byte[] bytes = new byte[110];
        RANDOM.nextBytes(bytes);
        return "dXk3" + ":APA91b"
                + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    APIGatewayProxyResponseEvent push(TestPush handler, long appId, ObjectNode body) {
        return handler.handleRequest(
                ApiEvents.request("POST", ROUTE)
                        .admin("acme")
                        .path("id", appId)
                        .body(Json.write(body))
                        .build(),
                null);
    }

    JsonNode push(long appId, ObjectNode body, int expectedStatus) throws Exception {
        APIGatewayProxyResponseEvent r = push(handler, appId, body);
        assertEquals(expectedStatus, r.getStatusCode(), r.getBody());
        if (expectedStatus >= 400) {
            assertEquals("application/problem+json", r.getHeaders().get("Content-Type"));
        }
        return Json.parse(r.getBody());
    }

    static ObjectNode to(String token) {
        return Json.object().put("device_token", token);
    }

    FakeFcm.Message lastFcm() {
        List<FakeFcm.Message> messages = fcm.messages();
        return messages.get(messages.size() - 1);
    }

    /** Another instance of the function: its own memory, the same table and keys. */
    static TestPush newInstance() throws Exception {
        return new TestPush(
                backend,
                keys,
                endpoints(apns.port(), Duration.ofSeconds(3)),
                new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
    }

    static Map<String, AttributeValue> sharedTokenItem(long appId) {
        return backend.dynamo()
                .getItem(b -> b.tableName(backend.table())
                        .key(Map.of(
                                TableDesign.PK, AttributeValue.fromS(MobileAppStore.pk("acme")),
                                TableDesign.SK, AttributeValue.fromS("FCMTOKEN#" + TableDesign.paddedId(appId))))
                        .consistentRead(true))
                .item();
    }

    FakeApns.Received lastApns() {
        List<FakeApns.Received> received = apns.received();
        return received.get(received.size() - 1);
    }

    @Test
    void iosTokenKeyPushReachesTheSandboxHostAsAnAlertForTheBundleIdReusingTheSignedToken() throws Exception {
        String token = apnsToken();
        JsonNode r = push(IOS_TOKEN, to(token).put("title", "Hello").put("body", "It works"), 200);
        assertTrue(r.get("delivered").asBoolean());
        assertEquals("apns", r.get("provider").asText());
        assertEquals(200, r.get("status_code").asInt());
        assertEquals(36, r.get("message_id").asText().length(), "the apns-id, a UUID");
        assertEquals("ios", r.get("platform").asText());
        assertFalse(r.toString().contains(token), "the device token is shown masked only");

        FakeApns.Received first = lastApns();
        assertEquals(token, first.deviceToken());
        assertEquals("com.example.ios", first.topic());
        assertEquals("alert", first.pushType());
        assertTrue(first.authority().startsWith("localhost"), "sandbox host: " + first.authority());
        assertTrue(first.authorization().startsWith("bearer "), "token-based auth: " + first.authorization());
        assertNull(first.clientCertificate());
        JsonNode aps = Json.parse(first.payload()).get("aps");
        assertEquals("Hello", aps.at("/alert/title").asText());
        assertEquals("It works", aps.at("/alert/body").asText());

        push(IOS_TOKEN, to(apnsToken()), 200);
        assertEquals(first.authorization(), lastApns().authorization(), "the signed token is reused while valid");
        assertFalse(logged.toString(StandardCharsets.UTF_8).contains(token), "the log has no full device token");
    }

    @Test
    void iosCertificatePushAuthenticatesWithTheCertificateAtTheProductionHost() throws Exception {
        JsonNode r = push(IOS_CERT, to(apnsToken()), 200);
        assertTrue(r.get("delivered").asBoolean());
        FakeApns.Received received = lastApns();
        assertTrue(received.authority().startsWith("127.0.0.1"), "production host: " + received.authority());
        assertNull(received.authorization());
        assertTrue(
                received.clientCertificate().contains("Apple Push Services: com.example.cert"),
                received.clientCertificate());
        assertEquals("com.example.cert", received.topic());
    }

    @ParameterizedTest
    @CsvSource({
        "BAD_DEVICE_TOKEN, BadDeviceToken, 400",
        "UNREGISTERED, Unregistered, 410",
        "TOPIC_DISALLOWED, TopicDisallowed, 400",
        "EXPIRED_PROVIDER_TOKEN, ExpiredProviderToken, 403",
        "DEVICE_TOKEN_NOT_FOR_TOPIC, DeviceTokenNotForTopic, 400"
    })
    void apnsRejectionsComeBackWithReasonAndHint(RejectionReason rejection, String reason, int status)
            throws Exception {
        String token = apnsToken();
        apns.reject(token, rejection);
        JsonNode r = push(IOS_TOKEN, to(token), 200);
        assertFalse(r.get("delivered").asBoolean());
        assertEquals("apns", r.get("provider").asText());
        assertEquals(status, r.get("status_code").asInt());
        assertEquals(reason, r.get("reason").asText());
        assertFalse(r.get("hint").asText().startsWith("See the"), "a specific hint for " + reason);
    }

    @Test
    void androidPushGoesToTheProjectWithAGrantedAccessTokenThatIsReused() throws Exception {
        int grants = fcm.assertions().size();
        String token = fcmToken();
        JsonNode r = push(ANDROID, to(token).put("title", "Hi"), 200);
        assertTrue(r.get("delivered").asBoolean(), r.toString());
        assertEquals("fcm", r.get("provider").asText());
        assertEquals(200, r.get("status_code").asInt());
        assertTrue(r.get("message_id").asText().startsWith("projects/demo-app-12345/messages/"), r.toString());

        FakeFcm.Message message = fcm.messages().get(fcm.messages().size() - 1);
        assertEquals("demo-app-12345", message.projectId());
        assertEquals(token, message.deviceToken());
        assertEquals("Hi", message.body().at("/message/notification/title").asText());
        JsonNode claims = fcm.assertions().get(fcm.assertions().size() - 1);
        assertEquals(
                "firebase-adminsdk@demo-app-12345.iam.gserviceaccount.com",
                claims.get("iss").asText());
        assertEquals(fcm.tokenUri(), claims.get("aud").asText());
        assertEquals(FcmAccessTokens.SCOPE, claims.get("scope").asText());

        push(ANDROID, to(fcmToken()), 200);
        assertTrue(fcm.assertions().size() - grants <= 1, "one grant serves both pushes");
    }

    @ParameterizedTest
    @CsvSource({"UNREGISTERED, 404", "SENDER_ID_MISMATCH, 403", "INVALID_ARGUMENT, 400"})
    void fcmRejectionsComeBackWithTheFcmErrorCodeAndHint(String code, int status) throws Exception {
        String token = fcmToken();
        fcm.fail(token, code);
        JsonNode r = push(ANDROID, to(token), 200);
        assertFalse(r.get("delivered").asBoolean());
        assertEquals(status, r.get("status_code").asInt());
        assertEquals(code, r.get("reason").asText());
        assertFalse(r.get("hint").asText().startsWith("See the"));
    }

    @Test
    void anAccessTokenRefusedAsExpiredIsReplacedByANewGrant() throws Exception {
        push(ANDROID, to(fcmToken()), 200);
        int grants = fcm.assertions().size();
        fcm.expireAccessTokens();
        JsonNode r = push(ANDROID, to(fcmToken()), 200);
        assertTrue(r.get("delivered").asBoolean(), r.toString());
        assertEquals(grants + 1, fcm.assertions().size());
        List<FakeFcm.Message> messages = fcm.messages();
        assertFalse(
                messages.get(messages.size() - 1)
                        .authorization()
                        .equals(messages.get(messages.size() - 2).authorization()),
                "the retry carries the new token");
    }

    @Test
    void aNewInstancePushesWithTheTokenAnotherInstanceWasGrantedWithoutAGrantOfItsOwn() throws Exception {
        push(ANDROID, to(fcmToken()), 200);
        int grants = fcm.assertions().size();
        String bearer = lastFcm().authorization();

        APIGatewayProxyResponseEvent r = push(newInstance(), ANDROID, to(fcmToken()));
        assertEquals(200, r.getStatusCode(), r.getBody());
        assertTrue(Json.parse(r.getBody()).get("delivered").asBoolean(), r.getBody());
        assertEquals(grants, fcm.assertions().size(), "no assertion signed, no grant asked");
        assertEquals(bearer, lastFcm().authorization());
    }

    @Test
    void theSharedTokenIsStoredSealedAndTheTableForgetsItWhenItExpires() throws Exception {
        push(ANDROID, to(fcmToken()), 200);
        String accessToken = lastFcm().authorization().substring("Bearer ".length());
        Map<String, AttributeValue> item = sharedTokenItem(ANDROID);

        assertFalse(item.toString().contains(accessToken), "only sealed: " + item);
        assertEquals("fcm_token", item.get("type").s());
        long expiresAt = Long.parseLong(item.get(TableDesign.EXPIRES_AT).n());
        long renewAt = Long.parseLong(item.get("renew_at").n());
        long now = clock.instant().getEpochSecond();
        assertTrue(expiresAt > now && expiresAt <= now + 3600, "TTL within the token's hour: " + item);
        assertEquals(expiresAt - 300, renewAt);
    }

    @Test
    void aSharedTokenGrantedForAnotherServiceAccountKeyIsNotUsed() throws Exception {
        push(ANDROID, to(fcmToken()), 200);
        int grants = fcm.assertions().size();
        String bearer = lastFcm().authorization();
        Map<String, AttributeValue> item = new HashMap<>(sharedTokenItem(ANDROID));
        item.put("fingerprint", AttributeValue.fromS("SHA256:a-key-since-replaced"));
        backend.dynamo().putItem(b -> b.tableName(backend.table()).item(item));

        assertEquals(200, push(newInstance(), ANDROID, to(fcmToken())).getStatusCode());
        assertEquals(grants + 1, fcm.assertions().size(), "the new instance was granted its own token");
        assertNotEquals(bearer, lastFcm().authorization());
    }

    @Test
    void aSharedTokenThatDoesNotOpenIsReplacedWithoutFailingThePush() throws Exception {
        push(ANDROID, to(fcmToken()), 200);
        int grants = fcm.assertions().size();
        Map<String, AttributeValue> item = new HashMap<>(sharedTokenItem(ANDROID));
        Map<String, AttributeValue> sealed = new HashMap<>(item.get("sealed").m());
        byte[] ciphertext = sealed.get("ciphertext").b().asByteArray();
        ciphertext[ciphertext.length - 1] ^= 1;
        sealed.put("ciphertext", AttributeValue.fromB(SdkBytes.fromByteArray(ciphertext)));
        item.put("sealed", AttributeValue.fromM(sealed));
        backend.dynamo().putItem(b -> b.tableName(backend.table()).item(item));

        APIGatewayProxyResponseEvent r = push(newInstance(), ANDROID, to(fcmToken()));
        assertEquals(200, r.getStatusCode(), r.getBody());
        assertTrue(Json.parse(r.getBody()).get("delivered").asBoolean(), r.getBody());
        assertEquals(grants + 1, fcm.assertions().size(), "granted anew");
        assertNotEquals(item.get("grant_id"), sharedTokenItem(ANDROID).get("grant_id"), "and shared again");
    }

    @Test
    void aTokenThatCannotBeSharedStillDeliversAndTheFailureIsLogged() throws Exception {
        KeyWrapper withoutNewKeys = new KeyWrapper() {
            @Override
            public DataKey newDataKey(Map<String, String> context) {
                throw SdkClientException.create("kms:GenerateDataKey is not allowed");
            }

            @Override
            public byte[] unwrap(byte[] wrapped, String wrappingKeyId, Map<String, String> context) {
                return keys.unwrap(wrapped, wrappingKeyId, context);
            }
        };
        Map<String, AttributeValue> shared = sharedTokenItem(ANDROID);
        if (!shared.isEmpty()) {
            backend.dynamo()
                    .deleteItem(b -> b.tableName(backend.table())
                            .key(Map.of(
                                    TableDesign.PK,
                                    shared.get(TableDesign.PK),
                                    TableDesign.SK,
                                    shared.get(TableDesign.SK))));
        }
        ByteArrayOutputStream instanceLog = new ByteArrayOutputStream();
        TestPush instance = new TestPush(
                backend,
                withoutNewKeys,
                endpoints(apns.port(), Duration.ofSeconds(3)),
                new PrintStream(instanceLog, true, StandardCharsets.UTF_8));
        int grants = fcm.assertions().size();

        APIGatewayProxyResponseEvent r = push(instance, ANDROID, to(fcmToken()));
        assertEquals(200, r.getStatusCode(), r.getBody());
        assertTrue(Json.parse(r.getBody()).get("delivered").asBoolean(), r.getBody());
        assertEquals(grants + 1, fcm.assertions().size());
        assertTrue(sharedTokenItem(ANDROID).isEmpty(), "nothing shared");
        String logged = instanceLog.toString(StandardCharsets.UTF_8);
        assertTrue(
                logged.contains("\"event\":\"fcm_token_cache_unavailable\"") && logged.contains("\"step\":\"share\""),
                logged);
        assertFalse(logged.contains(lastFcm().authorization().substring("Bearer ".length())), "no token in the log");
    }

    @Test
    void aSharedTokenFcmRefusesIsReplacedForEveryInstance() throws Exception {
        push(ANDROID, to(fcmToken()), 200);
        fcm.expireAccessTokens();
        int grants = fcm.assertions().size();
        assertEquals(200, push(newInstance(), ANDROID, to(fcmToken())).getStatusCode());
        assertEquals(grants + 1, fcm.assertions().size());
        String replaced = lastFcm().authorization();

        // the first instance's own copy is refused once, then it finds the replacement shared
        JsonNode r = push(ANDROID, to(fcmToken()), 200);
        assertTrue(r.get("delivered").asBoolean(), r.toString());
        assertEquals(grants + 1, fcm.assertions().size(), "the replacement serves the other instance too");
        assertEquals(replaced, lastFcm().authorization());
    }

    @Test
    void anAccessTokenIsRenewedShortlyBeforeItExpires() throws Exception {
        push(ANDROID, to(fcmToken()), 200);
        int grants = fcm.assertions().size();
        clock.advance(Duration.ofMinutes(56));
        push(ANDROID, to(fcmToken()), 200);
        assertEquals(grants + 1, fcm.assertions().size());
    }

    @Test
    void aRefusedServiceAccountKeyIsAFailedDeliveryWithGooglesReason() throws Exception {
        clock.advance(Duration.ofHours(2)); // past any cached token
        fcm.refuseGrant("invalid_grant");
        try {
            JsonNode r = push(ANDROID, to(fcmToken()), 200);
            assertFalse(r.get("delivered").asBoolean());
            assertEquals("invalid_grant", r.get("reason").asText());
            assertTrue(r.get("hint").asText().contains("new key"));
        } finally {
            fcm.refuseGrant(null);
        }
    }

    @Test
    void anExpiredPushCertificateIs409WithoutContactingApns() throws Exception {
        int before = apns.received().size();
        MutableClock later = new MutableClock(Instant.now().plus(Duration.ofDays(2)));
        TestPush afterExpiry = new TestPush(
                new Backend(backend.dynamo(), backend.table(), later),
                keys,
                endpoints(apns.port(), Duration.ofSeconds(3)));
        APIGatewayProxyResponseEvent r = push(afterExpiry, CERT_EXPIRING, to(apnsToken()));
        assertEquals(409, r.getStatusCode(), r.getBody());
        assertTrue(Json.parse(r.getBody()).has("certificate_expires_at"));
        assertEquals(200, push(handler, CERT_EXPIRING, to(apnsToken())).getStatusCode(), "valid until then");
        assertEquals(before + 1, apns.received().size());
    }

    @Test
    void aSilentApnsServerIs502WithinTheTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 10, java.net.InetAddress.getLoopbackAddress())) {
            TestPush slow = new TestPush(backend, keys, endpoints(silent.getLocalPort(), Duration.ofSeconds(1)));
            long started = System.nanoTime();
            APIGatewayProxyResponseEvent r = push(slow, IOS_TOKEN, to(apnsToken()));
            long ms = (System.nanoTime() - started) / 1_000_000;
            assertEquals(502, r.getStatusCode(), r.getBody());
            assertEquals("apns", Json.parse(r.getBody()).get("provider").asText());
            assertTrue(r.getBody().contains("no answer within 1000 ms"), r.getBody());
            assertTrue(ms < 3000, "bounded: " + ms + " ms");
        }
    }

    @Test
    void anUnreachableApnsIs502NamingTheCause() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        TestPush nowhere = new TestPush(backend, keys, endpoints(closedPort, Duration.ofSeconds(2)));
        APIGatewayProxyResponseEvent r = push(nowhere, IOS_TOKEN, to(apnsToken()));
        assertEquals(502, r.getStatusCode(), r.getBody());
        assertTrue(r.getBody().toLowerCase().contains("refused"), r.getBody());
    }

    @Test
    void aSlowFcmIs502WithinTheTimeout() throws Exception {
        TestPush slow = new TestPush(backend, keys, endpoints(apns.port(), Duration.ofSeconds(1)));
        fcm.delay(Duration.ofSeconds(3));
        try {
            long started = System.nanoTime();
            APIGatewayProxyResponseEvent r = push(slow, ANDROID, to(fcmToken()));
            long ms = (System.nanoTime() - started) / 1_000_000;
            assertEquals(502, r.getStatusCode(), r.getBody());
            assertEquals("fcm", Json.parse(r.getBody()).get("provider").asText());
            assertTrue(ms < 2500, "bounded: " + ms + " ms");
        } finally {
            fcm.delay(Duration.ZERO);
        }
    }

    @Test
    void aPlatformWithoutCredentialsIs409() throws Exception {
        JsonNode r = push(ANDROID, to(apnsToken()).put("platform", "ios"), 409);
        assertEquals("push.apns", r.get("field").asText());
        assertEquals(
                "push.fcm",
                push(IOS_TOKEN, to(fcmToken()).put("platform", "android"), 409)
                        .get("field")
                        .asText());
    }

    @Test
    void badlyShapedDeviceTokensAre422BeforeAnythingIsSent() throws Exception {
        int sent = apns.received().size() + fcm.messages().size();
        for (String bad : List.of("xyz", "abcd".repeat(15), apnsToken() + "0", "<" + apnsToken() + ">")) {
            JsonNode r = push(IOS_TOKEN, to(bad), 422);
            assertEquals("device_token", r.get("field").asText());
        }
        assertEquals(
                "device_token",
                push(ANDROID, to("short:token"), 422).get("field").asText());
        assertEquals(
                "device_token",
                push(ANDROID, to(fcmToken() + " with spaces"), 422).get("field").asText());
        assertEquals(
                "device_token", push(ANDROID, Json.object(), 422).get("field").asText());
        assertEquals(
                "platform",
                push(ANDROID, to(fcmToken()).put("platform", "windows"), 422)
                        .get("field")
                        .asText());
        assertEquals(sent, apns.received().size() + fcm.messages().size());
    }

    @Test
    void anAppWithBothPlatformsNeedsThePlatform() throws Exception {
        assertEquals("platform", push(BOTH, to(apnsToken()), 422).get("field").asText());
        assertEquals(
                "apns",
                push(BOTH, to(apnsToken()).put("platform", "ios"), 200)
                        .get("provider")
                        .asText());
        assertEquals(
                "fcm",
                push(BOTH, to(fcmToken()).put("platform", "android"), 200)
                        .get("provider")
                        .asText());
    }

    @Test
    void anUnknownAppIs404() throws Exception {
        push(99, to(apnsToken()), 404);
    }
}
