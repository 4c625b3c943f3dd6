package dev.contactcenter.core.crypto;

import java.util.Map;

/**
 * Makes and unwraps the data keys of envelope encryption. On AWS a KMS key wraps them (the plaintext
 * data key never leaves the function's memory); in the local runtime and tests a local key does.
 * The context is bound to the wrapped key: unwrapping with another context fails.
 */
public interface KeyWrapper {
    /** A fresh 256-bit AES data key: the plaintext to encrypt with, and the wrapped form to store. */
    record DataKey(byte[] plaintext, byte[] wrapped, String wrappingKeyId) {}

    DataKey newDataKey(Map<String, String> context);

    byte[] unwrap(byte[] wrapped, String wrappingKeyId, Map<String, String> context);
}
