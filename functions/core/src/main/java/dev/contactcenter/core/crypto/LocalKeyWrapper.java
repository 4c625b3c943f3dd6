package dev.contactcenter.core.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.spec.SecretKeySpec;

/**
 * Wraps data keys with a local AES key: the local runtime's stand-in for KMS. The key comes from
 * {@code LOCAL_WRAPPING_KEY} (base64 of 32 bytes) so a persisted local data directory stays readable
 * across restarts; without it a key is generated for this process.
 */
public final class LocalKeyWrapper implements KeyWrapper {
    public static final String ENV = "LOCAL_WRAPPING_KEY";
    public static final String KEY_ID = "local";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    public LocalKeyWrapper(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("A local wrapping key is 32 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    private static LocalKeyWrapper processKey;

    /**
     * One wrapper per process: every function of the local runtime (registering, test push) must open
     * what another sealed, also when the key is generated.
     */
    public static synchronized LocalKeyWrapper fromEnvironment() {
        if (processKey == null) {
            processKey = readEnvironment();
        }
        return processKey;
    }

    private static LocalKeyWrapper readEnvironment() {
        String value = System.getenv(ENV);
        if (value == null || value.isBlank()) {
            value = System.getProperty("local.wrapping.key");
        }
        if (value == null || value.isBlank()) {
            System.err.println(ENV + " is not set: push credentials stored now are readable only by this process.");
            return generated();
        }
        return new LocalKeyWrapper(Base64.getDecoder().decode(value.strip()));
    }

    public static LocalKeyWrapper generated() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return new LocalKeyWrapper(key);
    }

    @Override
    public DataKey newDataKey(Map<String, String> context) {
        byte[] plaintext = new byte[32];
        RANDOM.nextBytes(plaintext);
        try {
            return new DataKey(plaintext, AesGcm.seal(key, plaintext, aad(context)), KEY_ID);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Local data key could not be wrapped", e);
        }
    }

    @Override
    public byte[] unwrap(byte[] wrapped, String wrappingKeyId, Map<String, String> context) {
        if (!KEY_ID.equals(wrappingKeyId)) {
            throw new IllegalArgumentException("Data key was wrapped by " + wrappingKeyId + ", not the local key");
        }
        try {
            return AesGcm.open(key, wrapped, aad(context));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Data key does not unwrap with the local key and this context", e);
        }
    }

    /** The context in a stable order, like KMS's encryption context. */
    static byte[] aad(Map<String, String> context) {
        return new TreeMap<>(context).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
