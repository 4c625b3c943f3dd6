package dev.contactcenter.core.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption: each secret gets its own AES-GCM data key, and only the wrapped data key is
 * stored beside the ciphertext. The context (tenant, record) is authenticated both by the key wrap
 * and by GCM, so a sealed secret copied onto another record does not open.
 */
public final class Envelope {
    /** What is stored: never the plaintext data key. */
    public record Sealed(byte[] ciphertext, byte[] wrappedKey, String wrappingKeyId) {}

    private final KeyWrapper wrapper;

    public Envelope(KeyWrapper wrapper) {
        this.wrapper = wrapper;
    }

    public Sealed seal(byte[] plaintext, Map<String, String> context) {
        KeyWrapper.DataKey dataKey = wrapper.newDataKey(context);
        try {
            byte[] ciphertext =
                    AesGcm.seal(new SecretKeySpec(dataKey.plaintext(), "AES"), plaintext, LocalKeyWrapper.aad(context));
            return new Sealed(ciphertext, dataKey.wrapped(), dataKey.wrappingKeyId());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Secret could not be encrypted", e);
        } finally {
            Arrays.fill(dataKey.plaintext(), (byte) 0);
        }
    }

    /** The secret back, for the push sender; fails if the context differs from the one it was sealed with. */
    public byte[] open(Sealed sealed, Map<String, String> context) {
        byte[] key = wrapper.unwrap(sealed.wrappedKey(), sealed.wrappingKeyId(), context);
        try {
            return AesGcm.open(new SecretKeySpec(key, "AES"), sealed.ciphertext(), LocalKeyWrapper.aad(context));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Secret does not decrypt with this context", e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }
}
