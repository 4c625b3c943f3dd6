package dev.contactcenter.core.calls;

import dev.contactcenter.core.Json;
import dev.contactcenter.core.store.Attr;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.store.Queries;
import dev.contactcenter.core.store.TableDesign;
import dev.contactcenter.core.tenant.TenantStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Call items ({@code TENANT#t#CALLS / CALL#{id}}) and the pending-call guard
 * ({@code PENDING#{number}#{menu}}) that exists exactly while a call-back for that end user and queue is
 * queued or assigned, so duplicates are refused by a conditional write, not by a racy read.
 */
public final class CallStore {
    /** The call item's type attribute (what the webhook dispatcher's stream filter selects). */
    public static final String ITEM_TYPE = CallMapper.ITEM_TYPE;

    private final Backend backend;

    public CallStore(Backend backend) {
        this.backend = backend;
    }

    public long allocateId(String tenantId) {
        Map<String, AttributeValue> attrs = backend.dynamo()
                .updateItem(b -> b.tableName(backend.table())
                        .key(Map.of(
                                TableDesign.PK,
                                Attr.s(TableDesign.tenantPk(tenantId)),
                                TableDesign.SK,
                                Attr.s(TenantStore.PROFILE_SK)))
                        .updateExpression("ADD #next :one")
                        .expressionAttributeNames(Map.of("#next", CallMapper.NEXT_CALL_ID))
                        .conditionExpression("attribute_exists(PK)")
                        .expressionAttributeValues(Map.of(":one", Attr.n(1)))
                        .returnValues(ReturnValue.UPDATED_NEW))
                .attributes();
        return Long.parseLong(attrs.get(CallMapper.NEXT_CALL_ID).n());
    }

    /** Whether an item (a table stream image, say) is a call-back. */
    public static boolean isCall(Map<String, AttributeValue> item) {
        return CallMapper.ITEM_TYPE.equals(Attr.string(item, CallMapper.TYPE));
    }

    /** A call-back from its item as a table stream image carries it (see {@link #isCall}). */
    public static Call fromImage(Map<String, AttributeValue> item) {
        return CallMapper.fromItem(item);
    }

    public Optional<Call> get(String tenantId, long id) {
        GetItemResponse r = backend.dynamo()
                .getItem(b -> b.tableName(backend.table())
                        .key(CallMapper.key(tenantId, id))
                        .consistentRead(true));
        return r.hasItem() && !r.item().isEmpty() ? Optional.of(CallMapper.fromItem(r.item())) : Optional.empty();
    }

    /** The call currently holding the guard for this end user and queue, if any. */
    public Optional<Long> pendingCallId(String tenantId, String endUserNumber, long menuId) {
        GetItemResponse r = backend.dynamo()
                .getItem(b -> b.tableName(backend.table())
                        .key(CallMapper.guardKey(tenantId, endUserNumber, menuId))
                        .consistentRead(true));
        return r.hasItem() && !r.item().isEmpty()
                ? Optional.of(Attr.number(r.item(), CallMapper.CALL_ID, 0))
                : Optional.empty();
    }

    public TransactWriteItem putNew(String tenantId, Call call) {
        return TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(backend.table())
                        .item(CallMapper.toItem(tenantId, call))
                        .conditionExpression("attribute_not_exists(PK)")
                        .build())
                .build();
    }

    public TransactWriteItem putChanged(String tenantId, Call call) {
        return TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(backend.table())
                        .item(CallMapper.toItem(tenantId, call))
                        .conditionExpression("#version = :v")
                        .expressionAttributeNames(Map.of("#version", CallMapper.VERSION))
                        .expressionAttributeValues(Map.of(":v", Attr.n(call.version() - 1)))
                        .build())
                .build();
    }

    public TransactWriteItem claimGuard(String tenantId, Call call) {
        return TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(backend.table())
                        .item(CallMapper.guardItem(tenantId, call))
                        .conditionExpression("attribute_not_exists(PK)")
                        .build())
                .build();
    }

    public TransactWriteItem releaseGuard(String tenantId, Call call) {
        return TransactWriteItem.builder()
                .delete(Delete.builder()
                        .tableName(backend.table())
                        .key(CallMapper.guardKey(tenantId, call.endUserNumber(), call.menuId()))
                        .conditionExpression("attribute_not_exists(PK) OR #call = :id")
                        .expressionAttributeNames(Map.of("#call", CallMapper.CALL_ID))
                        .expressionAttributeValues(Map.of(":id", Attr.n(call.id())))
                        .build())
                .build();
    }

    /**
     * Books a place in a call-back slot: fails (as a transaction's condition) when the slot already holds
     * {@code max} call-backs. Unlimited slots are counted too, so a limit set later sees them.
     */
    public TransactWriteItem bookSlot(String tenantId, long menuId, Instant slotStart, Long max) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":one",
                Attr.n(1),
                ":type",
                Attr.s(CallMapper.SLOT_TYPE),
                ":expires",
                Attr.n(slotStart.getEpochSecond() + CallMapper.SLOT_RETENTION_SECONDS)));
        Update.Builder update = Update.builder()
                .tableName(backend.table())
                .key(CallMapper.slotKey(tenantId, menuId, slotStart))
                .updateExpression("ADD #booked :one SET #type = :type, #expires = :expires")
                .expressionAttributeNames(Map.of(
                        "#booked", CallMapper.BOOKED, "#type", CallMapper.TYPE, "#expires", TableDesign.EXPIRES_AT));
        if (max != null) {
            update.conditionExpression("attribute_not_exists(#booked) OR #booked < :max");
            values.put(":max", Attr.n(max));
        }
        return TransactWriteItem.builder()
                .update(update.expressionAttributeValues(values).build())
                .build();
    }

    /** Gives a place in a slot back (a scheduled call-back canceled or moved). */
    public TransactWriteItem releaseSlot(String tenantId, long menuId, Instant slotStart) {
        return TransactWriteItem.builder()
                .update(Update.builder()
                        .tableName(backend.table())
                        .key(CallMapper.slotKey(tenantId, menuId, slotStart))
                        .updateExpression("ADD #booked :minus")
                        .conditionExpression("#booked >= :one")
                        .expressionAttributeNames(Map.of("#booked", CallMapper.BOOKED))
                        .expressionAttributeValues(Map.of(":minus", Attr.n(-1), ":one", Attr.n(1)))
                        .build())
                .build();
    }

    /** Gives back the place a scheduled call holds in its slot (it is canceled or moved); empty for others. */
    public Optional<TransactWriteItem> releaseHeldSlot(String tenantId, Call call) {
        return call.status() == CallStatus.SCHEDULED && call.slotStart() != null
                ? Optional.of(releaseSlot(tenantId, call.menuId(), call.slotStart()))
                : Optional.empty();
    }

    /** Places booked per slot start of a menu in {@code [from, to]}: one Query on the calls partition. */
    public Map<Instant, Long> booked(String tenantId, long menuId, Instant from, Instant to) {
        Map<Instant, Long> out = new HashMap<>();
        String prefix = CallMapper.slotSkPrefix(menuId);
        QueryRequest q = QueryRequest.builder()
                .tableName(backend.table())
                .keyConditionExpression("PK = :pk AND SK BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(
                        ":pk",
                        Attr.s(CallMapper.callsPk(tenantId)),
                        ":from",
                        Attr.s(prefix + Json.timestamp(from)),
                        ":to",
                        Attr.s(prefix + Json.timestamp(to))))
                .consistentRead(true)
                .build();
        for (Map<String, AttributeValue> item : Queries.allPages(backend, q)) {
            out.put(CallMapper.slotStart(item), Attr.number(item, CallMapper.BOOKED, 0));
        }
        return out;
    }

    /** A scheduled call found due, with its tenant. */
    public record Due(String tenantId, Call call) {}

    /**
     * Scheduled calls due at or before {@code now}, oldest first per shard, at most {@code limit}: one Query per
     * shard of the due index (eventually consistent: the transition to queued is conditioned on the call item).
     */
    public List<Due> due(Instant now, int limit) {
        List<Due> out = new ArrayList<>();
        for (int shard = 0; shard < CallMapper.DUE_SHARDS && out.size() < limit; shard++) {
            Map<String, AttributeValue> cursor = null;
            do {
                QueryRequest.Builder q = QueryRequest.builder()
                        .tableName(backend.table())
                        .indexName(TableDesign.GSI1)
                        .keyConditionExpression("GSI1PK = :shard AND GSI1SK < :before")
                        .expressionAttributeValues(Map.of(
                                ":shard",
                                Attr.s(CallMapper.dueShard(shard)),
                                ":before",
                                Attr.s(CallMapper.dueBefore(now))))
                        .limit(limit - out.size());
                if (cursor != null) {
                    q.exclusiveStartKey(cursor);
                }
                QueryResponse r = backend.dynamo().query(q.build());
                r.items().forEach(i -> out.add(new Due(CallMapper.tenantOf(i), CallMapper.fromItem(i))));
                cursor = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
            } while (cursor != null && out.size() < limit);
        }
        return out;
    }

    /** A page of calls, newest first, optionally only one status or menu. */
    public record Page(List<Call> calls, Map<String, AttributeValue> next) {}

    public Page list(
            String tenantId,
            Optional<CallStatus> status,
            Optional<Long> menuId,
            Optional<Instant> from,
            Optional<Instant> to,
            int limit,
            Map<String, AttributeValue> start) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pk", Attr.s(CallMapper.callsPk(tenantId)));
        values.put(":prefix", Attr.s(CallMapper.CALL_PREFIX));
        List<String> filters = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        status.ifPresent(s -> {
            filters.add("#status = :status");
            names.put("#status", CallMapper.STATUS);
            values.put(":status", Attr.s(s.wireName()));
        });
        menuId.ifPresent(m -> {
            filters.add("#menu = :menu");
            names.put("#menu", CallMapper.MENU_ID);
            values.put(":menu", Attr.n(m));
        });
        from.ifPresent(f -> {
            filters.add("#scheduled >= :from");
            names.put("#scheduled", CallMapper.SCHEDULED_AT);
            values.put(":from", Attr.s(Json.timestamp(f)));
        });
        to.ifPresent(t -> {
            filters.add("#scheduled < :to");
            names.put("#scheduled", CallMapper.SCHEDULED_AT);
            values.put(":to", Attr.s(Json.timestamp(t)));
        });
        List<Call> calls = new ArrayList<>();
        Map<String, AttributeValue> cursor = start;
        // a filtered page may come back short: read on until the page is full or the calls run out
        do {
            QueryRequest.Builder q = QueryRequest.builder()
                    .tableName(backend.table())
                    .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                    .expressionAttributeValues(values)
                    .scanIndexForward(false)
                    .limit(limit - calls.size());
            if (!filters.isEmpty()) {
                q.filterExpression(String.join(" AND ", filters));
            }
            if (!names.isEmpty()) {
                q.expressionAttributeNames(names);
            }
            if (cursor != null) {
                q.exclusiveStartKey(cursor);
            }
            QueryResponse r = backend.dynamo().query(q.build());
            r.items().forEach(i -> calls.add(CallMapper.fromItem(i)));
            cursor = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (cursor != null && calls.size() < limit);
        return new Page(calls, cursor);
    }
}
