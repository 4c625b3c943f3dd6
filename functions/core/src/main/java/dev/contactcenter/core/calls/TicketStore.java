package dev.contactcenter.core.calls;

import dev.contactcenter.core.store.Attr;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.store.TableDesign;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Tickets ({@code TENANT#t#TICKETS / TICKET#{id}}) and, per end user and queue, a pointer to the open
 * ticket ({@code OPEN#{number}#{menu}}) that the find-or-create rule reads with one GetItem.
 */
public final class TicketStore {
    private final Backend backend;

    public TicketStore(Backend backend) {
        this.backend = backend;
    }

    public Optional<Ticket> get(String tenantId, String ticketId) {
        return read(key(tenantId, ticketId)).map(TicketStore::fromItem);
    }

    /** The id of the open ticket of this end user for this queue, if there is one. */
    public Optional<String> openTicketId(String tenantId, String endUserNumber, long menuId) {
        return read(pointerKey(tenantId, endUserNumber, menuId)).map(i -> Attr.string(i, "ticket_id"));
    }

    /** A ticket written as given: new ({@code version 0}) or replacing the version it was read at. */
    public TransactWriteItem put(String tenantId, Ticket t) {
        Map<String, AttributeValue> item = new HashMap<>(key(tenantId, t.id()));
        item.put("type", Attr.s("ticket"));
        item.put("ticket_id", Attr.s(t.id()));
        item.put("open", Attr.bool(t.open()));
        if (t.endUserNumber() != null) {
            item.put("end_user_number", Attr.s(t.endUserNumber()));
        }
        if (t.menuId() != null) {
            item.put("menu_id", Attr.n(t.menuId()));
        }
        if (t.lastCallId() != null) {
            item.put("last_call_id", Attr.n(t.lastCallId()));
        }
        item.put("created_at", Attr.s(t.createdAt().toString()));
        item.put("updated_at", Attr.s(t.updatedAt().toString()));
        item.put("version", Attr.n(t.version()));
        Put.Builder put = Put.builder().tableName(backend.table()).item(item);
        if (t.version() == 0) {
            put.conditionExpression("attribute_not_exists(PK)");
        } else {
            put.conditionExpression("version = :v").expressionAttributeValues(Map.of(":v", Attr.n(t.version() - 1)));
        }
        return TransactWriteItem.builder().put(put.build()).build();
    }

    /** Points the end user's queue at this open ticket; fails if another open ticket holds the place. */
    public TransactWriteItem claimOpenPointer(String tenantId, Ticket t) {
        Map<String, AttributeValue> item = new HashMap<>(pointerKey(tenantId, t.endUserNumber(), t.menuId()));
        item.put("type", Attr.s("open_ticket"));
        item.put("ticket_id", Attr.s(t.id()));
        return TransactWriteItem.builder().put(Put.builder().tableName(backend.table()).item(item)
                .conditionExpression("attribute_not_exists(PK) OR ticket_id = :id")
                .expressionAttributeValues(Map.of(":id", Attr.s(t.id()))).build()).build();
    }

    public TransactWriteItem releaseOpenPointer(String tenantId, Ticket t) {
        return TransactWriteItem.builder().delete(Delete.builder().tableName(backend.table())
                .key(pointerKey(tenantId, t.endUserNumber(), t.menuId()))
                .conditionExpression("attribute_not_exists(PK) OR ticket_id = :id")
                .expressionAttributeValues(Map.of(":id", Attr.s(t.id()))).build()).build();
    }

    private Optional<Map<String, AttributeValue>> read(Map<String, AttributeValue> key) {
        GetItemResponse r = backend.dynamo().getItem(b -> b.tableName(backend.table()).key(key).consistentRead(true));
        return r.hasItem() && !r.item().isEmpty() ? Optional.of(r.item()) : Optional.empty();
    }

    private static String ticketsPk(String tenantId) {
        return TableDesign.tenantPk(tenantId) + "#TICKETS";
    }

    private static Map<String, AttributeValue> key(String tenantId, String ticketId) {
        return Map.of(TableDesign.PK, Attr.s(ticketsPk(tenantId)), TableDesign.SK, Attr.s("TICKET#" + ticketId));
    }

    private static Map<String, AttributeValue> pointerKey(String tenantId, String number, long menuId) {
        return Map.of(TableDesign.PK, Attr.s(ticketsPk(tenantId)), TableDesign.SK,
                Attr.s("OPEN#" + number + "#" + TableDesign.paddedId(menuId)));
    }

    private static Ticket fromItem(Map<String, AttributeValue> i) {
        return new Ticket(Attr.string(i, "ticket_id"), Attr.bool(i, "open", true), Attr.string(i, "end_user_number"),
                Attr.numberOrNull(i, "menu_id"), Attr.numberOrNull(i, "last_call_id"),
                Instant.parse(Attr.string(i, "created_at")), Instant.parse(Attr.string(i, "updated_at")), Attr.number(i, "version", 0));
    }
}
