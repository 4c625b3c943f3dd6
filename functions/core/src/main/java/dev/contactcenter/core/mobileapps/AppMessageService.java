package dev.contactcenter.core.mobileapps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.domain.Languages;
import dev.contactcenter.core.http.ApiException;
import dev.contactcenter.core.http.Fields;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.store.StaleWriteException;
import dev.contactcenter.core.store.Transactions;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** Per-app, per-language messages (Settings > Languages & Messages for one mobile app). */
public final class AppMessageService {
    /** Room for a spoken paragraph; text-to-speech prompts longer than this are a configuration mistake. */
    static final int MAX_MESSAGE = 1000;
    /** The vendor's IVR messages exist only in English. */
    static final String IVR_LANGUAGE = "en";

    private final Backend backend;
    private final MobileAppStore apps;
    private final AppMessageStore messages;
    private final Transactions transactions;

    public AppMessageService(Backend backend) {
        this.backend = backend;
        this.apps = new MobileAppStore(backend);
        this.messages = new AppMessageStore(backend);
        this.transactions = new Transactions(backend);
    }

    /**
     * The app's messages in the language; all null when none are customised yet. Without the app's IVR DAP there is
     * no audible message: removing the DAP deletes them, and one saved while the DAP was being removed is not shown.
     */
    public AppMessages get(String tenantId, long appId, String lang) {
        checkLanguage(lang);
        MobileApp app = app(tenantId, appId);
        AppMessages stored = messages.get(tenantId, appId, lang).orElse(AppMessages.none(appId, lang));
        return app.ivrDap() == null ? stored.withoutAudible() : stored;
    }

    /** Replaces the app's messages in the language: a message left out (or null) goes back to the default. */
    public AppMessages put(String tenantId, long appId, String lang, ObjectNode body) {
        checkLanguage(lang);
        Fields f = new Fields(body, new LinkedHashSet<>(AppMessages.KINDS));
        Map<String, String> texts = new LinkedHashMap<>();
        for (String kind : AppMessages.KINDS) {
            f.optionalString(kind, MAX_MESSAGE).ifPresent(text -> texts.put(kind, text));
        }
        if (texts.containsKey(AppMessages.IVR) && !lang.equals(IVR_LANGUAGE)) {
            f.error(AppMessages.IVR, "IVR messages exist only in English: put 'ivr' with lang 'en'.");
        }
        f.throwIfInvalid();
        MobileApp app = app(tenantId, appId);
        boolean audible = texts.containsKey(AppMessages.AUDIBLE);
        if (audible && app.ivrDap() == null) {
            throw noIvrDap(appId);
        }
        AppMessages updated =
                new AppMessages(appId, lang, texts, backend.clock().instant());
        OptionalInt failed;
        try {
            failed = transactions.write(
                    List.of(messages.appCondition(tenantId, appId, audible), messages.put(tenantId, updated)));
        } catch (StaleWriteException e) {
            throw ApiException.conflict("Mobile app " + appId + " kept changing while its messages were saved; retry.");
        }
        if (failed.isPresent()) {
            // the app lost its IVR DAP, or went away, since it was read
            if (apps.get(tenantId, appId).isEmpty()) {
                throw ApiException.notFound("No mobile app " + appId + ".");
            }
            throw noIvrDap(appId);
        }
        return updated;
    }

    private MobileApp app(String tenantId, long appId) {
        return apps.get(tenantId, appId).orElseThrow(() -> ApiException.notFound("No mobile app " + appId + "."));
    }

    private static void checkLanguage(String lang) {
        if (!Languages.isSupported(lang)) {
            throw ApiException.badRequest(
                    "lang", "'lang' must be one of: " + String.join(", ", Languages.SUPPORTED) + ".");
        }
    }

    private static ApiException noIvrDap(long appId) {
        return ApiException.conflict(
                        AppMessages.AUDIBLE,
                        "Audible messages play on the app's PSTN fallback calls: give mobile app " + appId
                                + " a mobile_app DAP on a top-level ivr_menu first.")
                .with("mobile_app_id", appId);
    }
}
