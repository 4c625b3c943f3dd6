package dev.contactcenter.core.mobileapps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An app's customised messages in one language. A message left out is not customised: the platform's
 * default plays. {@code ivr} exists only in English; {@code audible} needs the app's IVR DAP.
 */
public record AppMessages(long mobileAppId, String lang, Map<String, String> texts, Instant updatedAt) {
    public static final String AFTER_HOURS = "after_hours";
    public static final String VOICEMAIL = "voicemail";
    public static final String IVR = "ivr";
    public static final String AUDIBLE = "audible";
    public static final String CUSTOM_CALLBACK = "custom_callback";
    public static final List<String> KINDS = List.of(AFTER_HOURS, VOICEMAIL, IVR, AUDIBLE, CUSTOM_CALLBACK);

    public AppMessages {
        texts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(texts));
    }

    public static AppMessages none(long mobileAppId, String lang) {
        return new AppMessages(mobileAppId, lang, Map.of(), null);
    }

    /** Without the audible message: what plays once the app has no IVR DAP (the platform's default). */
    public AppMessages withoutAudible() {
        if (!texts.containsKey(AUDIBLE)) {
            return this;
        }
        Map<String, String> rest = new LinkedHashMap<>(texts);
        rest.remove(AUDIBLE);
        return new AppMessages(mobileAppId, lang, rest, updatedAt);
    }

    public String text(String kind) {
        return texts.get(kind);
    }

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("mobile_app_id", mobileAppId);
        o.put("lang", lang);
        for (String kind : KINDS) {
            o.put(kind, texts.get(kind));
        }
        return o.put("updated_at", Json.timestamp(updatedAt));
    }
}
