package dev.contactcenter.core.store;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Idempotency-Key records: claimed before the work, completed with the response in the same
 * transaction as the work, expired by DynamoDB TTL after 24 hours.
 */
public final class IdempotencyStore {
    public static final Duration RETENTION = Duration.ofHours(24);
    /**
     * A claim whose request died before completing or releasing it may be taken over after this: longer
     * than a function may run (template: Timeout 10 s), so the claimant is surely gone.
     */
    static final Duration ABANDONED_AFTER = Duration.ofSeconds(15);

    public enum Outcome { CLAIMED, REPLAY, DIFFERENT_REQUEST, IN_FLIGHT }

    public record Claim(Outcome outcome, int status, String body) {
    }

    private final Backend backend;

    public IdempotencyStore(Backend backend) {
        this.backend = backend;
    }

    public Claim claim(String tenantId, String scope, String key, String requestHash) {
        Instant now = backend.clock().instant();
        Map<String, AttributeValue> item = new HashMap<>(key(tenantId, scope, key));
        item.put("type", Attr.s("idempotency"));
        item.put("state", Attr.s("in_flight"));
        item.put("request_hash", Attr.s(requestHash));
        item.put("claimed_at", Attr.n(now.getEpochSecond()));
        item.put(TableDesign.EXPIRES_AT, Attr.n(now.plus(RETENTION).getEpochSecond()));
        try {
            backend.dynamo().putItem(b -> b.tableName(backend.table()).item(item)
                    // TTL deletion lags, so an expired record is treated as absent
                    .conditionExpression("attribute_not_exists(PK) OR expires_at < :now"
                            + " OR (#state = :inflight AND claimed_at < :stale AND request_hash = :hash)")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":now", Attr.n(now.getEpochSecond()), ":inflight", Attr.s("in_flight"),
                            ":stale", Attr.n(now.minus(ABANDONED_AFTER).getEpochSecond()), ":hash", Attr.s(requestHash)))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return new Claim(Outcome.CLAIMED, 0, null);
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> old = e.hasItem() ? e.item() : Map.of();
            if (!requestHash.equals(Attr.string(old, "request_hash"))) {
                return new Claim(Outcome.DIFFERENT_REQUEST, 0, null);
            }
            if ("done".equals(Attr.string(old, "state"))) {
                return new Claim(Outcome.REPLAY, (int) Attr.number(old, "response_status", 200), Attr.string(old, "response_body"));
            }
            return new Claim(Outcome.IN_FLIGHT, 0, null);
        }
    }

    /** Completes a claim with the response; part of the transaction that does the work. */
    public TransactWriteItem completeAction(String tenantId, String scope, String key, int status, String body) {
        return TransactWriteItem.builder().update(Update.builder().tableName(backend.table())
                .key(key(tenantId, scope, key))
                .updateExpression("SET #state = :done, response_status = :status, response_body = :body")
                .conditionExpression("#state = :inflight")
                .expressionAttributeNames(Map.of("#state", "state"))
                .expressionAttributeValues(Map.of(":done", Attr.s("done"), ":inflight", Attr.s("in_flight"),
                        ":status", Attr.n(status), ":body", Attr.s(body)))
                .build()).build();
    }

    /** Completes a claim on its own (a refused request is answered the same way when retried). */
    public void complete(String tenantId, String scope, String key, int status, String body) {
        Update u = completeAction(tenantId, scope, key, status, body).update();
        backend.dynamo().updateItem(b -> b.tableName(u.tableName()).key(u.key()).updateExpression(u.updateExpression())
                .conditionExpression(u.conditionExpression()).expressionAttributeNames(u.expressionAttributeNames())
                .expressionAttributeValues(u.expressionAttributeValues()));
    }

    /** Gives a claim up, so that a retry of a request that failed on our side can run again. */
    public void release(String tenantId, String scope, String key) {
        backend.dynamo().deleteItem(b -> b.tableName(backend.table()).key(key(tenantId, scope, key))
                .conditionExpression("#state = :inflight")
                .expressionAttributeNames(Map.of("#state", "state"))
                .expressionAttributeValues(Map.of(":inflight", Attr.s("in_flight"))));
    }

    private static Map<String, AttributeValue> key(String tenantId, String scope, String key) {
        return Map.of(TableDesign.PK, Attr.s(TableDesign.tenantPk(tenantId) + "#IDEMPOTENCY"),
                TableDesign.SK, Attr.s(scope + "#" + key));
    }
}
