package dev.contactcenter.testpush;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;

/**
 * What the provider answered: accepted with its message id, or refused with its reason and a hint
 * in plain words. {@code messageId} is the apns-id or the FCM message name.
 */
record PushResult(boolean delivered, String provider, int statusCode, String messageId, String reason) {
    static final String APNS = "apns";
    static final String FCM = "fcm";

    static PushResult delivered(String provider, int statusCode, String messageId) {
        return new PushResult(true, provider, statusCode, messageId, null);
    }

    static PushResult refused(String provider, int statusCode, String messageId, String reason) {
        return new PushResult(false, provider, statusCode, messageId, reason);
    }

    ObjectNode toJson() {
        ObjectNode json = Json.object()
                .put("delivered", delivered)
                .put("provider", provider)
                .put("status_code", statusCode);
        json.put("message_id", messageId);
        if (!delivered) {
            json.put("reason", reason).put("hint", ProviderHints.hint(provider, reason));
        }
        return json;
    }
}
