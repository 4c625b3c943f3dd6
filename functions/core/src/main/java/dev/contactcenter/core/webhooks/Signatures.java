package dev.contactcenter.core.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Standard Webhooks convention: a secret is {@code whsec_} and the base64 of 32 random bytes (the
 * HMAC key); a request's {@code Webhook-Signature} is {@code v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">},
 * one entry per active secret, separated by spaces. Receivers reject timestamps more than 5 minutes away.
 */
public final class Signatures {
    public static final String HEADER_ID = "Webhook-Id";
    public static final String HEADER_TIMESTAMP = "Webhook-Timestamp";
    public static final String HEADER_SIGNATURE = "Webhook-Signature";
    public static final String SECRET_PREFIX = "whsec_";
    public static final long TOLERANCE_SECONDS = 300;
    private static final String VERSION = "v1,";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Signatures() {}

    /** A new secret, as the tenant sees it once. */
    public static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The HMAC key of a secret (the bytes after the prefix). */
    public static byte[] key(String secret) {
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        return Base64.getDecoder().decode(encoded);
    }

    /** The header value: one {@code v1,} entry per key, the newest secret first. */
    public static String sign(String id, long timestampSeconds, String body, List<byte[]> keys) {
        StringBuilder header = new StringBuilder();
        for (byte[] key : keys) {
            if (header.length() > 0) {
                header.append(' ');
            }
            header.append(VERSION).append(Base64.getEncoder().encodeToString(hmac(key, id, timestampSeconds, body)));
        }
        return header.toString();
    }

    /** What a receiver does: the timestamp is recent and one of the signatures is the secret's. */
    public static boolean verify(
            String secret, String id, String timestamp, String body, String signatureHeader, long nowSeconds) {
        long sent;
        try {
            sent = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(nowSeconds - sent) > TOLERANCE_SECONDS) {
            return false;
        }
        byte[] expected = hmac(key(secret), id, sent, body);
        for (String entry : signatureHeader.split(" ")) {
            if (entry.startsWith(VERSION)) {
                byte[] given;
                try {
                    given = Base64.getDecoder().decode(entry.substring(VERSION.length()));
                } catch (IllegalArgumentException e) {
                    continue;
                }
                if (MessageDigest.isEqual(expected, given)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static byte[] hmac(byte[] key, String id, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal((id + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
