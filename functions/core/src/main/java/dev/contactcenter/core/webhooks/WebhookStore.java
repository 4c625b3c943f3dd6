package dev.contactcenter.core.webhooks;

import dev.contactcenter.core.store.Attr;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.store.TableDesign;
import dev.contactcenter.core.store.Transactions;
import dev.contactcenter.core.tenant.TenantStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Reads and writes the webhook items (see {@link WebhookMapper}). The endpoint count per tenant is a
 * counter on the tenant profile, changed in the same transaction as the endpoint, so the limit holds
 * under concurrent creations.
 */
public final class WebhookStore {
    static final String NEXT_ID = "next_webhook_id";
    static final String ENDPOINT_COUNT = "webhook_endpoints";

    private final Backend backend;
    private final Transactions transactions;

    public WebhookStore(Backend backend) {
        this.backend = backend;
        this.transactions = new Transactions(backend);
    }

    public long allocateId(String tenantId) {
        Map<String, AttributeValue> attrs = backend.dynamo()
                .updateItem(b -> b.tableName(backend.table())
                        .key(profileKey(tenantId))
                        .updateExpression("ADD " + NEXT_ID + " :one")
                        .conditionExpression("attribute_exists(PK)")
                        .expressionAttributeValues(Map.of(":one", Attr.n(1)))
                        .returnValues(ReturnValue.UPDATED_NEW))
                .attributes();
        return Long.parseLong(attrs.get(NEXT_ID).n());
    }

