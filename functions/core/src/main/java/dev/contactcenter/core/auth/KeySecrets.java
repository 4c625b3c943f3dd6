package dev.contactcenter.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Key ids, secrets and their hashes. Secrets are 256 random bits, so a salted SHA-256 is enough (a slow
 * password hash protects low-entropy secrets, not these) and keeps the authorizer fast. Comparison is
 * constant-time.
 */
public final class KeySecrets {
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private KeySecrets() {}

    /** A fresh generator per call: nothing random is captured in a SnapStart snapshot. */
    private static SecureRandom random() {
        return new SecureRandom();
    }

    public static String newKeyId() {
        SecureRandom random = random();
        StringBuilder sb = new StringBuilder("ak_");
        for (int i = 0; i < 20; i++) {
            sb.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
        }
        return sb.toString();
    }

    /** Publishable keys are public, so the prefix tells them apart at a glance (and in the authorizer). */
    public static String newPublishableKeyId() {
        SecureRandom random = random();
        StringBuilder sb = new StringBuilder("pk_");
        for (int i = 0; i < 24; i++) {
            sb.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
        }
        return sb.toString();
    }

    public static boolean isPublishableKeyId(String keyId) {
        return keyId.matches("pk_[A-Za-z0-9_-]{1,61}");
    }

    public static String newSecret() {
        byte[] bytes = new byte[32];
        random().nextBytes(bytes);
        return "sk_" + URL.encodeToString(bytes);
    }

    public static byte[] newSalt() {
        byte[] salt = new byte[16];
        random().nextBytes(salt);
        return salt;
    }

    public static byte[] hash(byte[] salt, String secret) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt);
            digest.update(secret.getBytes(StandardCharsets.UTF_8));
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public static boolean matches(byte[] salt, byte[] expectedHash, String secret) {
        return MessageDigest.isEqual(expectedHash, hash(salt, secret));
    }
}
