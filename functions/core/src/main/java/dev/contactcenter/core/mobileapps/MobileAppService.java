package dev.contactcenter.core.mobileapps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.crypto.Envelope;
import dev.contactcenter.core.crypto.KeyWrapper;
import dev.contactcenter.core.domain.PhoneNumbers;
import dev.contactcenter.core.http.ApiException;
import dev.contactcenter.core.http.Fields;
import dev.contactcenter.core.menu.MenuStore;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.store.StaleWriteException;
import dev.contactcenter.core.store.Transactions;
import dev.contactcenter.core.tenant.TenantCounters;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/** Registering, editing, activating and removing the tenant's mobile apps. */
public final class MobileAppService {
    static final Set<String> FIELDS = new LinkedHashSet<>(List.of(
            "name",
            "ios_bundle_id",
            "android_package_name",
            "sms_enabled",
            "app_store_url",
            "play_store_url",
            "fallback_phone_number",
            "fallback_threshold",
            "restrict_pstn_to_app",
            "push"));
    private static final int MAX_NAME = 100;
    /** Apple: alphanumerics, '-' and '.', reverse-DNS. */
    private static final Pattern BUNDLE_ID = Pattern.compile("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");
    /** Android: at least two segments, each starting with a letter. */
    private static final Pattern PACKAGE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)+");

    static final String UNASSIGNED_REASON = "The app has no in-app direct access point yet: assign it to a top-level "
            + "mobile_menu (POST /apps/api/v1/menus/{id}/direct_access_points) before activating it.";

    private final Backend backend;
    private final MobileAppStore apps;
    private final AppDapRemoval daps;
    private final AppMessageStore messages;
    private final MenuStore menus;
    private final TenantCounters counters;
    private final Transactions transactions;
    private final Envelope envelope;

    public MobileAppService(Backend backend, KeyWrapper keys, AppDapRemoval daps) {
        this.backend = backend;
        this.apps = new MobileAppStore(backend);
        this.daps = daps;
        this.messages = new AppMessageStore(backend);
        this.menus = new MenuStore(backend);
        this.counters = new TenantCounters(backend);
        this.transactions = new Transactions(backend);
        this.envelope = new Envelope(keys);
    }

    public MobileApp get(String tenantId, long id) {
        return apps.get(tenantId, id).orElseThrow(() -> ApiException.notFound("No mobile app " + id + "."));
    }

    /** The tenant's apps by name, optionally only those with one status. */
    public List<MobileApp> list(String tenantId, Optional<MobileApp.Status> status) {
        return apps.all(tenantId).stream()
                .filter(a -> status.map(s -> s == a.status()).orElse(true))
                .sorted(Comparator.comparing((MobileApp a) -> MobileApp.nameKey(a.name()))
                        .thenComparingLong(MobileApp::id))
                .toList();
    }

    public MobileApp create(String tenantId, ObjectNode body) {
        Fields f = new Fields(body, FIELDS);
        Draft draft = draft(f, null);
        f.throwIfInvalid();
        long id = counters.next(tenantId, TenantCounters.MOBILE_APP);
        Instant now = backend.clock().instant();
        MobileApp app = draft.build(tenantId, id, null, 0, now, now);
        List<TransactWriteItem> actions = new ArrayList<>();
        List<String> fieldOf = new ArrayList<>();
        actions.add(apps.putNew(tenantId, app));
        fieldOf.add(null);
        addClaims(tenantId, app, null, actions, fieldOf);
        write(tenantId, actions, fieldOf, "The app");
        return app;
    }

    public MobileApp patch(String tenantId, long id, ObjectNode body) {
        Fields f = new Fields(body, FIELDS);
        MobileApp current = get(tenantId, id);
        Draft draft = draft(f, current);
        f.throwIfInvalid();
        MobileApp updated = draft.build(
                tenantId,
                id,
                current,
                current.version() + 1,
                current.createdAt(),
                backend.clock().instant());
        List<TransactWriteItem> actions = new ArrayList<>();
        List<String> fieldOf = new ArrayList<>();
        actions.add(apps.putChanged(tenantId, updated, current.version()));
        fieldOf.add(null);
        addClaims(tenantId, updated, current, actions, fieldOf);
        write(tenantId, actions, fieldOf, "Mobile app " + id);
        return updated;
    }

    /** Removes an inactive (or unassigned) app with its claims, its direct access points and its messages. */
    public void delete(String tenantId, long id) {
        MobileApp app = get(tenantId, id);
        if (app.active()) {
            throw ApiException.conflict("Mobile app " + id + " is active; deactivate it first.");
        }
        List<TransactWriteItem> actions = new ArrayList<>();
        actions.add(apps.delete(tenantId, app));
        actions.add(apps.release(tenantId, MobileAppStore.nameSk(MobileApp.nameKey(app.name())), id));
        for (String key : app.identifierKeys()) {
            actions.add(apps.release(tenantId, MobileAppStore.identifierSk(key), id));
        }
        for (MobileApp.DapRef ref : new MobileApp.DapRef[] {app.inAppDap(), app.ivrDap()}) {
            if (ref != null) {
                actions.addAll(daps.remove(tenantId, ref));
                actions.add(menus.adjustDependents(tenantId, ref.menuId(), -1, false));
            }
        }
        actions.addAll(messages.deleteAll(tenantId, id));
        if (writeFailed(actions)) {
            throw ApiException.conflict("Mobile app " + id + " changed while it was deleted; read it again and retry.");
        }
    }

    /** Activation needs the in-app DAP: the SDK's menus are the subtree under it. */
    public MobileApp setActive(String tenantId, long id, boolean active) {
        MobileApp app = get(tenantId, id);
        if (active && app.inAppDap() == null) {
            throw ApiException.conflict(UNASSIGNED_REASON)
                    .with("app_status", app.status().wireName());
        }
        if (!apps.setActive(tenantId, id, active)) {
            MobileApp now = get(tenantId, id);
            throw ApiException.conflict(
                            active && now.inAppDap() == null
                                    ? UNASSIGNED_REASON
                                    : "Mobile app " + id + " changed meanwhile; read it again.")
                    .with("app_status", now.status().wireName());
        }
        return get(tenantId, id);
    }

    public static Map<String, String> sealContext(String tenantId, long appId, String credential) {
        return Map.of("tenant_id", tenantId, "mobile_app_id", Long.toString(appId), "credential", credential);
    }

    private void addClaims(
            String tenantId, MobileApp app, MobileApp before, List<TransactWriteItem> actions, List<String> fieldOf) {
        String name = MobileApp.nameKey(app.name());
        if (before == null || !name.equals(MobileApp.nameKey(before.name()))) {
            if (before != null) {
                actions.add(apps.release(tenantId, MobileAppStore.nameSk(MobileApp.nameKey(before.name())), app.id()));
                fieldOf.add(null);
            }
            actions.add(apps.claim(tenantId, MobileAppStore.nameSk(name), app.id()));
            fieldOf.add("name");
        }
        Set<String> old = before == null ? Set.of() : before.identifierKeys();
        for (String key : old) {
            if (!app.identifierKeys().contains(key)) {
                actions.add(apps.release(tenantId, MobileAppStore.identifierSk(key), app.id()));
                fieldOf.add(null);
            }
        }
        for (String key : app.identifierKeys()) {
            if (!old.contains(key)) {
                actions.add(apps.claim(tenantId, MobileAppStore.identifierSk(key), app.id()));
                fieldOf.add(
                        app.iosBundleId() != null
                                        && MobileApp.identifierKey(app.iosBundleId())
                                                .equals(key)
                                ? "ios_bundle_id"
                                : "android_package_name");
            }
        }
    }

    /** Runs the transaction; a taken claim becomes a 409 naming the field and the app that holds it. */
    private void write(String tenantId, List<TransactWriteItem> actions, List<String> fieldOf, String subject) {
        OptionalInt failed;
        try {
            failed = transactions.write(actions);
        } catch (StaleWriteException e) {
            throw ApiException.conflict(subject + " was changed concurrently; read it again and retry.");
        }
        if (failed.isEmpty()) {
            return;
        }
        String field = fieldOf.get(failed.getAsInt());
        if (field == null) {
            throw ApiException.conflict(subject + " was changed concurrently; read it again and retry.");
        }
        String claimSk = actions.get(failed.getAsInt()).put().item().get("SK").s();
        Optional<Long> holder = apps.claimHolder(tenantId, claimSk);
        String detail = "'" + field + "' is already used by "
                + holder.map(h -> "mobile app " + h).orElse("another mobile app") + " of this tenant"
                + (field.equals("name") ? " (names are compared ignoring case)." : ".");
        ApiException e = ApiException.conflict(field, detail);
        holder.ifPresent(h -> e.with("mobile_app_id", h));
        throw e;
    }

    private boolean writeFailed(List<TransactWriteItem> actions) {
        try {
            return transactions.write(actions).isPresent();
        } catch (StaleWriteException e) {
            return true;
        }
    }

    /** The validated fields of a create or patch, with new push secrets still to be sealed. */
    private record Draft(
            String name,
            String iosBundleId,
            String androidPackageName,
            boolean smsEnabled,
            String appStoreUrl,
            String playStoreUrl,
            String fallbackPhoneNumber,
            BigDecimal fallbackThreshold,
            boolean restrictPstnToApp,
            ApnsCredential keptApns,
            PushCredentials.Parsed<ApnsCredential> newApns,
            FcmCredential keptFcm,
            PushCredentials.Parsed<FcmCredential> newFcm,
            Envelope envelope) {

        MobileApp build(String tenantId, long id, MobileApp current, long version, Instant createdAt, Instant now) {
            ApnsCredential apns = newApns == null
                    ? keptApns
                    : newApns.credential()
                            .sealedWith(envelope.seal(newApns.secret(), sealContext(tenantId, id, "apns")));
            FcmCredential fcm = newFcm == null
                    ? keptFcm
                    : newFcm.credential().sealedWith(envelope.seal(newFcm.secret(), sealContext(tenantId, id, "fcm")));
            return new MobileApp(
                    id,
                    name,
                    iosBundleId,
                    androidPackageName,
                    smsEnabled,
                    appStoreUrl,
                    playStoreUrl,
                    fallbackPhoneNumber,
                    fallbackThreshold,
                    restrictPstnToApp,
                    apns,
                    fcm,
                    current == null ? null : current.inAppDap(),
                    current == null ? null : current.ivrDap(),
                    current != null && current.active(),
                    version,
                    createdAt,
                    now);
        }
    }

    /** Reads the fields over the current app (null on create): absent keeps, null clears. */
    private Draft draft(Fields f, MobileApp current) {
        Instant now = backend.clock().instant();
        String name = current == null || f.has("name") ? f.requiredString("name", MAX_NAME) : current.name();
        String ios = nullable(f, "ios_bundle_id", 155, current == null ? null : current.iosBundleId());
        if (ios != null && f.has("ios_bundle_id") && !BUNDLE_ID.matcher(ios).matches()) {
            f.error(
                    "ios_bundle_id",
                    "'ios_bundle_id' must be a reverse-DNS bundle id such as com.example.app (A-Z, a-z, 0-9, '-', '.').");
        }
        String android =
                nullable(f, "android_package_name", 255, current == null ? null : current.androidPackageName());
        if (android != null
                && f.has("android_package_name")
                && !PACKAGE_NAME.matcher(android).matches()) {
            f.error(
                    "android_package_name",
                    "'android_package_name' must be a package name such as com.example.app "
                            + "(segments start with a letter; A-Z, a-z, 0-9, '_').");
        }
        if (ios == null && android == null && f.valid()) {
            f.error("ios_bundle_id", "At least one of 'ios_bundle_id' and 'android_package_name' is required.");
        }
        boolean sms = f.optionalBoolean("sms_enabled").orElse(current != null && current.smsEnabled());
        String appStore = nullable(f, "app_store_url", 500, current == null ? null : current.appStoreUrl());
        String playStore = nullable(f, "play_store_url", 500, current == null ? null : current.playStoreUrl());
        storeUrl(f, "app_store_url", appStore, Set.of("apps.apple.com", "itunes.apple.com"), "/");
        storeUrl(f, "play_store_url", playStore, Set.of("play.google.com"), "/store/apps/");
        if (sms && ios != null && appStore == null && !f.has("app_store_url")) {
            f.error(
                    "app_store_url",
                    "'app_store_url' (https://apps.apple.com/...) is required when sms_enabled is on for an iOS app.");
        }
        if (sms && android != null && playStore == null && !f.has("play_store_url")) {
            f.error(
                    "play_store_url",
                    "'play_store_url' (https://play.google.com/store/apps/...) is required when sms_enabled is on for an Android app.");
        }
        String number =
                nullable(f, "fallback_phone_number", 16, current == null ? null : current.fallbackPhoneNumber());
        if (number != null && f.has("fallback_phone_number") && !PhoneNumbers.isE164(number)) {
            f.error(
                    "fallback_phone_number",
                    "'fallback_phone_number' must be E.164 with country code, e.g. +14155550100.");
        }
        BigDecimal threshold = threshold(f, current == null ? null : current.fallbackThreshold());
        if (number != null && threshold == null && !f.has("fallback_threshold")) {
            f.error("fallback_threshold", "'fallback_threshold' (0 to 1) is required with a fallback_phone_number.");
        } else if (number == null && threshold != null) {
            f.error("fallback_threshold", "'fallback_threshold' only applies with a fallback_phone_number.");
        }
        boolean restrict =
                f.optionalBoolean("restrict_pstn_to_app").orElse(current != null && current.restrictPstnToApp());

        // push: a member replaces that credential, null removes it, absent keeps it; a platform's
        // credential goes with its identifier
        ApnsCredential keptApns = ios == null || current == null ? null : current.apns();
        FcmCredential keptFcm = android == null || current == null ? null : current.fcm();
        PushCredentials.Parsed<ApnsCredential> newApns = null;
        PushCredentials.Parsed<FcmCredential> newFcm = null;
        if (f.has("push")) {
            JsonNode push = f.raw("push");
            if (!push.isObject()) {
                f.error("push", "'push' must be an object with 'apns' and/or 'fcm'.");
            } else {
                for (Iterator<String> it = push.fieldNames(); it.hasNext(); ) {
                    String member = it.next();
                    if (!member.equals("apns") && !member.equals("fcm")) {
                        f.error("push." + member, "Unknown field 'push." + member + "'. Allowed: apns, fcm.");
                    }
                }
                if (push.has("apns")) {
                    keptApns = null;
                    if (!push.get("apns").isNull()) {
                        if (ios == null) {
                            f.error("push.apns", "'push.apns' needs an ios_bundle_id.");
                        } else {
                            newApns = PushCredentials.apns(f, push.get("apns"), ios, now)
                                    .orElse(null);
                        }
                    }
                }
                if (push.has("fcm")) {
                    keptFcm = null;
                    if (!push.get("fcm").isNull()) {
                        if (android == null) {
                            f.error("push.fcm", "'push.fcm' needs an android_package_name.");
                        } else {
                            newFcm = PushCredentials.fcm(f, push.get("fcm")).orElse(null);
                        }
                    }
                }
            }
        }
        if (keptApns != null
                && ApnsCredential.CERTIFICATE.equals(keptApns.kind())
                && !keptApns.topic().equalsIgnoreCase(ios)) {
            f.error(
                    "ios_bundle_id",
                    "The stored APNs certificate is for '" + keptApns.topic()
                            + "'; give a certificate or .p8 key for the new bundle id in push.apns.");
        }
        boolean pushGiven = f.has("push") && f.raw("push").isObject();
        if (ios != null
                && keptApns == null
                && newApns == null
                && !(pushGiven && f.raw("push").hasNonNull("apns"))) {
            f.error(
                    "push.apns",
                    "'push.apns' is required for an iOS app: a .p8 key (p8_key, key_id, team_id) or a push certificate.");
        }
        if (android != null
                && keptFcm == null
                && newFcm == null
                && !(pushGiven && f.raw("push").hasNonNull("fcm"))) {
            f.error("push.fcm", "'push.fcm' is required for an Android app: an FCM HTTP v1 service-account JSON key.");
        }
        return new Draft(
                name, ios, android, sms, appStore, playStore, number, threshold, restrict, keptApns, newApns, keptFcm,
                newFcm, envelope);
    }

    private static String nullable(Fields f, String field, int maxLength, String currentValue) {
        if (!f.has(field)) {
            return currentValue;
        }
        return f.isNull(field) ? null : f.optionalString(field, maxLength).orElse(null);
    }

    private static void storeUrl(Fields f, String field, String url, Set<String> hosts, String pathPrefix) {
        if (url == null || !f.has(field)) {
            return;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            uri = null;
        }
        if (uri == null
                || !"https".equals(uri.getScheme())
                || uri.getHost() == null
                || !hosts.contains(uri.getHost().toLowerCase(java.util.Locale.ROOT))
                || uri.getPath() == null
                || !uri.getPath().startsWith(pathPrefix)) {
            f.error(field, "'" + field + "' must be an https URL on " + String.join(" or ", hosts) + ".");
        }
    }

    private static BigDecimal threshold(Fields f, BigDecimal currentValue) {
        if (!f.has("fallback_threshold")) {
            return currentValue;
        }
        return f.optionalDecimal("fallback_threshold", BigDecimal.ZERO, BigDecimal.ONE)
                .map(BigDecimal::stripTrailingZeros)
                .orElse(null);
    }
}
