package dev.contactcenter.core.calls;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.domain.TenantSettings;
import dev.contactcenter.core.http.ApiException;
import dev.contactcenter.core.http.Fields;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.store.StaleWriteException;
import dev.contactcenter.core.store.Transactions;
import dev.contactcenter.core.tenant.TenantStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Tickets: the one a call-back attaches to (find-or-create, at most one open per end user and queue), and
 * GET/PATCH /tickets/{id}.
 */
public final class TicketService {
    private final Backend backend;
    private final TicketStore tickets;
    private final TenantStore tenants;
    private final Transactions transactions;

    public TicketService(Backend backend, TicketStore tickets, TenantStore tenants, Transactions transactions) {
        this.backend = backend;
        this.tickets = tickets;
        this.tenants = tenants;
        this.transactions = transactions;
    }

    public Optional<Ticket> find(String tenantId, String ticketId) {
        return ticketId == null ? Optional.empty() : tickets.get(tenantId, ticketId);
    }

    /**
     * The ticket a new call attaches to: the one named ({@code known}, or created under {@code ticketId}),
     * else the end user's open ticket for the queue, else a new one. Its writes join the call's transaction.
     */
    Ticket attach(
            String tenantId,
            String ticketId,
            Optional<Ticket> known,
            String number,
            long menuId,
            long callId,
            Instant now,
            CallWrites writes) {
        if (known.isPresent()) {
            Ticket t = known.get();
            Ticket attached = new Ticket(
                    t.id(),
                    t.open(),
                    t.endUserNumber() == null ? number : t.endUserNumber(),
                    t.menuId() == null ? menuId : t.menuId(),
                    callId,
                    t.createdAt(),
                    now,
                    t.version() + 1);
            writes.add(tickets.put(tenantId, attached), CallWrites.TICKET);
            return attached;
        }
        if (ticketId != null) {
            Ticket created = new Ticket(ticketId, true, number, menuId, callId, now, now, 0);
            writes.add(tickets.put(tenantId, created), CallWrites.TICKET);
            return created;
        }
        Optional<Ticket> open = tickets.openTicketId(tenantId, number, menuId).flatMap(id -> tickets.get(tenantId, id));
        if (open.isPresent()) {
            return attach(tenantId, null, open, number, menuId, callId, now, writes);
        }
        Ticket created = new Ticket("cb-" + callId, true, number, menuId, callId, now, now, 0);
        writes.add(tickets.put(tenantId, created), CallWrites.TICKET);
        writes.add(tickets.claimOpenPointer(tenantId, created), CallWrites.OPEN_TICKET);
        return created;
    }

    public ObjectNode get(String tenantId, String ticketId) {
        Ticket t = known(tenantId, ticketId);
        return CallJson.ticket(t, url(tenantId, t.id()));
    }

    /** PATCH /tickets/{id}: close or reopen, keeping at most one open ticket per end user and queue. */
    public ObjectNode change(String tenantId, String ticketId, ObjectNode body) {
        Fields f = new Fields(body, Set.of("status"));
        Optional<String> status = f.optionalEnum(
                "status",
                s -> s.equals("open") || s.equals("closed") ? Optional.of(s) : Optional.empty(),
                List.of("open", "closed"));
        if (!f.has("status")) {
            f.error("status", "'status' is required: open or closed.");
        }
        f.throwIfInvalid();
        Ticket t = known(tenantId, ticketId);
        boolean open = status.get().equals("open");
        if (open == t.open()) {
            return CallJson.ticket(t, url(tenantId, t.id()));
        }
        Ticket changed = new Ticket(
                t.id(),
                open,
                t.endUserNumber(),
                t.menuId(),
                t.lastCallId(),
                t.createdAt(),
                backend.clock().instant(),
                t.version() + 1);
        List<TransactWriteItem> actions = new ArrayList<>();
        actions.add(tickets.put(tenantId, changed));
        if (t.endUserNumber() != null && t.menuId() != null) {
            actions.add(
                    open ? tickets.claimOpenPointer(tenantId, changed) : tickets.releaseOpenPointer(tenantId, changed));
        }
        OptionalInt failed;
        try {
            failed = transactions.write(actions);
        } catch (StaleWriteException e) {
            failed = OptionalInt.of(0);
        }
        if (failed.isPresent()) {
            throw ApiException.conflict(
                    open && failed.getAsInt() == 1
                            ? "Another ticket is already open for this end user and queue."
                            : "Ticket " + ticketId + " changed while this request was applied; read it again.");
        }
        return CallJson.ticket(changed, url(tenantId, changed.id()));
    }

    /** The ticket's URL in the tenant's ticketing system (settings.ticket_url_template), if it has one. */
    String url(String tenantId, String ticketId) {
        return tenants.get(tenantId)
                .map(t -> TenantSettings.ticketUrl(t.settings(), ticketId))
                .orElse(null);
    }

    /** An id that cannot be a ticket's names none (and never reaches DynamoDB's key size limits). */
    private Ticket known(String tenantId, String ticketId) {
        if (!Ticket.isValidId(ticketId)) {
            throw ApiException.notFound("No ticket with that id.");
        }
        return tickets.get(tenantId, ticketId).orElseThrow(() -> ApiException.notFound("No ticket with that id."));
    }
}
