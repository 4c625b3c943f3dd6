package dev.contactcenter.core.webhooks;

import dev.contactcenter.core.crypto.Envelope;
import dev.contactcenter.core.store.Attr;
import dev.contactcenter.core.store.TableDesign;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The webhook items, attribute by attribute. All live in the tenant's webhook partition:
 * <pre>
 * endpoint      TENANT#{t}#WEBHOOKS  ENDPOINT#{id, 16 digits}
 * delivery      TENANT#{t}#WEBHOOKS  DELIVERY#{endpoint id, 16 digits}#{delivery id}   expires_at (TTL)
 * alert state   TENANT#{t}#WEBHOOKS  ALERT#{menu id, 16 digits}#{channel}
 * </pre>
 * Delivery ids begin with their creation time in milliseconds, so an endpoint's deliveries list newest first
 * with one Query. Secrets are stored only sealed.
 */
public final class WebhookMapper {
    public static final String ENDPOINT_TYPE = "webhook_endpoint";
    public static final String DELIVERY_TYPE = "webhook_delivery";
    public static final String ALERT_TYPE = "wait_time_alert";
    static final String ENDPOINT_SK_PREFIX = "ENDPOINT#";
    static final String DELIVERY_SK_PREFIX = "DELIVERY#";
    static final String ALERT_SK_PREFIX = "ALERT#";

    static final String TYPE = "type";
    static final String ID = "id";
    static final String URL = "url";
    static final String EVENT_TYPES = "event_types";
    static final String DESCRIPTION = "description";
    static final String ENABLED = "enabled";
    static final String DISABLED_REASON = "disabled_reason";
    static final String THRESHOLDS = "wait_time_thresholds";
    static final String SECRET = "secret";
    static final String SECRET_GENERATION = "secret_generation";
    static final String PREVIOUS_SECRET = "previous_secret";
    static final String PREVIOUS_SECRET_UNTIL = "previous_secret_until";
    static final String FAILED_DELIVERIES = "failed_deliveries";
    static final String CREATED_AT = "created_at";
    static final String UPDATED_AT = "updated_at";
    static final String VERSION = "version";
    static final String CIPHERTEXT = "ciphertext";
    static final String WRAPPED_KEY = "wrapped_key";
    static final String WRAPPING_KEY_ID = "wrapping_key_id";

    static final String ENDPOINT_ID = "endpoint_id";
    static final String EVENT_ID = "event_id";
    static final String EVENT_TYPE = "event_type";
    static final String ORDERING_KEY = "ordering_key";
    static final String BODY = "body";
    static final String STATUS = "status";
    static final String ATTEMPTS = "attempts";
    static final String RETRY_FROM = "retry_from";
    static final String LAST_ATTEMPT_AT = "last_attempt_at";
    static final String LAST_STATUS_CODE = "last_status_code";
    static final String LAST_LATENCY_MS = "last_latency_ms";
    static final String LAST_ERROR = "last_error";
    static final String NEXT_ATTEMPT_AT = "next_attempt_at";

    static final String ABOVE = "above";
    static final String LAST_RECORD = "last_record";
    static final String LAST_CROSSINGS = "last_crossings";

    /** Deliveries are kept for 30 days, then DynamoDB's TTL removes them. */
    static final long DELIVERY_RETENTION_SECONDS = 30 * 86_400L;

    private WebhookMapper() {}

    static String pk(String tenantId) {
        return TableDesign.tenantPk(tenantId) + "#WEBHOOKS";
    }

    static Map<String, AttributeValue> endpointKey(String tenantId, long id) {
        return Map.of(
                TableDesign.PK,
                Attr.s(pk(tenantId)),
                TableDesign.SK,
                Attr.s(ENDPOINT_SK_PREFIX + TableDesign.paddedId(id)));
    }

    static String deliveryPrefix(long endpointId) {
        return DELIVERY_SK_PREFIX + TableDesign.paddedId(endpointId) + "#";
    }

    static Map<String, AttributeValue> deliveryKey(String tenantId, long endpointId, String deliveryId) {
        return Map.of(
                TableDesign.PK, Attr.s(pk(tenantId)), TableDesign.SK, Attr.s(deliveryPrefix(endpointId) + deliveryId));
    }

