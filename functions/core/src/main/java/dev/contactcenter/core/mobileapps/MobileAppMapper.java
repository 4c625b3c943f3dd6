package dev.contactcenter.core.mobileapps;

import dev.contactcenter.core.crypto.Envelope;
import dev.contactcenter.core.store.Attr;
import dev.contactcenter.core.store.TableDesign;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The mobile-app item, attribute by attribute. Push secrets are stored only as sealed envelopes. */
public final class MobileAppMapper {
    public static final String ITEM_TYPE = "mobile_app";

    private MobileAppMapper() {}

    public static Map<String, AttributeValue> toItem(String tenantId, MobileApp a) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TableDesign.PK, Attr.s(MobileAppStore.pk(tenantId)));
        item.put(TableDesign.SK, Attr.s(MobileAppStore.appSk(a.id())));
        item.put("type", Attr.s(ITEM_TYPE));
        item.put("id", Attr.n(a.id()));
        item.put("name", Attr.s(a.name()));
        putIfSet(item, "ios_bundle_id", a.iosBundleId());
        putIfSet(item, "android_package_name", a.androidPackageName());
        item.put("sms_enabled", Attr.bool(a.smsEnabled()));
        putIfSet(item, "app_store_url", a.appStoreUrl());
        putIfSet(item, "play_store_url", a.playStoreUrl());
        putIfSet(item, "fallback_phone_number", a.fallbackPhoneNumber());
        if (a.fallbackThreshold() != null) {
            item.put(
                    "fallback_threshold",
                    AttributeValue.builder()
                            .n(a.fallbackThreshold().toPlainString())
                            .build());
        }
        item.put("restrict_pstn_to_app", Attr.bool(a.restrictPstnToApp()));
        if (a.apns() != null) {
            item.put("apns", AttributeValue.builder().m(apns(a.apns())).build());
        }
        if (a.fcm() != null) {
            item.put("fcm", AttributeValue.builder().m(fcm(a.fcm())).build());
        }
        if (a.inAppDap() != null) {
            item.put(MobileAppStore.IN_APP_DAP_ID, Attr.n(a.inAppDap().dapId()));
            item.put(MobileAppStore.IN_APP_MENU_ID, Attr.n(a.inAppDap().menuId()));
        }
        if (a.ivrDap() != null) {
            item.put(MobileAppStore.IVR_DAP_ID, Attr.n(a.ivrDap().dapId()));
            item.put(MobileAppStore.IVR_MENU_ID, Attr.n(a.ivrDap().menuId()));
        }
        item.put("active", Attr.bool(a.active()));
        item.put("version", Attr.n(a.version()));
        item.put("created_at", Attr.s(a.createdAt().toString()));
        item.put("updated_at", Attr.s(a.updatedAt().toString()));
        return item;
    }

    public static MobileApp fromItem(Map<String, AttributeValue> item) {
        AttributeValue threshold = item.get("fallback_threshold");
        return new MobileApp(
                Attr.number(item, "id", 0),
                Attr.string(item, "name"),
                Attr.string(item, "ios_bundle_id"),
                Attr.string(item, "android_package_name"),
                Attr.bool(item, "sms_enabled", false),
                Attr.string(item, "app_store_url"),
                Attr.string(item, "play_store_url"),
                Attr.string(item, "fallback_phone_number"),
                threshold == null ? null : new BigDecimal(threshold.n()),
                Attr.bool(item, "restrict_pstn_to_app", false),
                item.containsKey("apns") ? apns(item.get("apns").m()) : null,
                item.containsKey("fcm") ? fcm(item.get("fcm").m()) : null,
                dap(item, MobileAppStore.IN_APP_DAP_ID, MobileAppStore.IN_APP_MENU_ID),
                dap(item, MobileAppStore.IVR_DAP_ID, MobileAppStore.IVR_MENU_ID),
                Attr.bool(item, "active", false),
                Attr.number(item, "version", 0),
                Instant.parse(Attr.string(item, "created_at")),
                Instant.parse(Attr.string(item, "updated_at")));
    }

    private static Map<String, AttributeValue> apns(ApnsCredential c) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("kind", Attr.s(c.kind()));
        putIfSet(m, "key_id", c.keyId());
        putIfSet(m, "team_id", c.teamId());
        m.put("environment", Attr.s(c.environment()));
        putIfSet(m, "topic", c.topic());
        if (c.certificateExpiresAt() != null) {
            m.put("certificate_expires_at", Attr.s(c.certificateExpiresAt().toString()));
        }
        m.put("fingerprint", Attr.s(c.fingerprint()));
        m.put("sealed", sealed(c.sealed()));
        return m;
    }

    private static ApnsCredential apns(Map<String, AttributeValue> m) {
        String expires = Attr.string(m, "certificate_expires_at");
        return new ApnsCredential(
                Attr.string(m, "kind"),
                Attr.string(m, "key_id"),
                Attr.string(m, "team_id"),
                Attr.string(m, "environment"),
                Attr.string(m, "topic"),
                expires == null ? null : Instant.parse(expires),
                Attr.string(m, "fingerprint"),
                sealed(m.get("sealed").m()));
    }

    private static Map<String, AttributeValue> fcm(FcmCredential c) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("project_id", Attr.s(c.projectId()));
        m.put("client_email", Attr.s(c.clientEmail()));
        putIfSet(m, "private_key_id", c.privateKeyId());
        m.put("fingerprint", Attr.s(c.fingerprint()));
        m.put("sealed", sealed(c.sealed()));
        return m;
    }

    private static FcmCredential fcm(Map<String, AttributeValue> m) {
        return new FcmCredential(
                Attr.string(m, "project_id"),
                Attr.string(m, "client_email"),
                Attr.string(m, "private_key_id"),
                Attr.string(m, "fingerprint"),
                sealed(m.get("sealed").m()));
    }

    /** A sealed secret as a map attribute: ciphertext, wrapped data key, the key that wrapped it. */
    public static AttributeValue sealed(Envelope.Sealed s) {
        return AttributeValue.builder()
                .m(Map.of(
                        "ciphertext",
                                AttributeValue.builder()
                                        .b(SdkBytes.fromByteArray(s.ciphertext()))
                                        .build(),
                        "wrapped_key",
                                AttributeValue.builder()
                                        .b(SdkBytes.fromByteArray(s.wrappedKey()))
                                        .build(),
                        "wrapping_key_id", Attr.s(s.wrappingKeyId())))
                .build();
    }

    public static Envelope.Sealed sealed(Map<String, AttributeValue> m) {
        return new Envelope.Sealed(
                m.get("ciphertext").b().asByteArray(),
                m.get("wrapped_key").b().asByteArray(),
                Attr.string(m, "wrapping_key_id"));
    }

    private static MobileApp.DapRef dap(Map<String, AttributeValue> item, String dapId, String menuId) {
        Long dap = Attr.numberOrNull(item, dapId);
        return dap == null ? null : new MobileApp.DapRef(dap, Attr.number(item, menuId, 0));
    }

    private static void putIfSet(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, Attr.s(value));
        }
    }
}
