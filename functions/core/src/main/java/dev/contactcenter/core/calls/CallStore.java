package dev.contactcenter.core.calls;

import dev.contactcenter.core.store.Attr;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.store.TableDesign;
import dev.contactcenter.core.store.TenantStore;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Instant;
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
    private final Backend backend;

    public CallStore(Backend backend) {
        this.backend = backend;
    }

    public long allocateId(String tenantId) {
        Map<String, AttributeValue> attrs = backend.dynamo().updateItem(b -> b.tableName(backend.table())
                .key(Map.of(TableDesign.PK, Attr.s(TableDesign.tenantPk(tenantId)), TableDesign.SK, Attr.s(TenantStore.PROFILE_SK)))
                .updateExpression("ADD next_call_id :one")
                .conditionExpression("attribute_exists(PK)")
                .expressionAttributeValues(Map.of(":one", Attr.n(1)))
                .returnValues(ReturnValue.UPDATED_NEW)).attributes();
        return Long.parseLong(attrs.get("next_call_id").n());
    }

    public Optional<Call> get(String tenantId, long id) {
        GetItemResponse r = backend.dynamo().getItem(b -> b.tableName(backend.table()).key(key(tenantId, id)).consistentRead(true));
        return r.hasItem() && !r.item().isEmpty() ? Optional.of(fromItem(r.item())) : Optional.empty();
    }

    /** The call currently holding the guard for this end user and queue, if any. */
    public Optional<Long> pendingCallId(String tenantId, String endUserNumber, long menuId) {
        GetItemResponse r = backend.dynamo().getItem(b -> b.tableName(backend.table())
                .key(guardKey(tenantId, endUserNumber, menuId)).consistentRead(true));
        return r.hasItem() && !r.item().isEmpty() ? Optional.of(Attr.number(r.item(), "call_id", 0)) : Optional.empty();
    }

    public TransactWriteItem putNew(String tenantId, Call call) {
        return TransactWriteItem.builder().put(Put.builder().tableName(backend.table()).item(toItem(tenantId, call))
                .conditionExpression("attribute_not_exists(PK)").build()).build();
    }

    public TransactWriteItem putChanged(String tenantId, Call call) {
        return TransactWriteItem.builder().put(Put.builder().tableName(backend.table()).item(toItem(tenantId, call))
                .conditionExpression("version = :v")
                .expressionAttributeValues(Map.of(":v", Attr.n(call.version() - 1))).build()).build();
    }

    public TransactWriteItem claimGuard(String tenantId, Call call) {
        Map<String, AttributeValue> item = new HashMap<>(guardKey(tenantId, call.endUserNumber(), call.menuId()));
        item.put("type", Attr.s("pending_call"));
        item.put("call_id", Attr.n(call.id()));
        return TransactWriteItem.builder().put(Put.builder().tableName(backend.table()).item(item)
                .conditionExpression("attribute_not_exists(PK)").build()).build();
    }

    public TransactWriteItem releaseGuard(String tenantId, Call call) {
        return TransactWriteItem.builder().delete(Delete.builder().tableName(backend.table())
                .key(guardKey(tenantId, call.endUserNumber(), call.menuId()))
                .conditionExpression("attribute_not_exists(PK) OR call_id = :id")
                .expressionAttributeValues(Map.of(":id", Attr.n(call.id()))).build()).build();
    }

    /** Counts a call-back in or out of its menu's dependents: a menu is not deleted under a live call. */
    public TransactWriteItem adjustMenuDependents(String tenantId, long menuId, long delta) {
        return TransactWriteItem.builder().update(Update.builder().tableName(backend.table())
                .key(Map.of(TableDesign.PK, Attr.s(TableDesign.menusPk(tenantId)), TableDesign.SK, Attr.s(TableDesign.menuSk(menuId))))
                .updateExpression("ADD dependents :d, version :one")
                .conditionExpression("attribute_exists(PK)")
                .expressionAttributeValues(Map.of(":d", Attr.n(delta), ":one", Attr.n(1))).build()).build();
    }

    /** A page of calls, newest first, optionally only one status or menu. */
    public record Page(List<Call> calls, Map<String, AttributeValue> next) {
    }

    public Page list(String tenantId, Optional<CallStatus> status, Optional<Long> menuId, int limit, Map<String, AttributeValue> start) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pk", Attr.s(callsPk(tenantId)));
        values.put(":prefix", Attr.s("CALL#"));
        List<String> filters = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        status.ifPresent(s -> {
            filters.add("#status = :status");
            names.put("#status", "status");
            values.put(":status", Attr.s(s.wireName()));
        });
        menuId.ifPresent(m -> {
            filters.add("menu_id = :menu");
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
            r.items().forEach(i -> calls.add(fromItem(i)));
            cursor = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (cursor != null && calls.size() < limit);
        return new Page(calls, cursor);
    }

    static String callsPk(String tenantId) {
        return TableDesign.tenantPk(tenantId) + "#CALLS";
    }

    private static Map<String, AttributeValue> key(String tenantId, long id) {
        return Map.of(TableDesign.PK, Attr.s(callsPk(tenantId)), TableDesign.SK, Attr.s("CALL#" + TableDesign.paddedId(id)));
    }

    private static Map<String, AttributeValue> guardKey(String tenantId, String number, long menuId) {
        return Map.of(TableDesign.PK, Attr.s(callsPk(tenantId)), TableDesign.SK, Attr.s("PENDING#" + number + "#" + TableDesign.paddedId(menuId)));
    }

    private static Map<String, AttributeValue> toItem(String tenantId, Call c) {
        Map<String, AttributeValue> item = new HashMap<>(key(tenantId, c.id()));
        item.put("type", Attr.s("call"));
        item.put("id", Attr.n(c.id()));
        item.put("status", Attr.s(c.status().wireName()));
        item.put("lang", Attr.s(c.lang()));
        item.put("menu_id", Attr.n(c.menuId()));
        item.put("menu_path", Attr.s(c.menuPath()));
        item.put("queue_priority", Attr.n(c.queuePriority()));
        item.put("end_user_number", Attr.s(c.endUserNumber()));
        item.put("outbound_number", Attr.s(c.outboundNumber()));
        item.put("ticket_id", Attr.s(c.ticketId()));
        item.put("recording_permission", Attr.s(c.recordingPermission().wireName()));
        item.put("recording_enabled", Attr.bool(c.recordingEnabled()));
        putIfPresent(item, "agent_id", c.agentId());
        putIfPresent(item, "fail_reason", c.failReason());
        putIfPresent(item, "fail_details", c.failDetails());
        item.put("warnings", Attr.strings(c.warnings()));
        if (c.estimatedWaitSeconds() != null) {
            item.put("estimated_wait_seconds", Attr.n(c.estimatedWaitSeconds()));
        }
        item.put("created_at", Attr.s(c.createdAt().toString()));
        putIfPresent(item, "assigned_at", c.assignedAt() == null ? null : c.assignedAt().toString());
        putIfPresent(item, "connected_at", c.connectedAt() == null ? null : c.connectedAt().toString());
        putIfPresent(item, "ends_at", c.endsAt() == null ? null : c.endsAt().toString());
        item.put("version", Attr.n(c.version()));
        return item;
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, Attr.s(value));
        }
    }

    private static Call fromItem(Map<String, AttributeValue> i) {
        return new Call(Attr.number(i, "id", 0), CallStatus.fromWire(Attr.string(i, "status")).orElseThrow(),
                Attr.string(i, "lang"), Attr.number(i, "menu_id", 0), Attr.string(i, "menu_path"),
                Attr.number(i, "queue_priority", 0), Attr.string(i, "end_user_number"), Attr.string(i, "outbound_number"),
                Attr.string(i, "ticket_id"), RecordingPermission.fromWire(Attr.string(i, "recording_permission")).orElseThrow(),
                Attr.bool(i, "recording_enabled", false), Attr.string(i, "agent_id"), Attr.string(i, "fail_reason"),
                Attr.string(i, "fail_details"), Attr.stringList(i, "warnings"), Attr.numberOrNull(i, "estimated_wait_seconds"),
                Instant.parse(Attr.string(i, "created_at")), instant(i, "assigned_at"), instant(i, "connected_at"),
                instant(i, "ends_at"), Attr.number(i, "version", 0));
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        String v = Attr.string(item, name);
        return v == null ? null : Instant.parse(v);
    }
}
