package dev.contactcenter.core.auth;

import dev.contactcenter.core.domain.PublishableKey;
import dev.contactcenter.core.store.Attr;
import dev.contactcenter.core.store.Backend;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Publishable key items: {@code PUBKEY#{key id}} for the authorizer's one GetItem, listed per tenant
 * through GSI1 like secret keys.
 */
public final class PublishableKeyStore {
    private final KeyItems items;

    public PublishableKeyStore(Backend backend) {
        this.items = new KeyItems(backend, "PUBKEY", "publishable_key");
    }

    public void create(PublishableKey key) {
        Map<String, AttributeValue> item =
                items.item(key.keyId(), key.tenantId(), key.revoked(), key.description(), key.createdAt());
        item.put("origins", Attr.strings(key.origins()));
        items.create(item);
    }

    public Optional<PublishableKey> get(String keyId) {
        return items.get(keyId).map(PublishableKeyStore::fromItem);
    }

    public List<PublishableKey> listForTenant(String tenantId) {
        return items.listForTenant(tenantId).stream()
                .map(PublishableKeyStore::fromItem)
                .toList();
    }

    /** The key's partition key: its item, and beside it its rate counters ({@link PublishableKeyLimit}). */
    String partition(String keyId) {
        return items.pk(keyId);
    }

    /** Revokes a key of the tenant; false if the tenant has no such key. */
    public boolean revoke(String tenantId, String keyId) {
        return items.revoke(tenantId, keyId);
    }

    private static PublishableKey fromItem(Map<String, AttributeValue> item) {
        return new PublishableKey(
                Attr.string(item, "key_id"),
                Attr.string(item, "tenant_id"),
                Attr.stringList(item, "origins"),
                Attr.bool(item, "revoked", false),
                Attr.string(item, "description"),
                Instant.parse(Attr.string(item, "created_at")));
    }
}
