package dev.contactcenter.mobileapps;

import dev.contactcenter.core.crypto.KeyWrapper;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;

import java.time.Duration;
import java.util.Map;

/**
 * Data keys from KMS: GenerateDataKey returns the plaintext key (used once, in memory) and the copy
 * wrapped by the KMS key; Decrypt unwraps it for the push sender. The encryption context binds each
 * wrapped key to its tenant and app, and shows up in CloudTrail.
 */
final class KmsKeyWrapper implements KeyWrapper {
    static final String ENV = "KMS_KEY_ID";

    private final KmsClient kms;
    private final String keyId;

    KmsKeyWrapper(KmsClient kms, String keyId) {
        this.kms = kms;
        this.keyId = keyId;
    }

    /** Built once per execution environment, like the DynamoDB client: explicit region, env credentials. */
    static KmsKeyWrapper fromEnvironment() {
        String keyId = System.getenv(ENV);
        if (keyId == null || keyId.isBlank()) {
            throw new IllegalStateException(ENV + " is not set: the function cannot protect push credentials");
        }
        String region = System.getenv("AWS_REGION");
        KmsClient client = KmsClient.builder()
                .region(Region.of(region == null || region.isBlank() ? "us-east-1" : region))
                .credentialsProvider(AwsCredentialsProviderChain.of(
                        EnvironmentVariableCredentialsProvider.create(), SystemPropertyCredentialsProvider.create()))
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2)).socketTimeout(Duration.ofSeconds(3)).build())
                .build();
        return new KmsKeyWrapper(client, keyId);
    }

    @Override
    public DataKey newDataKey(Map<String, String> context) {
        GenerateDataKeyResponse r = kms.generateDataKey(b -> b.keyId(keyId).keySpec(DataKeySpec.AES_256).encryptionContext(context));
        // the response names the key by ARN: stored, so unwrapping survives alias changes
        return new DataKey(r.plaintext().asByteArray(), r.ciphertextBlob().asByteArray(), r.keyId());
    }

    @Override
    public byte[] unwrap(byte[] wrapped, String wrappingKeyId, Map<String, String> context) {
        return kms.decrypt(b -> b.keyId(wrappingKeyId).ciphertextBlob(SdkBytes.fromByteArray(wrapped))
                .encryptionContext(context)).plaintext().asByteArray();
    }
}
