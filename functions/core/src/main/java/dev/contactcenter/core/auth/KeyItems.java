package dev.contactcenter.core.auth;

import dev.contactcenter.core.store.Attr;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.store.Queries;
import dev.contactcenter.core.store.TableDesign;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * What secret and publishable keys share: an item addressed by key id ({@code {KIND}#{key id}}, the
 * authorizer's one GetItem), listed per tenant through GSI1, revoked only by its own tenant. Each key
 * store adds its own attributes to the item and reads them back.
 */
final class KeyItems {
    private final Backend backend;
    private final String kind;
    private final String itemType;

    KeyItems(Backend backend, String kind, String itemType) {
        this.backend = backend;
        this.kind = kind;
        this.itemType = itemType;
    }

    /** The attributes every key has; the caller adds its own and then {@link #create}s it. */
    Map<String, AttributeValue> item(
            String keyId, String tenantId, boolean revoked, String description, Instant createdAt) {
        Map<String, AttributeValue> item = new HashMap<>(key(keyId));
        item.put("type", Attr.s(itemType));
        item.put("key_id", Attr.s(keyId));
        item.put("tenant_id", Attr.s(tenantId));
        item.put("revoked", Attr.bool(revoked));
        if (description != null) {
            item.put("description", Attr.s(description));
        }
        item.put("created_at", Attr.s(createdAt.toString()));
        item.put(TableDesign.GSI1PK, Attr.s(tenantKeysPk(tenantId)));
        item.put(TableDesign.GSI1SK, Attr.s(createdAt + "#" + keyId));
        return item;
    }

    void create(Map<String, AttributeValue> item) {
        backend.dynamo()
                .putItem(b -> b.tableName(backend.table()).item(item).conditionExpression("attribute_not_exists(PK)"));
    }

    Optional<Map<String, AttributeValue>> get(String keyId) {
        GetItemResponse response =
                backend.dynamo().getItem(b -> b.tableName(backend.table()).key(key(keyId)));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    }

    List<Map<String, AttributeValue>> listForTenant(String tenantId) {
        return Queries.byOwner(backend, tenantKeysPk(tenantId));
    }

    /** Revokes a key of the tenant; false if the tenant has no such key. */
    boolean revoke(String tenantId, String keyId) {
        try {
            backend.dynamo()
                    .updateItem(b -> b.tableName(backend.table())
                            .key(key(keyId))
                            .updateExpression("SET revoked = :t")
                            .conditionExpression("tenant_id = :tenant")
                            .expressionAttributeValues(Map.of(":t", Attr.bool(true), ":tenant", Attr.s(tenantId))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private String tenantKeysPk(String tenantId) {
        return TableDesign.tenantPk(tenantId) + "#" + kind + "S";
    }

    private Map<String, AttributeValue> key(String keyId) {
        return Map.of(TableDesign.PK, Attr.s(pk(keyId)), TableDesign.SK, Attr.s(kind));
    }

    /** The key's partition: its own item, and for a publishable key its rate counters. */
    String pk(String keyId) {
        return kind + "#" + keyId;
    }
}