    /** Stores a new endpoint unless the tenant already has {@code max}; false when it has. */
    public boolean create(String tenantId, Endpoint endpoint, int max) {
        TransactWriteItem count = TransactWriteItem.builder()
                .update(Update.builder()
                        .tableName(backend.table())
                        .key(profileKey(tenantId))
                        .updateExpression("ADD " + ENDPOINT_COUNT + " :one")
                        .conditionExpression("attribute_exists(PK) AND (attribute_not_exists(#n) OR #n < :max)")
                        .expressionAttributeNames(Map.of("#n", ENDPOINT_COUNT))
                        .expressionAttributeValues(Map.of(":one", Attr.n(1), ":max", Attr.n(max)))
                        .build())
                .build();
        TransactWriteItem put = TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(backend.table())
                        .item(WebhookMapper.toItem(tenantId, endpoint))
                        .conditionExpression("attribute_not_exists(PK)")
                        .build())
                .build();
        return transactions.write(List.of(count, put)).isEmpty();
    }

    public Optional<Endpoint> get(String tenantId, long id) {
        GetItemResponse r = backend.dynamo()
                .getItem(b -> b.tableName(backend.table())
                        .key(WebhookMapper.endpointKey(tenantId, id))
                        .consistentRead(true));
        return r.hasItem() && !r.item().isEmpty() ? Optional.of(WebhookMapper.endpoint(r.item())) : Optional.empty();
    }

    /** Every endpoint of the tenant (at most ten: one Query page). */
    public List<Endpoint> list(String tenantId) {
        QueryResponse r = backend.dynamo()
                .query(b -> b.tableName(backend.table())
                        .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                        .expressionAttributeValues(Map.of(
                                ":pk",
                                Attr.s(WebhookMapper.pk(tenantId)),
                                ":prefix",
                                Attr.s(WebhookMapper.ENDPOINT_SK_PREFIX)))
                        .consistentRead(true));
        List<Endpoint> endpoints = new ArrayList<>(r.count());
        r.items().forEach(i -> endpoints.add(WebhookMapper.endpoint(i)));
        return endpoints;
    }

    /** Replaces an endpoint read at version {@code changed.version() - 1}; false when it changed meanwhile. */
    public boolean replace(String tenantId, Endpoint changed) {
        try {
            backend.dynamo()
                    .putItem(b -> b.tableName(backend.table())
                            .item(WebhookMapper.toItem(tenantId, changed))
                            .conditionExpression("#v = :v")
                            .expressionAttributeNames(Map.of("#v", WebhookMapper.VERSION))
                            .expressionAttributeValues(Map.of(":v", Attr.n(changed.version() - 1))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    public boolean delete(String tenantId, long id) {
        TransactWriteItem delete = TransactWriteItem.builder()
                .delete(Delete.builder()
                        .tableName(backend.table())
                        .key(WebhookMapper.endpointKey(tenantId, id))
                        .conditionExpression("attribute_exists(PK)")
                        .build())
                .build();
        TransactWriteItem count = TransactWriteItem.builder()
                .update(Update.builder()
                        .tableName(backend.table())
                        .key(profileKey(tenantId))
                        .updateExpression("ADD " + ENDPOINT_COUNT + " :minus")
                        .expressionAttributeValues(Map.of(":minus", Attr.n(-1)))
                        .build())
                .build();
        return transactions.write(List.of(delete, count)).isEmpty();
    }

    /** Counts a delivery given up; returns how many have been since one last succeeded. */
    public long recordFailedDelivery(String tenantId, long id) {
        try {
            Map<String, AttributeValue> attrs = backend.dynamo()
                    .updateItem(b -> b.tableName(backend.table())
                            .key(WebhookMapper.endpointKey(tenantId, id))
                            .updateExpression("ADD #f :one")
                            .conditionExpression("attribute_exists(PK)")
                            .expressionAttributeNames(Map.of("#f", WebhookMapper.FAILED_DELIVERIES))
                            .expressionAttributeValues(Map.of(":one", Attr.n(1)))
                            .returnValues(ReturnValue.UPDATED_NEW))
                    .attributes();
            return Long.parseLong(attrs.get(WebhookMapper.FAILED_DELIVERIES).n());
        } catch (ConditionalCheckFailedException e) {
            return 0;
        }
    }

    /** A delivery succeeded: the count of given-up deliveries starts again (written only when it was not 0). */
    public void markHealthy(String tenantId, long id) {
        update(tenantId, id, "REMOVE #f", Map.of("#f", WebhookMapper.FAILED_DELIVERIES), Map.of());
    }

    /** Stops deliveries to the endpoint and says why: the email-free signal an integrator sees on GET. */
    public void disable(String tenantId, long id, String reason, Instant now) {
        update(
                tenantId,
                id,
                "SET #e = :false, #r = :reason, #u = :now ADD #v :one",
                Map.of(
                        "#e",
                        WebhookMapper.ENABLED,
                        "#r",
                        WebhookMapper.DISABLED_REASON,
                        "#u",
                        WebhookMapper.UPDATED_AT,
                        "#v",
                        WebhookMapper.VERSION),
                Map.of(
                        ":false",
                        Attr.bool(false),
                        ":reason",
                        Attr.s(reason),
                        ":now",
                        Attr.s(now.toString()),
                        ":one",
                        Attr.n(1)));
    }

    private void update(
            String tenantId,
            long id,
            String expression,
            Map<String, String> names,
            Map<String, AttributeValue> values) {
        try {
            backend.dynamo().updateItem(b -> {
                b.tableName(backend.table())
                        .key(WebhookMapper.endpointKey(tenantId, id))
                        .updateExpression(expression)
                        .conditionExpression("attribute_exists(PK)")
                        .expressionAttributeNames(names);
                if (!values.isEmpty()) {
                    b.expressionAttributeValues(values);
                }
            });
        } catch (ConditionalCheckFailedException e) {
            // the endpoint was deleted meanwhile: nothing left to mark
        }
    }

    /** Stores a new delivery; false when it already exists (the dispatcher saw this change before). */
    public boolean putNew(String tenantId, Delivery delivery) {
        try {
            backend.dynamo()
                    .putItem(b -> b.tableName(backend.table())
                            .item(WebhookMapper.toItem(tenantId, delivery))
                            .conditionExpression("attribute_not_exists(PK)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    public Optional<Delivery> delivery(String tenantId, long endpointId, String deliveryId) {
        GetItemResponse r = backend.dynamo()
                .getItem(b -> b.tableName(backend.table())
                        .key(WebhookMapper.deliveryKey(tenantId, endpointId, deliveryId))
                        .consistentRead(true));
        return r.hasItem() && !r.item().isEmpty() ? Optional.of(WebhookMapper.delivery(r.item())) : Optional.empty();
    }

    /** Saves a delivery read at {@code changed.version() - 1}; false when another attempt changed it meanwhile. */
    public boolean save(String tenantId, Delivery changed) {
        try {
            backend.dynamo()
                    .putItem(b -> b.tableName(backend.table())
                            .item(WebhookMapper.toItem(tenantId, changed))
                            .conditionExpression("#v = :v")
                            .expressionAttributeNames(Map.of("#v", WebhookMapper.VERSION))
                            .expressionAttributeValues(Map.of(":v", Attr.n(changed.version() - 1))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** A page of an endpoint's deliveries, newest first. */
    public record Page(List<Delivery> deliveries, String nextDeliveryId) {}

    public Page deliveries(
            String tenantId,
            long endpointId,
            Optional<Delivery.Status> status,
            int limit,
            Optional<String> afterDeliveryId) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pk", Attr.s(WebhookMapper.pk(tenantId)));
        values.put(":prefix", Attr.s(WebhookMapper.deliveryPrefix(endpointId)));
        status.ifPresent(s -> values.put(":status", Attr.s(s.wireName())));
        List<Delivery> deliveries = new ArrayList<>();
        Map<String, AttributeValue> start = afterDeliveryId
                .map(id -> WebhookMapper.deliveryKey(tenantId, endpointId, id))
                .orElse(null);
        // a filtered page may come back short: read on until the page is full or the deliveries run out
        do {
            QueryRequest.Builder q = QueryRequest.builder()
                    .tableName(backend.table())
                    .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                    .expressionAttributeValues(values)
                    .scanIndexForward(false)
                    .limit(limit - deliveries.size());
            status.ifPresent(s ->
                    q.filterExpression("#s = :status").expressionAttributeNames(Map.of("#s", WebhookMapper.STATUS)));
            if (start != null) {
                q.exclusiveStartKey(start);
            }
            QueryResponse r = backend.dynamo().query(q.build());
            r.items().forEach(i -> deliveries.add(WebhookMapper.delivery(i)));
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null && deliveries.size() < limit);
        String next =
                start == null ? null : deliveries.get(deliveries.size() - 1).id();
        return new Page(deliveries, next);
    }

    WebhookMapper.AlertState alertState(String tenantId, long menuId, String channel) {
        GetItemResponse r = backend.dynamo()
                .getItem(b -> b.tableName(backend.table())
                        .key(WebhookMapper.alertKey(tenantId, menuId, channel))
                        .consistentRead(true));
        return r.hasItem() && !r.item().isEmpty() ? WebhookMapper.alertState(r.item()) : WebhookMapper.AlertState.NONE;
    }

    /** Saves the alert state read at {@code next.version() - 1}; false when another writer got there first. */
    boolean saveAlertState(String tenantId, long menuId, String channel, WebhookMapper.AlertState next) {
        try {
            backend.dynamo()
                    .putItem(b -> b.tableName(backend.table())
                            .item(WebhookMapper.toItem(tenantId, menuId, channel, next))
                            .conditionExpression("attribute_not_exists(PK) OR #v = :v")
                            .expressionAttributeNames(Map.of("#v", WebhookMapper.VERSION))
                            .expressionAttributeValues(Map.of(":v", Attr.n(next.version() - 1))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static Map<String, AttributeValue> profileKey(String tenantId) {
        return Map.of(
                TableDesign.PK, Attr.s(TableDesign.tenantPk(tenantId)), TableDesign.SK, Attr.s(TenantStore.PROFILE_SK));
    }
}
