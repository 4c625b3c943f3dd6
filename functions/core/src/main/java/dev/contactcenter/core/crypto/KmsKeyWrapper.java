package dev.contactcenter.core.crypto;

import dev.contactcenter.core.Lazy;
import dev.contactcenter.core.aws.Checkpoints;
import dev.contactcenter.core.aws.LambdaEnvironment;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;

/**
 * Data keys from KMS: GenerateDataKey returns the plaintext key (used once, in memory) and the copy
 * wrapped by the KMS key; Decrypt unwraps it for the push sender. The encryption context binds each
 * wrapped key to its tenant and app, and shows up in CloudTrail. KMS is an optional dependency of the
 * core: only the functions that seal or open push credentials declare it.
 */
public final class KmsKeyWrapper implements KeyWrapper {
    public static final String ENV = "KMS_KEY_ID";

    private final Supplier<KmsClient> kms;
    private final String keyId;

    public KmsKeyWrapper(KmsClient kms, String keyId) {
        this(() -> kms, keyId);
    }

    private KmsKeyWrapper(Supplier<KmsClient> kms, String keyId) {
        this.kms = kms;
        this.keyId = keyId;
    }

    /**
     * Configured like the DynamoDB client, built on the first request that seals or opens credentials
     * (most requests of these functions do neither), or in SnapStart priming.
     */
    public static KmsKeyWrapper fromEnvironment() {
        String keyId = LambdaEnvironment.setting(ENV, "kms.key.id", null);
        if (keyId == null || keyId.isBlank()) {
            throw new IllegalStateException(ENV + " is not set: the function cannot protect push credentials");
        }
        Lazy<KmsClient> client = Lazy.of(
                () -> LambdaEnvironment.lambdaDefaults(KmsClient.builder()).build());
        Checkpoints.register(client::get);
        return new KmsKeyWrapper(client, keyId);
    }

    @Override
    public DataKey newDataKey(Map<String, String> context) {
        GenerateDataKeyResponse r = kms.get()
                .generateDataKey(
                        b -> b.keyId(keyId).keySpec(DataKeySpec.AES_256).encryptionContext(context));
        // the response names the key by ARN: stored, so unwrapping survives alias changes
        return new DataKey(r.plaintext().asByteArray(), r.ciphertextBlob().asByteArray(), r.keyId());
    }

    @Override
    public byte[] unwrap(byte[] wrapped, String wrappingKeyId, Map<String, String> context) {
        return kms.get()
                .decrypt(b -> b.keyId(wrappingKeyId)
                        .ciphertextBlob(SdkBytes.fromByteArray(wrapped))
                        .encryptionContext(context))
                .plaintext()
                .asByteArray();
    }
}
