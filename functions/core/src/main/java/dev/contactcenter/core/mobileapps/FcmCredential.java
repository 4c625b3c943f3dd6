package dev.contactcenter.core.mobileapps;

import dev.contactcenter.core.crypto.Envelope;

/** An app's FCM HTTP v1 service account as stored: identifiers in the clear, the account JSON sealed. */
public record FcmCredential(
        String projectId, String clientEmail, String privateKeyId, String fingerprint, Envelope.Sealed sealed) {
    public FcmCredential sealedWith(Envelope.Sealed s) {
        return new FcmCredential(projectId, clientEmail, privateKeyId, fingerprint, s);
    }
}
