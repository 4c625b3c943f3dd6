package dev.contactcenter.core.webhooks;

import dev.contactcenter.core.crypto.Envelope;
import dev.contactcenter.core.crypto.KeyWrapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Seals endpoint secrets with the envelope encryption of push credentials, bound to the tenant, the
 * endpoint and the secret's generation, and opens them only to sign.
 */
public final class EndpointSecrets {
    private final Envelope envelope;

    public EndpointSecrets(KeyWrapper keys) {
        this.envelope = new Envelope(keys);
    }

    public Envelope.Sealed seal(String tenantId, long endpointId, long generation, String secret) {
        return envelope.seal(secret.getBytes(StandardCharsets.UTF_8), context(tenantId, endpointId, generation));
    }

    /** The HMAC keys that sign now: the current secret's, and the previous one's during a rotation. */
    public List<byte[]> signingKeys(String tenantId, Endpoint e, Instant now) {
        List<byte[]> keys = new ArrayList<>(2);
        keys.add(key(e.secret(), tenantId, e.id(), e.secretGeneration()));
        if (e.previousSecretActive(now)) {
            keys.add(key(e.previousSecret(), tenantId, e.id(), e.secretGeneration() - 1));
        }
        return keys;
    }

    private byte[] key(Envelope.Sealed sealed, String tenantId, long endpointId, long generation) {
        byte[] plaintext = envelope.open(sealed, context(tenantId, endpointId, generation));
        try {
            return Signatures.key(new String(plaintext, StandardCharsets.UTF_8));
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    private static Map<String, String> context(String tenantId, long endpointId, long generation) {
        return Map.of(
                "tenant",
                tenantId,
                "webhook_endpoint",
                Long.toString(endpointId),
                "purpose",
                "webhook_secret",
                "generation",
                Long.toString(generation));
    }
}
