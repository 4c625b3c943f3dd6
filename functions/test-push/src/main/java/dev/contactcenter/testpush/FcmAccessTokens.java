package dev.contactcenter.testpush;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.mobileapps.PushSecrets;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OAuth2 access tokens for FCM from a service account: the JWT bearer grant (RFC 7523), an RS256
 * assertion signed with the JDK. A granted token serves until shortly before it expires: kept in
 * memory per service-account key, and shared with the function's other instances through
 * {@link SharedFcmTokens}, so a run of test pushes costs one grant an hour, however many instances
 * serve it, and a new instance signs nothing while a shared token is good.
 */
final class FcmAccessTokens {
    static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
    /** Renew this long before expiry, so a token never lapses between cache and FCM. */
    private static final Duration MARGIN = Duration.ofMinutes(5);

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    /** A granted token, or Google's refusal (status and OAuth2 error, e.g. invalid_grant). */
    record Grant(SharedFcmTokens.Token token, int statusCode, String error) {
        boolean granted() {
            return token != null;
        }

        String accessToken() {
            return token.accessToken();
        }
    }

    private final PushEndpoints endpoints;
    private final SharedFcmTokens shared;
    private final Clock clock;
    private final Map<String, SharedFcmTokens.Token> cache = new ConcurrentHashMap<>();

    FcmAccessTokens(PushEndpoints endpoints, SharedFcmTokens shared, Clock clock) {
        this.endpoints = endpoints;
        this.shared = shared;
        this.clock = clock;
    }

    Grant token(FcmAccount account, Deadline deadline) {
        String fingerprint = account.credential().fingerprint();
        SharedFcmTokens.Token cached = cache.get(fingerprint);
        if (cached != null && clock.instant().isBefore(cached.renewAt())) {
            return new Grant(cached, 200, null);
        }
        SharedFcmTokens.Token sharedToken = shared.read(account).orElse(null);
        if (sharedToken != null) {
            cache.put(fingerprint, sharedToken);
            return new Grant(sharedToken, 200, null);
        }
        Deadline.Response response = deadline.post(
                endpoints.fcmTokenUri(),
                Map.of("Content-Type", "application/x-www-form-urlencoded"),
                "grant_type=" + URLEncoder.encode("urn:ietf:params:oauth:grant-type:jwt-bearer", StandardCharsets.UTF_8)
                        + "&assertion=" + assertion(account.secrets().get()),
                "the OAuth2 token endpoint");
        JsonNode body = FcmSender.json(response.body());
        if (response.statusCode() != 200 || !body.path("access_token").isTextual()) {
            return new Grant(null, response.statusCode(), body.path("error").asText("token_request_failed"));
        }
        Instant expires = clock.instant().plusSeconds(body.path("expires_in").asLong(3600));
        SharedFcmTokens.Token granted =
                SharedFcmTokens.Token.granted(body.get("access_token").asText(), expires.minus(MARGIN));
        cache.put(fingerprint, granted);
        shared.share(account, granted, expires);
        return new Grant(granted, 200, null);
    }

    /** FCM turned the token down before its time (revoked, key rotated): the next call grants a new one. */
    void forget(FcmAccount account, SharedFcmTokens.Token refused) {
        cache.remove(account.credential().fingerprint(), refused);
        shared.forget(account, refused);
    }

    /** The signed JWT: the service account asks, for the FCM scope, to the token endpoint, for an hour. */
    private String assertion(PushSecrets.Fcm account) {
        long now = clock.instant().getEpochSecond();
        var header = Json.object().put("alg", "RS256").put("typ", "JWT");
        if (account.credential().privateKeyId() != null) {
            header.put("kid", account.credential().privateKeyId());
        }
        var claims = Json.object()
                .put("iss", account.credential().clientEmail())
                .put("scope", SCOPE)
                .put("aud", endpoints.fcmTokenUri().toString())
                .put("iat", now)
                .put("exp", now + 3600);
        String signingInput = B64.encodeToString(Json.write(header).getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(Json.write(claims).getBytes(StandardCharsets.UTF_8));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(account.key());
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Service-account assertion cannot be signed", e);
        }
    }
}
