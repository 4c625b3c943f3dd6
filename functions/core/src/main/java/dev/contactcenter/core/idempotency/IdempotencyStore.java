package dev.contactcenter.core.idempotency;

import dev.contactcenter.core.store.Attr;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.store.TableDesign;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Idempotency-Key records: claimed before the work, completed with the response in the same
 * transaction as the work, expired by DynamoDB TTL after 24 hours. Storage only: the flow around a
 * request is {@link IdempotentRequest}'s.
 */
public final class IdempotencyStore {
    public static final Duration RETENTION = Duration.ofHours(24);
    /**
     * A claim whose request died before completing or releasing it may be taken over after this: longer
     * than a function may run (template: Timeout 10 s), so the claimant is surely gone.
     */
    static final Duration ABANDONED_AFTER = Duration.ofSeconds(15);

    /** The stored state of a record: {@code state} holds the wire name. */
    enum State {
        IN_FLIGHT("in_flight"),
        DONE("done");

        final String stored;

        State(String stored) {
            this.stored = stored;
        }
    }

    // attribute names, written once
    static final String TYPE = "type";
    static final String ITEM_TYPE = "idempotency";
    static final String STATE = "state";
    static final String REQUEST_HASH = "request_hash";
    static final String CLAIMED_AT = "claimed_at";
    static final String RESPONSE_STATUS = "response_status";
    static final String RESPONSE_BODY = "response_body";

    public enum Outcome {
        CLAIMED,
        REPLAY,
        DIFFERENT_REQUEST,
        IN_FLIGHT
    }

    /** What a claim found: for {@link Outcome#REPLAY} the stored response. */
    public record Claim(Outcome outcome, int status, String body) {}

    private final Backend backend;

    public IdempotencyStore(Backend backend) {
        this.backend = backend;
    }

    public Claim claim(String tenantId, String scope, String key, String requestHash) {
        Instant now = backend.clock().instant();
        Map<String, AttributeValue> item = new HashMap<>(key(tenantId, scope, key));
        item.put(TYPE, Attr.s(ITEM_TYPE));
        item.put(STATE, Attr.s(State.IN_FLIGHT.stored));
        item.put(REQUEST_HASH, Attr.s(requestHash));
        item.put(CLAIMED_AT, Attr.n(now.getEpochSecond()));
        item.put(TableDesign.EXPIRES_AT, Attr.n(now.plus(RETENTION).getEpochSecond()));
        try {
            backend.dynamo()
                    .putItem(b -> b.tableName(backend.table())
                            .item(item)
                            // TTL deletion lags, so an expired record is treated as absent
                            .conditionExpression("attribute_not_exists(PK) OR #expires < :now"
                                    + " OR (#state = :inflight AND #claimed < :stale AND #hash = :hash)")
                            .expressionAttributeNames(Map.of(
                                    "#state",
                                    STATE,
                                    "#expires",
                                    TableDesign.EXPIRES_AT,
                                    "#claimed",
                                    CLAIMED_AT,
                                    "#hash",
                                    REQUEST_HASH))
                            .expressionAttributeValues(Map.of(
                                    ":now",
                                    Attr.n(now.getEpochSecond()),
                                    ":inflight",
                                    Attr.s(State.IN_FLIGHT.stored),
                                    ":stale",
                                    Attr.n(now.minus(ABANDONED_AFTER).getEpochSecond()),
                                    ":hash",
                                    Attr.s(requestHash)))
                            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return new Claim(Outcome.CLAIMED, 0, null);
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> old = e.hasItem() ? e.item() : Map.of();
            if (!requestHash.equals(Attr.string(old, REQUEST_HASH))) {
                return new Claim(Outcome.DIFFERENT_REQUEST, 0, null);
            }
            if (State.DONE.stored.equals(Attr.string(old, STATE))) {
                return new Claim(
                        Outcome.REPLAY, (int) Attr.number(old, RESPONSE_STATUS, 200), Attr.string(old, RESPONSE_BODY));
            }
            return new Claim(Outcome.IN_FLIGHT, 0, null);
        }
    }

    /** Completes a claim with the response; part of the transaction that does the work. */
    public TransactWriteItem completeAction(String tenantId, String scope, String key, int status, String body) {
        return TransactWriteItem.builder()
                .update(Update.builder()
                        .tableName(backend.table())
                        .key(key(tenantId, scope, key))
                        .updateExpression("SET #state = :done, #status = :status, #body = :body")
                        .conditionExpression("#state = :inflight")
                        .expressionAttributeNames(
                                Map.of("#state", STATE, "#status", RESPONSE_STATUS, "#body", RESPONSE_BODY))
                        .expressionAttributeValues(Map.of(
                                ":done",
                                Attr.s(State.DONE.stored),
                                ":inflight",
                                Attr.s(State.IN_FLIGHT.stored),
                                ":status",
                                Attr.n(status),
                                ":body",
                                Attr.s(body)))
                        .build())
                .build();
    }

    /** Completes a claim on its own (a refused request is answered the same way when retried). */
    public void complete(String tenantId, String scope, String key, int status, String body) {
        Update u = completeAction(tenantId, scope, key, status, body).update();
        backend.dynamo()
                .updateItem(b -> b.tableName(u.tableName())
                        .key(u.key())
                        .updateExpression(u.updateExpression())
                        .conditionExpression(u.conditionExpression())
                        .expressionAttributeNames(u.expressionAttributeNames())
                        .expressionAttributeValues(u.expressionAttributeValues()));
    }

    /**
     * Gives a claim up, so that a retry of a request that failed on our side can run again. A claim that
     * is no longer in flight (the work was applied though its response was lost) is kept: a retry then
     * replays it.
     */
    public void release(String tenantId, String scope, String key) {
        try {
            backend.dynamo()
                    .deleteItem(b -> b.tableName(backend.table())
                            .key(key(tenantId, scope, key))
                            .conditionExpression("#state = :inflight")
                            .expressionAttributeNames(Map.of("#state", STATE))
                            .expressionAttributeValues(Map.of(":inflight", Attr.s(State.IN_FLIGHT.stored))));
        } catch (ConditionalCheckFailedException e) {
            // completed after all, or taken over: nothing of ours to give up
        }
    }

    private static Map<String, AttributeValue> key(String tenantId, String scope, String key) {
        return Map.of(
                TableDesign.PK,
                Attr.s(TableDesign.tenantPk(tenantId) + "#IDEMPOTENCY"),
                TableDesign.SK,
                Attr.s(scope + "#" + key));
    }
}
