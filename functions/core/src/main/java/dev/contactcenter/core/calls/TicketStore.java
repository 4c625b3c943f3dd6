package dev.contactcenter.core.calls;

import dev.contactcenter.core.store.Attr;
import dev.contactcenter.core.store.Backend;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

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
        return read(TicketMapper.key(tenantId, ticketId)).map(TicketMapper::fromItem);
    }

    /** The id of the open ticket of this end user for this queue, if there is one. */
    public Optional<String> openTicketId(String tenantId, String endUserNumber, long menuId) {
        return read(TicketMapper.pointerKey(tenantId, endUserNumber, menuId))
                .map(i -> Attr.string(i, TicketMapper.TICKET_ID));
    }

    /** A ticket written as given: new ({@code version 0}) or replacing the version it was read at. */
    public TransactWriteItem put(String tenantId, Ticket t) {
        Put.Builder put = Put.builder().tableName(backend.table()).item(TicketMapper.toItem(tenantId, t));
        if (t.version() == 0) {
            put.conditionExpression("attribute_not_exists(PK)");
        } else {
            put.conditionExpression("#version = :v")
                    .expressionAttributeNames(Map.of("#version", TicketMapper.VERSION))
                    .expressionAttributeValues(Map.of(":v", Attr.n(t.version() - 1)));
        }
        return TransactWriteItem.builder().put(put.build()).build();
    }

    /** Points the end user's queue at this open ticket; fails if another open ticket holds the place. */
    public TransactWriteItem claimOpenPointer(String tenantId, Ticket t) {
        return TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(backend.table())
                        .item(TicketMapper.pointerItem(tenantId, t))
                        .conditionExpression("attribute_not_exists(PK) OR #ticket = :id")
                        .expressionAttributeNames(Map.of("#ticket", TicketMapper.TICKET_ID))
                        .expressionAttributeValues(Map.of(":id", Attr.s(t.id())))
                        .build())
                .build();
    }

    public TransactWriteItem releaseOpenPointer(String tenantId, Ticket t) {
        return TransactWriteItem.builder()
                .delete(Delete.builder()
                        .tableName(backend.table())
                        .key(TicketMapper.pointerKey(tenantId, t.endUserNumber(), t.menuId()))
                        .conditionExpression("attribute_not_exists(PK) OR #ticket = :id")
                        .expressionAttributeNames(Map.of("#ticket", TicketMapper.TICKET_ID))
                        .expressionAttributeValues(Map.of(":id", Attr.s(t.id())))
                        .build())
                .build();
    }

    private Optional<Map<String, AttributeValue>> read(Map<String, AttributeValue> key) {
        GetItemResponse r = backend.dynamo()
                .getItem(b -> b.tableName(backend.table()).key(key).consistentRead(true));
        return r.hasItem() && !r.item().isEmpty() ? Optional.of(r.item()) : Optional.empty();
    }
}
