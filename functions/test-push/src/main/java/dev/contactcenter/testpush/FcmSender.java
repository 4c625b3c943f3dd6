package dev.contactcenter.testpush;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import java.net.URI;
import java.time.Clock;
import java.util.Map;

/** Sends through FCM HTTP v1 ({@code projects/{project_id}/messages:send}), over {@link Deadline#post}. */
final class FcmSender {
    private static final String FCM_ERROR = "type.googleapis.com/google.firebase.fcm.v1.FcmError";

    private final PushEndpoints endpoints;
    private final FcmAccessTokens tokens;

    FcmSender(PushEndpoints endpoints, SharedFcmTokens shared, Clock clock) {
        this.endpoints = endpoints;
        this.tokens = new FcmAccessTokens(endpoints, shared, clock);
    }

    PushResult send(FcmAccount account, DeviceToken token, Notification notification) {
        Deadline deadline = new Deadline(endpoints.timeout());
        FcmAccessTokens.Grant grant = tokens.token(account, deadline);
        PushResult result = attempt(account, grant, token, notification, deadline);
        if (grant.granted() && result.statusCode() == 401 && "UNAUTHENTICATED".equals(result.reason())) {
            // the cached access token was refused before its time: grant a new one and try once more
            tokens.forget(account, grant.token());
            result = attempt(account, tokens.token(account, deadline), token, notification, deadline);
        }
        return result;
    }

    private PushResult attempt(
            FcmAccount account,
            FcmAccessTokens.Grant grant,
            DeviceToken token,
            Notification notification,
            Deadline deadline) {
        if (!grant.granted()) {
            return PushResult.refused(PushResult.FCM, grant.statusCode(), null, grant.error());
        }
        ObjectNode message = Json.object();
        message.putObject("message")
                .put("token", token.value())
                .putObject("notification")
                .put("title", notification.title())
                .put("body", notification.body());
        URI uri = endpoints
                .fcmBaseUrl()
                .resolve("/v1/projects/" + account.credential().projectId() + "/messages:send");
        Deadline.Response response = deadline.post(
                uri,
                Map.of("Authorization", "Bearer " + grant.accessToken(), "Content-Type", "application/json; UTF-8"),
                Json.write(message),
                "messages:send");
        JsonNode body = json(response.body());
        if (response.statusCode() == 200) {
            return PushResult.delivered(PushResult.FCM, 200, body.path("name").asText(null));
        }
        return PushResult.refused(PushResult.FCM, response.statusCode(), null, reason(body.path("error")));
    }

    /** The FcmError code (UNREGISTERED, SENDER_ID_MISMATCH, ...) when FCM gives one, else the google.rpc status. */
    private static String reason(JsonNode error) {
        for (JsonNode detail : error.path("details")) {
            if (FCM_ERROR.equals(detail.path("@type").asText()) && detail.hasNonNull("errorCode")) {
                return detail.get("errorCode").asText();
            }
        }
        return error.path("status").asText("UNKNOWN");
    }

    /** A provider's body as JSON; anything else (an HTML error page) as an empty object. */
    static JsonNode json(String body) {
        try {
            JsonNode node = body == null || body.isBlank() ? null : Json.parse(body);
            return node == null ? Json.object() : node;
        } catch (JsonProcessingException e) {
            return Json.object();
        }
    }
}
