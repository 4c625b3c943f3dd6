package dev.contactcenter.core.mobileapps;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.domain.Structure;
import java.util.List;

/** The mobile app as admins see it: push credentials only as summaries, never key material. */
public final class MobileAppJson {
    private MobileAppJson() {}

    public static ObjectNode toJson(MobileApp a) {
        ObjectNode o = Json.object();
        o.put("id", a.id());
        o.put("name", a.name());
        o.put("ios_bundle_id", a.iosBundleId());
        o.put("android_package_name", a.androidPackageName());
        o.put("status", a.status().wireName());
        if (a.status() == MobileApp.Status.UNASSIGNED) {
            o.put("status_reason", MobileAppService.UNASSIGNED_REASON);
        }
        o.put("sms_enabled", a.smsEnabled());
        o.put("app_store_url", a.appStoreUrl());
        o.put("play_store_url", a.playStoreUrl());
        o.put("fallback_phone_number", a.fallbackPhoneNumber());
        if (a.fallbackThreshold() == null) {
            o.putNull("fallback_threshold");
        } else {
            o.put("fallback_threshold", a.fallbackThreshold());
        }
        o.put("restrict_pstn_to_app", a.restrictPstnToApp());
        ObjectNode push = o.putObject("push");
        ObjectNode apns = push.putObject("apns").put("configured", a.apns() != null);
        if (a.apns() != null) {
            ApnsCredential c = a.apns();
            apns.put("kind", c.kind()).put("environment", c.environment());
            if (c.keyId() != null) {
                apns.put("key_id", c.keyId()).put("team_id", c.teamId());
            }
            if (c.topic() != null) {
                apns.put("topic", c.topic()).put("certificate_expires_at", Json.timestamp(c.certificateExpiresAt()));
            }
            apns.put("fingerprint", c.fingerprint());
        }
        ObjectNode fcm = push.putObject("fcm").put("configured", a.fcm() != null);
        if (a.fcm() != null) {
            fcm.put("kind", "service_account")
                    .put("project_id", a.fcm().projectId())
                    .put("client_email", a.fcm().clientEmail())
                    .put("private_key_id", a.fcm().privateKeyId())
                    .put("fingerprint", a.fcm().fingerprint());
        }
        ObjectNode daps = o.putObject("direct_access_points");
        dap(daps, Structure.IN_APP.wireName(), a.inAppDap());
        dap(daps, Structure.IVR.wireName(), a.ivrDap());
        o.put("created_at", Json.timestamp(a.createdAt()));
        o.put("updated_at", Json.timestamp(a.updatedAt()));
        return o;
    }

    public static ArrayNode list(List<MobileApp> apps) {
        ArrayNode array = Json.array();
        apps.forEach(a -> array.add(toJson(a)));
        return array;
    }

    private static void dap(ObjectNode daps, String structure, MobileApp.DapRef ref) {
        if (ref == null) {
            daps.putNull(structure);
        } else {
            daps.putObject(structure).put("id", ref.dapId()).put("menu_id", ref.menuId());
        }
    }
}
