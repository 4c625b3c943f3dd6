package dev.contactcenter.core.calls;

import dev.contactcenter.core.store.Attr;
import dev.contactcenter.core.store.TableDesign;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The ticket item ({@code TENANT#t#TICKETS / TICKET#{id}}) and the open-ticket pointer
 * ({@code OPEN#{number}#{menu}}): keys, attribute names and the one mapping each way.
 */
final class TicketMapper {
    static final String ITEM_TYPE = "ticket";
    static final String POINTER_TYPE = "open_ticket";

    static final String TYPE = "type";
    static final String TICKET_ID = "ticket_id";
    static final String OPEN = "open";
    static final String END_USER_NUMBER = "end_user_number";
    static final String MENU_ID = "menu_id";
    static final String LAST_CALL_ID = "last_call_id";
    static final String CREATED_AT = "created_at";
    static final String UPDATED_AT = "updated_at";
    static final String VERSION = "version";

    private TicketMapper() {}

    static Map<String, AttributeValue> key(String tenantId, String ticketId) {
        return Map.of(TableDesign.PK, Attr.s(ticketsPk(tenantId)), TableDesign.SK, Attr.s("TICKET#" + ticketId));
    }

    static Map<String, AttributeValue> pointerKey(String tenantId, String number, long menuId) {
        return Map.of(
                TableDesign.PK,
                Attr.s(ticketsPk(tenantId)),
                TableDesign.SK,
                Attr.s("OPEN#" + number + "#" + TableDesign.paddedId(menuId)));
    }

    static Map<String, AttributeValue> pointerItem(String tenantId, Ticket t) {
        Map<String, AttributeValue> item = new HashMap<>(pointerKey(tenantId, t.endUserNumber(), t.menuId()));
        item.put(TYPE, Attr.s(POINTER_TYPE));
        item.put(TICKET_ID, Attr.s(t.id()));
        return item;
    }

    static Map<String, AttributeValue> toItem(String tenantId, Ticket t) {
        Map<String, AttributeValue> item = new HashMap<>(key(tenantId, t.id()));
        item.put(TYPE, Attr.s(ITEM_TYPE));
        item.put(TICKET_ID, Attr.s(t.id()));
        item.put(OPEN, Attr.bool(t.open()));
        if (t.endUserNumber() != null) {
            item.put(END_USER_NUMBER, Attr.s(t.endUserNumber()));
        }
        if (t.menuId() != null) {
            item.put(MENU_ID, Attr.n(t.menuId()));
        }
        if (t.lastCallId() != null) {
            item.put(LAST_CALL_ID, Attr.n(t.lastCallId()));
        }
        item.put(CREATED_AT, Attr.s(t.createdAt().toString()));
        item.put(UPDATED_AT, Attr.s(t.updatedAt().toString()));
        item.put(VERSION, Attr.n(t.version()));
        return item;
    }

    static Ticket fromItem(Map<String, AttributeValue> i) {
        return new Ticket(
                Attr.string(i, TICKET_ID),
                Attr.bool(i, OPEN, true),
                Attr.string(i, END_USER_NUMBER),
                Attr.numberOrNull(i, MENU_ID),
                Attr.numberOrNull(i, LAST_CALL_ID),
                Instant.parse(Attr.string(i, CREATED_AT)),
                Instant.parse(Attr.string(i, UPDATED_AT)),
                Attr.number(i, VERSION, 0));
    }

    private static String ticketsPk(String tenantId) {
        return TableDesign.tenantPk(tenantId) + "#TICKETS";
    }
}
