package dev.contactcenter.core.calls;

import dev.contactcenter.core.Json;
import dev.contactcenter.core.store.Attr;
import dev.contactcenter.core.store.TableDesign;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The call item ({@code TENANT#t#CALLS / CALL#{id}}), the pending-call guard ({@code PENDING#{number}#{menu}})
 * and the call-back slot counter ({@code SLOT#{menu}#{slot start}}): keys, attribute names and the one mapping
 * each way. Stored status values are {@link CallStatus}'s wire names.
 *
 * <p>A scheduled call is in the due index while it is scheduled, and only then: {@code GSI1PK = DUE#{shard}},
 * {@code GSI1SK = {scheduled at}#{tenant}#{id}}. The shard (call id modulo {@link #DUE_SHARDS}) spreads the
 * index's writes over partitions; the due-call job reads every shard up to now.
 */
final class CallMapper {
    static final String CALL_PREFIX = "CALL#";
    static final String ITEM_TYPE = "call";
    static final String GUARD_TYPE = "pending_call";

    static final String TYPE = "type";
    static final String ID = "id";
    static final String STATUS = "status";
    static final String LANG = "lang";
    static final String MENU_ID = "menu_id";
    static final String MENU_PATH = "menu_path";
    static final String QUEUE_PRIORITY = "queue_priority";
    static final String END_USER_NUMBER = "end_user_number";
    static final String OUTBOUND_NUMBER = "outbound_number";
    static final String TICKET_ID = "ticket_id";
    static final String RECORDING_PERMISSION = "recording_permission";
    static final String RECORDING_ENABLED = "recording_enabled";
    static final String AGENT_ID = "agent_id";
    static final String FAIL_REASON = "fail_reason";
    static final String FAIL_DETAILS = "fail_details";
    static final String WARNINGS = "warnings";
    static final String ESTIMATED_WAIT_SECONDS = "estimated_wait_seconds";
    static final String CREATED_AT = "created_at";
    static final String ASSIGNED_AT = "assigned_at";
    static final String CONNECTED_AT = "connected_at";
    static final String ENDS_AT = "ends_at";
    static final String SCHEDULED_AT = "scheduled_at";
    static final String QUEUED_AT = "queued_at";
    static final String SLOT_START = "slot_start";
    /** The client's custom attributes, compact JSON text. */
    static final String DATA = "data";

    static final String VERSION = "version";
    /** On the guard: the call holding it. */
    static final String CALL_ID = "call_id";
    /** On the slot counter: scheduled call-backs booked in the slot. */
    static final String BOOKED = "booked";

    static final String SLOT_PREFIX = "SLOT#";
    static final String SLOT_TYPE = "callback_slot";
    static final String DUE_PREFIX = "DUE#";
    static final int DUE_SHARDS = 4;
    /** Slot counters are kept a week after their slot, then removed by TTL. */
    static final long SLOT_RETENTION_SECONDS = 7 * 86_400;
    /** On the tenant profile: the call id counter. */
    static final String NEXT_CALL_ID = "next_call_id";

    private CallMapper() {}

    static String callsPk(String tenantId) {
        return TableDesign.tenantPk(tenantId) + "#CALLS";
    }

    static Map<String, AttributeValue> key(String tenantId, long id) {
        return Map.of(
                TableDesign.PK,
                Attr.s(callsPk(tenantId)),
                TableDesign.SK,
                Attr.s(CALL_PREFIX + TableDesign.paddedId(id)));
    }

    static Map<String, AttributeValue> guardKey(String tenantId, String number, long menuId) {
        return Map.of(
                TableDesign.PK,
                Attr.s(callsPk(tenantId)),
                TableDesign.SK,
                Attr.s("PENDING#" + number + "#" + TableDesign.paddedId(menuId)));
    }

    static Map<String, AttributeValue> slotKey(String tenantId, long menuId, Instant slotStart) {
        return Map.of(
                TableDesign.PK,
                Attr.s(callsPk(tenantId)),
                TableDesign.SK,
                Attr.s(slotSkPrefix(menuId) + Json.timestamp(slotStart)));
    }

    static String slotSkPrefix(long menuId) {
        return SLOT_PREFIX + TableDesign.paddedId(menuId) + "#";
    }

    static Instant slotStart(Map<String, AttributeValue> item) {
        String sk = Attr.string(item, TableDesign.SK);
        return Instant.parse(sk.substring(sk.lastIndexOf('#') + 1));
    }

    static String dueShard(int shard) {
        return DUE_PREFIX + shard;
    }

    /** The due index's sort keys below this one are due at or before {@code at}. */
    static String dueBefore(Instant at) {
        return Json.timestamp(at.plusMillis(1));
    }

    /** The tenant of a call read from the due index (its partition key names it). */
    static String tenantOf(Map<String, AttributeValue> item) {
        String pk = Attr.string(item, TableDesign.PK);
        return pk.substring(TableDesign.tenantPk("").length(), pk.length() - "#CALLS".length());
    }

    static Map<String, AttributeValue> guardItem(String tenantId, Call call) {
        Map<String, AttributeValue> item = new HashMap<>(guardKey(tenantId, call.endUserNumber(), call.menuId()));
        item.put(TYPE, Attr.s(GUARD_TYPE));
        item.put(CALL_ID, Attr.n(call.id()));
        return item;
    }

    static Map<String, AttributeValue> toItem(String tenantId, Call c) {
        Map<String, AttributeValue> item = new HashMap<>(key(tenantId, c.id()));
        item.put(TYPE, Attr.s(ITEM_TYPE));
        item.put(ID, Attr.n(c.id()));
        item.put(STATUS, Attr.s(c.status().wireName()));
        item.put(LANG, Attr.s(c.lang()));
        item.put(MENU_ID, Attr.n(c.menuId()));
        item.put(MENU_PATH, Attr.s(c.menuPath()));
        item.put(QUEUE_PRIORITY, Attr.n(c.queuePriority()));
        item.put(END_USER_NUMBER, Attr.s(c.endUserNumber()));
        item.put(OUTBOUND_NUMBER, Attr.s(c.outboundNumber()));
        item.put(TICKET_ID, Attr.s(c.ticketId()));
        item.put(RECORDING_PERMISSION, Attr.s(c.recordingPermission().wireName()));
        item.put(RECORDING_ENABLED, Attr.bool(c.recordingEnabled()));
        putIfPresent(item, AGENT_ID, c.agentId());
        putIfPresent(item, FAIL_REASON, c.failReason());
        putIfPresent(item, FAIL_DETAILS, c.failDetails());
        item.put(WARNINGS, Attr.strings(c.warnings()));
        if (c.estimatedWaitSeconds() != null) {
            item.put(ESTIMATED_WAIT_SECONDS, Attr.n(c.estimatedWaitSeconds()));
        }
        item.put(CREATED_AT, Attr.s(c.createdAt().toString()));
        // fixed width (milliseconds always): GET /calls compares it as a string
        putIfPresent(item, SCHEDULED_AT, Json.timestamp(c.scheduledAt()));
        putIfPresent(
                item, SLOT_START, c.slotStart() == null ? null : c.slotStart().toString());
        putIfPresent(item, QUEUED_AT, c.queuedAt() == null ? null : c.queuedAt().toString());
        putIfPresent(item, DATA, c.data());
        if (c.status() == CallStatus.SCHEDULED) {
            item.put(TableDesign.GSI1PK, Attr.s(dueShard((int) (c.id() % DUE_SHARDS))));
            item.put(
                    TableDesign.GSI1SK,
                    Attr.s(Json.timestamp(c.scheduledAt()) + "#" + tenantId + "#" + TableDesign.paddedId(c.id())));
        }
        putIfPresent(
                item,
                ASSIGNED_AT,
                c.assignedAt() == null ? null : c.assignedAt().toString());
        putIfPresent(
                item,
                CONNECTED_AT,
                c.connectedAt() == null ? null : c.connectedAt().toString());
        putIfPresent(item, ENDS_AT, c.endsAt() == null ? null : c.endsAt().toString());
        item.put(VERSION, Attr.n(c.version()));
        return item;
    }

    static Call fromItem(Map<String, AttributeValue> i) {
        return new Call(
                Attr.number(i, ID, 0),
                CallStatus.fromWire(Attr.string(i, STATUS)).orElseThrow(),
                Attr.string(i, LANG),
                Attr.number(i, MENU_ID, 0),
                Attr.string(i, MENU_PATH),
                Attr.number(i, QUEUE_PRIORITY, 0),
                Attr.string(i, END_USER_NUMBER),
                Attr.string(i, OUTBOUND_NUMBER),
                Attr.string(i, TICKET_ID),
                RecordingPermission.fromWire(Attr.string(i, RECORDING_PERMISSION))
                        .orElseThrow(),
                Attr.bool(i, RECORDING_ENABLED, false),
                Attr.string(i, AGENT_ID),
                Attr.string(i, FAIL_REASON),
                Attr.string(i, FAIL_DETAILS),
                Attr.stringList(i, WARNINGS),
                Attr.numberOrNull(i, ESTIMATED_WAIT_SECONDS),
                Instant.parse(Attr.string(i, CREATED_AT)),
                instant(i, SCHEDULED_AT),
                instant(i, SLOT_START),
                queuedAt(i),
                instant(i, ASSIGNED_AT),
                instant(i, CONNECTED_AT),
                instant(i, ENDS_AT),
                Attr.string(i, DATA),
                Attr.number(i, VERSION, 0));
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, Attr.s(value));
        }
    }

    /** Call-backs stored before scheduling existed joined their queue when they were created. */
    private static Instant queuedAt(Map<String, AttributeValue> i) {
        Instant queued = instant(i, QUEUED_AT);
        return queued != null || CallStatus.SCHEDULED.wireName().equals(Attr.string(i, STATUS))
                ? queued
                : Instant.parse(Attr.string(i, CREATED_AT));
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        String v = Attr.string(item, name);
        return v == null ? null : Instant.parse(v);
    }
}
