package dev.contactcenter.core.tenant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.domain.Tenant;
import dev.contactcenter.core.store.Attr;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.store.StaleWriteException;
import dev.contactcenter.core.store.TableDesign;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/** Tenant profile items: settings (as a JSON document), usage-plan key, menu id counter. */
public final class TenantStore {
    public static final String PROFILE_SK = "PROFILE";

    private final Backend backend;

    public TenantStore(Backend backend) {
        this.backend = backend;
    }

    /** Creates the tenant; false if it already exists. */
    public boolean create(Tenant tenant) {
        Map<String, AttributeValue> item = new HashMap<>(key(tenant.id()));
        item.put("type", Attr.s("tenant"));
        item.put("tenant_id", Attr.s(tenant.id()));
        item.put("settings", Attr.s(Json.write(tenant.settings())));
        if (tenant.usageKey() != null) {
            item.put("usage_key", Attr.s(tenant.usageKey()));
        }
        item.put("next_menu_id", Attr.n(0));
        item.put("version", Attr.n(tenant.version()));
        item.put("created_at", Attr.s(tenant.createdAt().toString()));
        try {
            backend.dynamo()
                    .putItem(b ->
                            b.tableName(backend.table()).item(item).conditionExpression("attribute_not_exists(PK)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    public Optional<Tenant> get(String tenantId) {
        GetItemResponse response = backend.dynamo()
                .getItem(b -> b.tableName(backend.table()).key(key(tenantId)).consistentRead(true));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = response.item();
        ObjectNode settings;
        try {
            settings = (ObjectNode) Json.parse(Attr.string(item, "settings"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored settings of tenant are not JSON", e);
        }
        return Optional.of(new Tenant(
                tenantId,
                settings,
                Attr.string(item, "usage_key"),
                Attr.number(item, "version", 0),
                Instant.parse(Attr.string(item, "created_at"))));
    }

    /** Replaces the settings if the profile still has the version they were derived from. */
    public void saveSettings(String tenantId, ObjectNode settings, long expectedVersion) {
        try {
            backend.dynamo()
                    .updateItem(b -> b.tableName(backend.table())
                            .key(key(tenantId))
                            .updateExpression("SET settings = :s, version = :next")
                            .conditionExpression("version = :v")
                            .expressionAttributeValues(Map.of(
                                    ":s",
                                    Attr.s(Json.write(settings)),
                                    ":v",
                                    Attr.n(expectedVersion),
                                    ":next",
                                    Attr.n(expectedVersion + 1))));
        } catch (ConditionalCheckFailedException e) {
            throw new StaleWriteException("Settings changed concurrently", e);
        }
    }

    public void setUsageKey(String tenantId, String usageKey) {
        backend.dynamo()
                .updateItem(b -> b.tableName(backend.table())
                        .key(key(tenantId))
                        .updateExpression("SET usage_key = :k")
                        .conditionExpression("attribute_exists(PK)")
                        .expressionAttributeValues(Map.of(":k", Attr.s(usageKey))));
    }

    static Map<String, AttributeValue> key(String tenantId) {
        return Map.of(TableDesign.PK, Attr.s(TableDesign.tenantPk(tenantId)), TableDesign.SK, Attr.s(PROFILE_SK));
    }
}
