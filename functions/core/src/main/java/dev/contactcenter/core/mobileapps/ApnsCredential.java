package dev.contactcenter.core.mobileapps;

import dev.contactcenter.core.crypto.Envelope;
import java.time.Instant;

/**
 * An app's APNs credential as stored: what may be shown (kind, ids, topic, expiry, fingerprint) in the
 * clear, the key itself only sealed. {@code kind} is "token" (.p8 key) or "certificate".
 */
public record ApnsCredential(
        String kind,
        String keyId,
        String teamId,
        String environment,
        String topic,
        Instant certificateExpiresAt,
        String fingerprint,
        Envelope.Sealed sealed) {
    public static final String TOKEN = "token";
    public static final String CERTIFICATE = "certificate";

    public ApnsCredential sealedWith(Envelope.Sealed s) {
        return new ApnsCredential(kind, keyId, teamId, environment, topic, certificateExpiresAt, fingerprint, s);
    }
}
