package dev.contactcenter.core.mobileapps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.crypto.Envelope;
import dev.contactcenter.core.crypto.KeyWrapper;
import dev.contactcenter.core.crypto.PemKeys;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;

/**
 * Opens an app's sealed push credentials for sending a notification: the only place their key
 * material comes back into memory. What {@link PushCredentials} sealed at registration is read here.
 */
public final class PushSecrets {
    /** An APNs credential ready to use: the .p8 signing key, or the certificate and its key. */
    public record Apns(ApnsCredential credential, PrivateKey key, X509Certificate certificate) {
        public boolean tokenBased() {
            return ApnsCredential.TOKEN.equals(credential.kind());
        }
    }

    /** An FCM service account ready to sign its OAuth2 assertion. */
    public record Fcm(FcmCredential credential, PrivateKey key) {}

    private final Envelope envelope;

    public PushSecrets(KeyWrapper keys) {
        this.envelope = new Envelope(keys);
    }

    public Apns apns(String tenantId, MobileApp app) {
        ApnsCredential credential = app.apns();
        JsonNode secret = open(credential.sealed(), tenantId, app.id(), "apns");
        try {
            X509Certificate certificate = null;
            String algorithm = "EC";
            if (ApnsCredential.CERTIFICATE.equals(credential.kind())) {
                certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(decode(secret, "certificate_der")));
                algorithm = certificate.getPublicKey().getAlgorithm();
            }
            return new Apns(
                    credential, PemKeys.privateKey(decode(secret, "private_key_pkcs8"), algorithm), certificate);
        } catch (PemKeys.PemException | GeneralSecurityException e) {
            throw new IllegalStateException("Stored APNs credential of mobile app " + app.id() + " does not load", e);
        }
    }

    public Fcm fcm(String tenantId, MobileApp app) {
        JsonNode account = open(app.fcm().sealed(), tenantId, app.id(), "fcm");
        try {
            byte[] pkcs8 = PemKeys.privateKeyPkcs8(
                    PemKeys.blocks(account.path("private_key").asText()), null);
            return new Fcm(app.fcm(), PemKeys.privateKey(pkcs8, "RSA"));
        } catch (PemKeys.PemException e) {
            throw new IllegalStateException("Stored service account of mobile app " + app.id() + " does not load", e);
        }
    }

    private JsonNode open(Envelope.Sealed sealed, String tenantId, long appId, String kind) {
        byte[] plaintext = envelope.open(sealed, MobileAppService.sealContext(tenantId, appId, kind));
        try {
            return Json.parse(new String(plaintext, java.nio.charset.StandardCharsets.UTF_8));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(
                    "Stored " + kind + " credential of mobile app " + appId + " is not JSON", e);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    private static byte[] decode(JsonNode secret, String field) {
        return Base64.getDecoder().decode(secret.path(field).asText());
    }
}