    static Map<String, AttributeValue> alertKey(String tenantId, long menuId, String channel) {
        return Map.of(
                TableDesign.PK,
                Attr.s(pk(tenantId)),
                TableDesign.SK,
                Attr.s(ALERT_SK_PREFIX + TableDesign.paddedId(menuId) + "#" + channel));
    }

    static Map<String, AttributeValue> toItem(String tenantId, Endpoint e) {
        Map<String, AttributeValue> item = new HashMap<>(endpointKey(tenantId, e.id()));
        item.put(TYPE, Attr.s(ENDPOINT_TYPE));
        item.put(ID, Attr.n(e.id()));
        item.put(URL, Attr.s(e.url()));
        item.put(EVENT_TYPES, Attr.strings(e.eventTypes()));
        putIfPresent(item, DESCRIPTION, e.description());
        item.put(ENABLED, Attr.bool(e.enabled()));
        putIfPresent(item, DISABLED_REASON, e.disabledReason());
        item.put(THRESHOLDS, numbers(e.waitTimeThresholds()));
        item.put(SECRET, sealed(e.secret()));
        item.put(SECRET_GENERATION, Attr.n(e.secretGeneration()));
        if (e.previousSecret() != null) {
            item.put(PREVIOUS_SECRET, sealed(e.previousSecret()));
            item.put(PREVIOUS_SECRET_UNTIL, Attr.s(e.previousSecretUntil().toString()));
        }
        if (e.failedDeliveries() > 0) {
            item.put(FAILED_DELIVERIES, Attr.n(e.failedDeliveries()));
        }
        item.put(CREATED_AT, Attr.s(e.createdAt().toString()));
        item.put(UPDATED_AT, Attr.s(e.updatedAt().toString()));
        item.put(VERSION, Attr.n(e.version()));
        return item;
    }

    static Endpoint endpoint(Map<String, AttributeValue> i) {
        AttributeValue previous = i.get(PREVIOUS_SECRET);
        return new Endpoint(
                Attr.number(i, ID, 0),
                Attr.string(i, URL),
                Attr.stringList(i, EVENT_TYPES),
                Attr.string(i, DESCRIPTION),
                Attr.bool(i, ENABLED, true),
                Attr.string(i, DISABLED_REASON),
                numbers(i.get(THRESHOLDS)),
                sealed(i.get(SECRET).m()),
                Attr.number(i, SECRET_GENERATION, 1),
                previous == null ? null : sealed(previous.m()),
                instant(i, PREVIOUS_SECRET_UNTIL),
                Attr.number(i, FAILED_DELIVERIES, 0),
                instant(i, CREATED_AT),
                instant(i, UPDATED_AT),
                Attr.number(i, VERSION, 0));
    }

    static Map<String, AttributeValue> toItem(String tenantId, Delivery d) {
        Map<String, AttributeValue> item = new HashMap<>(deliveryKey(tenantId, d.endpointId(), d.id()));
        item.put(TYPE, Attr.s(DELIVERY_TYPE));
        item.put(ENDPOINT_ID, Attr.n(d.endpointId()));
        item.put(ID, Attr.s(d.id()));
        item.put(EVENT_ID, Attr.s(d.eventId()));
        item.put(EVENT_TYPE, Attr.s(d.eventType().wireName()));
        item.put(ORDERING_KEY, Attr.s(d.orderingKey()));
        item.put(BODY, Attr.s(d.body()));
        item.put(STATUS, Attr.s(d.status().wireName()));
        item.put(ATTEMPTS, Attr.n(d.attempts()));
        item.put(CREATED_AT, Attr.s(d.createdAt().toString()));
        item.put(RETRY_FROM, Attr.s(d.retryFrom().toString()));
        putIfPresent(item, LAST_ATTEMPT_AT, d.lastAttemptAt());
        if (d.lastStatusCode() != null) {
            item.put(LAST_STATUS_CODE, Attr.n(d.lastStatusCode()));
        }
        if (d.lastLatencyMillis() != null) {
            item.put(LAST_LATENCY_MS, Attr.n(d.lastLatencyMillis()));
        }
        putIfPresent(item, LAST_ERROR, d.lastError());
        putIfPresent(item, NEXT_ATTEMPT_AT, d.nextAttemptAt());
        item.put(VERSION, Attr.n(d.version()));
        item.put(TableDesign.EXPIRES_AT, Attr.n(d.createdAt().getEpochSecond() + DELIVERY_RETENTION_SECONDS));
        return item;
    }

