package dev.contactcenter.core.store;

import dev.contactcenter.core.domain.PublishableKey;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Publishable key items: {@code PUBKEY#{key id}} for the authorizer's one GetItem, listed per tenant
 * through GSI1 like secret keys.
 */
public final class PublishableKeyStore {
    private final Backend backend;

    public PublishableKeyStore(Backend backend) {
        this.backend = backend;
    }

    public void create(PublishableKey key) {
        Map<String, AttributeValue> item = new HashMap<>(key(key.keyId()));
        item.put("type", Attr.s("publishable_key"));
        item.put("key_id", Attr.s(key.keyId()));
        item.put("tenant_id", Attr.s(key.tenantId()));
        item.put("origins", Attr.strings(key.origins()));
        item.put("revoked", Attr.bool(key.revoked()));
        if (key.description() != null) {
            item.put("description", Attr.s(key.description()));
        }
        item.put("created_at", Attr.s(key.createdAt().toString()));
        item.put(TableDesign.GSI1PK, Attr.s(tenantKeysPk(key.tenantId())));
        item.put(TableDesign.GSI1SK, Attr.s(key.createdAt() + "#" + key.keyId()));
        backend.dynamo().putItem(b -> b.tableName(backend.table()).item(item)
                .conditionExpression("attribute_not_exists(PK)"));
    }

    public Optional<PublishableKey> get(String keyId) {
        GetItemResponse response = backend.dynamo().getItem(b -> b.tableName(backend.table()).key(key(keyId)));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(fromItem(response.item())) : Optional.empty();
    }

    public List<PublishableKey> listForTenant(String tenantId) {
        List<PublishableKey> keys = new ArrayList<>();
        for (Map<String, AttributeValue> item : Queries.byOwner(backend, tenantKeysPk(tenantId))) {
            keys.add(fromItem(item));
        }
        return keys;
    }

    /** Revokes a key of the tenant; false if the tenant has no such key. */
    public boolean revoke(String tenantId, String keyId) {
        try {
            backend.dynamo().updateItem(b -> b.tableName(backend.table()).key(key(keyId))
                    .updateExpression("SET revoked = :t")
                    .conditionExpression("tenant_id = :tenant")
                    .expressionAttributeValues(Map.of(":t", Attr.bool(true), ":tenant", Attr.s(tenantId))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static PublishableKey fromItem(Map<String, AttributeValue> item) {
        return new PublishableKey(Attr.string(item, "key_id"), Attr.string(item, "tenant_id"),
                Attr.stringList(item, "origins"), Attr.bool(item, "revoked", false), Attr.string(item, "description"),
                Instant.parse(Attr.string(item, "created_at")));
    }

    private static String tenantKeysPk(String tenantId) {
        return TableDesign.tenantPk(tenantId) + "#PUBKEYS";
    }

    private static Map<String, AttributeValue> key(String keyId) {
        return Map.of(TableDesign.PK, Attr.s("PUBKEY#" + keyId), TableDesign.SK, Attr.s("PUBKEY"));
    }
}
