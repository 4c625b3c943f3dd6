package dev.contactcenter.core.calls;

import dev.contactcenter.core.store.Attr;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.store.TableDesign;
import dev.contactcenter.core.tenant.TenantStore;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        Map<String, AttributeValue> attrs = backend.dynamo().updateItem(b -> b.tableName(backend.table())
                .key(Map.of(TableDesign.PK, Attr.s(TableDesign.tenantPk(tenantId)), TableDesign.SK, Attr.s(TenantStore.PROFILE_SK)))
                .updateExpression("ADD #next :one")
                .expressionAttributeNames(Map.of("#next", CallMapper.NEXT_CALL_ID))
                .conditionExpression("attribute_exists(PK)")
                .expressionAttributeValues(Map.of(":one", Attr.n(1)))
                .returnValues(ReturnValue.UPDATED_NEW)).attributes();
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
        GetItemResponse r = backend.dynamo().getItem(b -> b.tableName(backend.table()).key(CallMapper.key(tenantId, id)).consistentRead(true));
        return r.hasItem() && !r.item().isEmpty() ? Optional.of(CallMapper.fromItem(r.item())) : Optional.empty();
    }

    /** The call currently holding the guard for this end user and queue, if any. */
    public Optional<Long> pendingCallId(String tenantId, String endUserNumber, long menuId) {
        GetItemResponse r = backend.dynamo().getItem(b -> b.tableName(backend.table())
                .key(CallMapper.guardKey(tenantId, endUserNumber, menuId)).consistentRead(true));
        return r.hasItem() && !r.item().isEmpty() ? Optional.of(Attr.number(r.item(), CallMapper.CALL_ID, 0)) : Optional.empty();
    }

    public TransactWriteItem putNew(String tenantId, Call call) {
        return TransactWriteItem.builder().put(Put.builder().tableName(backend.table()).item(CallMapper.toItem(tenantId, call))
                .conditionExpression("attribute_not_exists(PK)").build()).build();
    }

    public TransactWriteItem putChanged(String tenantId, Call call) {
        return TransactWriteItem.builder().put(Put.builder().tableName(backend.table()).item(CallMapper.toItem(tenantId, call))
                .conditionExpression("#version = :v")
                .expressionAttributeNames(Map.of("#version", CallMapper.VERSION))
                .expressionAttributeValues(Map.of(":v", Attr.n(call.version() - 1))).build()).build();
    }

    public TransactWriteItem claimGuard(String tenantId, Call call) {
        return TransactWriteItem.builder().put(Put.builder().tableName(backend.table()).item(CallMapper.guardItem(tenantId, call))
                .conditionExpression("attribute_not_exists(PK)").build()).build();
    }

    public TransactWriteItem releaseGuard(String tenantId, Call call) {
        return TransactWriteItem.builder().delete(Delete.builder().tableName(backend.table())
                .key(CallMapper.guardKey(tenantId, call.endUserNumber(), call.menuId()))
                .conditionExpression("attribute_not_exists(PK) OR #call = :id")
                .expressionAttributeNames(Map.of("#call", CallMapper.CALL_ID))
                .expressionAttributeValues(Map.of(":id", Attr.n(call.id()))).build()).build();
    }

    /** A page of calls, newest first, optionally only one status or menu. */
    public record Page(List<Call> calls, Map<String, AttributeValue> next) {
    }

    public Page list(String tenantId, Optional<CallStatus> status, Optional<Long> menuId, int limit, Map<String, AttributeValue> start) {
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
        List<Call> calls = new ArrayList<>();
        Map<String, AttributeValue> cursor = start;
        // a filtered page may come back short: read on until the page is full or the calls run out
        do {
            QueryRequest.Builder q = QueryRequest.builder().tableName(backend.table())
                    .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                    .expressionAttributeValues(values).scanIndexForward(false).limit(limit - calls.size());
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
