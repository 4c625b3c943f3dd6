package dev.contactcenter.core.auth;

import dev.contactcenter.core.domain.ApiKey;
import dev.contactcenter.core.domain.Scope;
import dev.contactcenter.core.store.Attr;
import dev.contactcenter.core.store.Backend;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** API key items, addressed by key id (the authorizer's one lookup) and listed per tenant through GSI1. */
public final class ApiKeyStore {
    private final KeyItems items;

    public ApiKeyStore(Backend backend) {
        this.items = new KeyItems(backend, "APIKEY", "api_key");
    }

    public void create(ApiKey key) {
        Map<String, AttributeValue> item =
                items.item(key.keyId(), key.tenantId(), key.revoked(), key.description(), key.createdAt());
        item.put("scopes", Attr.s(Scope.join(key.scopes())));
        item.put(
                "salt",
                AttributeValue.builder().b(SdkBytes.fromByteArray(key.salt())).build());
        item.put(
                "secret_hash",
                AttributeValue.builder()
                        .b(SdkBytes.fromByteArray(key.secretHash()))
                        .build());
        items.create(item);
    }

    public Optional<ApiKey> get(String keyId) {
        return items.get(keyId).map(ApiKeyStore::fromItem);
    }

    public List<ApiKey> listForTenant(String tenantId) {
        return items.listForTenant(tenantId).stream().map(ApiKeyStore::fromItem).toList();
    }

    /** Revokes a key of the tenant; false if there is no such key of that tenant. */
    public boolean revoke(String tenantId, String keyId) {
        return items.revoke(tenantId, keyId);
    }

    private static ApiKey fromItem(Map<String, AttributeValue> item) {
        return new ApiKey(
                Attr.string(item, "key_id"),
                Attr.string(item, "tenant_id"),
                Scope.parse(Attr.string(item, "scopes")),
                item.get("salt").b().asByteArray(),
                item.get("secret_hash").b().asByteArray(),
                Attr.bool(item, "revoked", false),
                Attr.string(item, "description"),
                Instant.parse(Attr.string(item, "created_at")));
    }
}