    static Delivery delivery(Map<String, AttributeValue> i) {
        Long code = Attr.numberOrNull(i, LAST_STATUS_CODE);
        return new Delivery(
                Attr.number(i, ENDPOINT_ID, 0),
                Attr.string(i, ID),
                Attr.string(i, EVENT_ID),
                EventType.fromWire(Attr.string(i, EVENT_TYPE)).orElseThrow(),
                Attr.string(i, ORDERING_KEY),
                Attr.string(i, BODY),
                Delivery.Status.fromWire(Attr.string(i, STATUS)).orElseThrow(),
                (int) Attr.number(i, ATTEMPTS, 0),
                instant(i, CREATED_AT),
                instant(i, RETRY_FROM),
                instant(i, LAST_ATTEMPT_AT),
                code == null ? null : code.intValue(),
                Attr.numberOrNull(i, LAST_LATENCY_MS),
                Attr.string(i, LAST_ERROR),
                instant(i, NEXT_ATTEMPT_AT),
                Attr.number(i, VERSION, 0));
    }

    /** The wait-time alert state of one queue and channel: the thresholds it is above now. */
    record AlertState(List<Long> above, String lastRecord, List<String> lastCrossings, long version) {
        static final AlertState NONE = new AlertState(List.of(), null, List.of(), 0);
    }

    static Map<String, AttributeValue> toItem(String tenantId, long menuId, String channel, AlertState s) {
        Map<String, AttributeValue> item = new HashMap<>(alertKey(tenantId, menuId, channel));
        item.put(TYPE, Attr.s(ALERT_TYPE));
        item.put(ABOVE, numbers(s.above()));
        putIfPresent(item, LAST_RECORD, s.lastRecord());
        item.put(LAST_CROSSINGS, Attr.strings(s.lastCrossings()));
        item.put(VERSION, Attr.n(s.version()));
        return item;
    }

    static AlertState alertState(Map<String, AttributeValue> i) {
        return new AlertState(
                numbers(i.get(ABOVE)),
                Attr.string(i, LAST_RECORD),
                Attr.stringList(i, LAST_CROSSINGS),
                Attr.number(i, VERSION, 0));
    }

    private static AttributeValue numbers(List<Long> values) {
        List<AttributeValue> list = new ArrayList<>(values.size());
        values.forEach(v -> list.add(Attr.n(v)));
        return AttributeValue.builder().l(list).build();
    }

    private static List<Long> numbers(AttributeValue v) {
        if (v == null || !v.hasL()) {
            return List.of();
        }
        List<Long> out = new ArrayList<>(v.l().size());
        v.l().forEach(n -> out.add(Long.parseLong(n.n())));
        return out;
    }

    private static AttributeValue sealed(Envelope.Sealed s) {
        return AttributeValue.builder()
                .m(Map.of(
                        CIPHERTEXT,
                                AttributeValue.builder()
                                        .b(SdkBytes.fromByteArray(s.ciphertext()))
                                        .build(),
                        WRAPPED_KEY,
                                AttributeValue.builder()
                                        .b(SdkBytes.fromByteArray(s.wrappedKey()))
                                        .build(),
                        WRAPPING_KEY_ID, Attr.s(s.wrappingKeyId())))
                .build();
    }

    private static Envelope.Sealed sealed(Map<String, AttributeValue> m) {
        return new Envelope.Sealed(
                m.get(CIPHERTEXT).b().asByteArray(),
                m.get(WRAPPED_KEY).b().asByteArray(),
                Attr.string(m, WRAPPING_KEY_ID));
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, Object value) {
        if (value != null) {
            item.put(name, Attr.s(value.toString()));
        }
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        String v = Attr.string(item, name);
        return v == null ? null : Instant.parse(v);
    }
}
