package dev.contactcenter.core.tenant;

import dev.contactcenter.core.store.Attr;
import dev.contactcenter.core.store.Backend;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/** Per-tenant id sequences: atomic counters on the tenant's profile item, one attribute each. */
public final class TenantCounters {
    public static final String MOBILE_APP = "next_mobile_app_id";
    public static final String DIRECT_ACCESS_POINT = "next_dap_id";

    private final Backend backend;

    public TenantCounters(Backend backend) {
        this.backend = backend;
    }

    public long next(String tenantId, String counter) {
        try {
            Map<String, AttributeValue> attrs = backend.dynamo()
                    .updateItem(b -> b.tableName(backend.table())
                            .key(TenantStore.key(tenantId))
                            .updateExpression("ADD #c :one")
                            .conditionExpression("attribute_exists(PK)")
                            .expressionAttributeNames(Map.of("#c", counter))
                            .expressionAttributeValues(Map.of(":one", Attr.n(1)))
                            .returnValues(ReturnValue.UPDATED_NEW))
                    .attributes();
            return Long.parseLong(attrs.get(counter).n());
        } catch (ConditionalCheckFailedException e) {
            throw new IllegalStateException("Tenant profile is missing for an authenticated tenant", e);
        }
    }
}
