package dev.contactcenter.testpush;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.Lazy;
import dev.contactcenter.core.crypto.KeyWrapper;
import dev.contactcenter.core.dap.DapStore;
import dev.contactcenter.core.http.ApiException;
import dev.contactcenter.core.http.Fields;
import dev.contactcenter.core.mobileapps.ApnsCredential;
import dev.contactcenter.core.mobileapps.MobileApp;
import dev.contactcenter.core.mobileapps.MobileAppService;
import dev.contactcenter.core.mobileapps.PushSecrets;
import dev.contactcenter.core.store.Backend;
import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One test notification to one device through the app's own push credentials, so an admin learns at
 * once whether pushes reach it and, if not, the provider's reason. One GetItem reads the app; an Android push
 * also reads the FCM token the function's instances share while this instance holds none ({@link SharedFcmTokens}).
 */
final class TestPushService {
    static final Set<String> FIELDS = new LinkedHashSet<>(List.of("device_token", "platform", "title", "body"));
    private static final String DEFAULT_TITLE = "Test notification";

    private final Backend backend;
    private final MobileAppService apps;
    private final PushSecrets secrets;
    // built on the first push to each platform (or in priming): a cold start that refuses the request needs neither
    private final Lazy<ApnsSender> apns;
    private final Lazy<FcmSender> fcm;
    private final PrintStream log;

    TestPushService(Backend backend, KeyWrapper keys, PushEndpoints endpoints, PrintStream log) {
        this.backend = backend;
        this.apps = new MobileAppService(backend, keys, new DapStore(backend));
        this.secrets = new PushSecrets(keys);
        this.apns = Lazy.of(() -> new ApnsSender(endpoints));
        this.fcm = Lazy.of(() -> new FcmSender(endpoints, new SharedFcmTokens(backend, keys, log), backend.clock()));
        this.log = log;
    }

    /** SnapStart: both senders built (event loop, HTTP client) before the snapshot, without sending anything. */
    void prime() {
        apns.get();
        fcm.get();
    }

    ObjectNode send(String tenantId, long appId, ObjectNode request) {
        Fields f = new Fields(request, FIELDS);
        Optional<Platform> requested = f.optionalEnum("platform", Platform::fromWire, Platform.WIRE_NAMES);
        String rawToken = f.requiredString("device_token", 4096);
        String title = f.optionalString("title", 100).orElse(DEFAULT_TITLE);
        String body = f.optionalString("body", 500).orElse(null);
        f.throwIfInvalid();

        MobileApp app = apps.get(tenantId, appId);
        Platform platform = requested.orElseGet(() -> onlyPlatform(app));
        DeviceToken token = DeviceToken.parse(platform, rawToken.strip());
        if (token == null) {
            throw ApiException.unprocessable(
                    "device_token",
                    "'device_token' does not have the shape of a device token for " + platform.wireName() + ": "
                            + DeviceToken.expected(platform) + ".");
        }
        Notification notification = new Notification(
                title, body != null ? body : "Push notifications from " + app.name() + " reach this device.");
        long started = System.nanoTime();
        PushResult result = platform == Platform.IOS
                ? apns.get().send(openApns(tenantId, app), app.iosBundleId(), token, notification)
                : fcm.get().send(openFcm(tenantId, app), token, notification);
        log(tenantId, app, platform, token, result, started);
        return result.toJson()
                .put("mobile_app_id", app.id())
                .put("platform", platform.wireName())
                .put("device_token", token.masked());
    }

    /** Without 'platform' the app's only platform; an app with both needs the caller to choose. */
    private static Platform onlyPlatform(MobileApp app) {
        if (app.iosBundleId() != null && app.androidPackageName() != null) {
            throw ApiException.unprocessable(
                    "platform",
                    "'platform' is required: mobile app " + app.id()
                            + " has both an iOS and an Android app (ios | android).");
        }
        return app.iosBundleId() != null ? Platform.IOS : Platform.ANDROID;
    }

    private PushSecrets.Apns openApns(String tenantId, MobileApp app) {
        ApnsCredential credential = app.apns();
        if (credential == null) {
            throw missing(app, "APNs", "push.apns", "an iOS bundle id and a .p8 key or push certificate");
        }
        Instant expires = credential.certificateExpiresAt();
        if (expires != null && backend.clock().instant().isAfter(expires)) {
            // APNs refuses the TLS handshake with an expired certificate: say so instead of a bare 502
            throw ApiException.conflict("The APNs certificate of mobile app " + app.id() + " expired at " + expires
                            + "; renew it in the Apple Developer portal and upload it in push.apns (PATCH).")
                    .with("certificate_expires_at", expires.toString());
        }
        return secrets.apns(tenantId, app);
    }

    private FcmAccount openFcm(String tenantId, MobileApp app) {
        if (app.fcm() == null) {
            throw missing(app, "FCM", "push.fcm", "an Android package name and a service-account key");
        }
        return new FcmAccount(tenantId, app.id(), app.fcm(), Lazy.of(() -> secrets.fcm(tenantId, app)));
    }

    private static ApiException missing(MobileApp app, String provider, String field, String what) {
        return ApiException.conflict("Mobile app " + app.id() + " has no " + provider + " credentials: give it " + what
                        + " (" + field + ", PATCH /apps/api/v1/mobile_apps/" + app.id() + ").")
                .with("field", field);
    }

    /** One line per test push: the outcome, the token only masked, never credentials. */
    private void log(
            String tenantId, MobileApp app, Platform platform, DeviceToken token, PushResult result, long started) {
        ObjectNode line = Json.object()
                .put("event", "test_push")
                .put("tenant", tenantId)
                .put("mobile_app_id", app.id())
                .put("platform", platform.wireName())
                .put("device_token", token.masked())
                .put("provider", result.provider())
                .put("delivered", result.delivered())
                .put("status_code", result.statusCode())
                .put("reason", result.reason())
                .put("latency_ms", (System.nanoTime() - started) / 1_000_000);
        log.println(Json.write(line));
    }
}
