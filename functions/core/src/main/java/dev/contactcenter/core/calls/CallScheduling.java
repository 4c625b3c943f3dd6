package dev.contactcenter.core.calls;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.domain.Menu;
import dev.contactcenter.core.domain.Tenant;
import dev.contactcenter.core.domain.TenantSettings;
import dev.contactcenter.core.hours.HoursJson;
import dev.contactcenter.core.hours.OpeningHours;
import dev.contactcenter.core.http.ApiException;
import dev.contactcenter.core.menu.MenuHours;
import dev.contactcenter.core.menu.MenuStore;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.store.StaleWriteException;
import dev.contactcenter.core.store.Transactions;
import dev.contactcenter.core.tenant.TenantStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scheduled call-backs: when one may be promised (in the future, within the tenant's horizon, inside the queue's
 * hours), the slot it takes a place in (capacity per slot, held by a conditional write in the call's own
 * transaction), the slots a booking UI offers, and moving a promise to another time.
 */
public final class CallScheduling {
    public static final String SCHEDULED_AT = "scheduled_at";
    /** How many free slots a refusal for a full slot suggests. */
    static final int SUGGESTED_SLOTS = 3;

    static final Duration MAX_LISTED_RANGE = Duration.ofDays(31);

    private final Backend backend;
    private final CallStore calls;
    private final TicketService tickets;
    private final MenuStore menus;
    private final MenuHours hours;
    private final TenantStore tenants;
    private final Transactions transactions;

    public CallScheduling(
            Backend backend,
            CallStore calls,
            TicketService tickets,
            MenuStore menus,
            MenuHours hours,
            TenantStore tenants,
            Transactions transactions) {
        this.backend = backend;
        this.calls = calls;
        this.tickets = tickets;
        this.menus = menus;
        this.hours = hours;
        this.tenants = tenants;
        this.transactions = transactions;
    }

    /** The queue's hours as they apply to it (its own or its nearest ancestor's). */
    public OpeningHours hoursOf(String tenantId, Menu menu) {
        return hours.of(tenantId, menu).hours();
    }

    /**
     * Checks a requested time: in the future, within the horizon, inside open hours (else 422 naming
     * {@code scheduled_at}, with the next opening when it is the hours that refuse it). Returns its slot.
     */
    OpeningHours.Interval check(ObjectNode settings, Menu menu, OpeningHours open, Instant at, Instant now) {
        if (!at.isAfter(now)) {
            throw ApiException.unprocessable(SCHEDULED_AT, "'scheduled_at' must be in the future.");
        }
        int horizonDays = TenantSettings.schedulingHorizonDays(settings);
        if (at.isAfter(now.plus(Duration.ofDays(horizonDays)))) {
            throw ApiException.unprocessable(
                            SCHEDULED_AT,
                            "'scheduled_at' must be within " + horizonDays
                                    + " days (the tenant's scheduling_horizon_days).")
                    .with("latest", Json.timestamp(now.plus(Duration.ofDays(horizonDays))));
        }
        Optional<OpeningHours.Interval> slot = open.slotAt(at, slotLength(menu));
        if (slot.isEmpty()) {
            Instant next = open.status(at).nextOpen();
            ApiException e = ApiException.unprocessable(
                    SCHEDULED_AT,
                    "Menu " + menu.id()
                            + " is closed at " + HoursJson.local(at, open.zone())
                            + (next == null ? "." : "; it next opens at " + HoursJson.local(next, open.zone()) + "."));
            if (next != null) {
                e.with("next_open", Json.timestamp(next));
            }
            throw e;
        }
        return slot.get();
    }

    /** A place in the slot, as a write of the call's transaction. */
    void book(String tenantId, Menu menu, OpeningHours.Interval slot, CallWrites writes) {
        writes.add(
                calls.bookSlot(
                        tenantId, menu.id(), slot.start(), menu.schedule().maxPerSlot()),
                CallWrites.SLOT);
    }

    /** 409 for a full slot, suggesting the free slots nearest to the one asked for. */
    ApiException full(String tenantId, Menu menu, OpeningHours open, Instant at, Instant now, ObjectNode settings) {
        Instant latest = now.plus(Duration.ofDays(TenantSettings.schedulingHorizonDays(settings)));
        Instant from = maxOf(now, at.minus(Duration.ofDays(1)));
        Instant to = minOf(latest, at.plus(Duration.ofDays(7)));
        List<ObjectNode> free = new ArrayList<>();
        Map<Instant, Long> booked = calls.booked(tenantId, menu.id(), from.minus(slotLength(menu)), to);
        open.slots(from, to, slotLength(menu)).stream()
                .filter(s -> s.end().isAfter(now) && remaining(menu, booked, s) != 0)
                .sorted(Comparator.comparing(
                        s -> Duration.between(s.start(), at).abs()))
                .limit(SUGGESTED_SLOTS)
                .sorted(Comparator.comparing(OpeningHours.Interval::start))
                .forEach(s -> free.add(slotJson(s, open, menu, booked)));
        ApiException e = ApiException.conflict(
                SCHEDULED_AT,
                "The call-back slot of " + HoursJson.local(at, open.zone()) + " in menu " + menu.id() + " is full ("
                        + menu.schedule().maxPerSlot() + " call-backs).");
        ArrayNode list = e.extensions().putArray("nearest_free_slots");
        free.forEach(list::add);
        return e;
    }

    /**
     * The first slot with room from {@code from} on, within the horizon: where an immediate call-back for a
     * closed queue goes when the tenant schedules those at the next opening.
     */
    Optional<OpeningHours.Interval> firstFree(
            String tenantId, Menu menu, OpeningHours open, Instant from, Instant now, ObjectNode settings) {
        Instant latest = now.plus(Duration.ofDays(TenantSettings.schedulingHorizonDays(settings)));
        Map<Instant, Long> booked =
                menu.schedule().maxPerSlot() == null ? Map.of() : calls.booked(tenantId, menu.id(), from, latest);
        return open.slots(from, latest, slotLength(menu)).stream()
                .filter(s -> !s.start().isBefore(from) && remaining(menu, booked, s) != 0)
                .findFirst();
    }

    /** GET /menus/{id}/callback_slots: the open slots in {@code [from, to)} with their remaining places. */
    public ObjectNode slots(String tenantId, long menuId, Optional<Instant> fromParam, Optional<Instant> toParam) {
        Instant now = backend.clock().instant();
        Instant from = fromParam.orElse(now);
        Instant to = toParam.orElse(from.plus(Duration.ofDays(1)));
        if (!to.isAfter(from) || Duration.between(from, to).compareTo(MAX_LISTED_RANGE) > 0) {
            throw ApiException.badRequest(
                    "to", "'to' must be after 'from', at most " + MAX_LISTED_RANGE.toDays() + " days later.");
        }
        Menu menu = menus.get(tenantId, menuId).orElseThrow(() -> ApiException.notFound("No menu " + menuId + "."));
        OpeningHours open = hoursOf(tenantId, menu);
        Map<Instant, Long> booked = calls.booked(tenantId, menuId, from.minus(slotLength(menu)), to);
        ObjectNode out = Json.object();
        out.put("menu_id", menuId);
        out.put("time_zone", open.zone().getId());
        out.put("slot_minutes", menu.schedule().slotMinutes());
        if (menu.schedule().maxPerSlot() == null) {
            out.putNull("max_per_slot");
        } else {
            out.put("max_per_slot", menu.schedule().maxPerSlot());
        }
        ArrayNode list = out.putArray("slots");
        for (OpeningHours.Interval s : open.slots(from, to, slotLength(menu))) {
            list.add(slotJson(s, open, menu, booked));
        }
        return out;
    }

    /** PATCH /calls/{id} with a new scheduled_at: the same checks; the old place is given back atomically. */
    public ObjectNode reschedule(String tenantId, long id, Instant at) {
        Call current = calls.get(tenantId, id).orElseThrow(() -> ApiException.notFound("No call " + id + "."));
        if (current.status() != CallStatus.SCHEDULED) {
            throw ApiException.conflict(
                            SCHEDULED_AT,
                            "Only a scheduled call-back can be rescheduled; call " + id + " is "
                                    + current.status().wireName() + ".")
                    .with("call_status", current.status().wireName());
        }
        Tenant tenant = tenants.get(tenantId).orElseThrow(() -> ApiException.notFound("No tenant " + tenantId + "."));
        Menu menu = menus.get(tenantId, current.menuId())
                .orElseThrow(() -> ApiException.notFound("No menu " + current.menuId() + "."));
        OpeningHours open = hoursOf(tenantId, menu);
        Instant now = backend.clock().instant();
        OpeningHours.Interval slot = check(tenant.settings(), menu, open, at, now);
        Call moved = current.rescheduled(at, slot.start());
        CallWrites writes = new CallWrites();
        writes.add(calls.putChanged(tenantId, moved), CallWrites.CALL);
        if (!slot.start().equals(current.slotStart())) {
            book(tenantId, menu, slot, writes);
            calls.releaseHeldSlot(tenantId, current).ifPresent(w -> writes.add(w, CallWrites.RELEASE));
        }
        String failed = write(writes);
        if (CallWrites.SLOT.equals(failed)) {
            throw full(tenantId, menu, open, at, now, tenant.settings());
        }
        if (failed != null) {
            throw ApiException.conflict("Call " + id + " changed while it was rescheduled; read it again.");
        }
        return CallJson.toJson(moved, tickets.url(tenantId, moved.ticketId()));
    }

    /** The label of the write whose condition failed, or null when the transaction committed. */
    private String write(CallWrites writes) {
        try {
            var failedAt = transactions.write(writes.actions());
            return failedAt.isEmpty() ? null : writes.label(failedAt.getAsInt());
        } catch (StaleWriteException e) {
            throw ApiException.conflict("The call-back's slot is busy with other changes; retry the request.");
        }
    }

    static Duration slotLength(Menu menu) {
        return Duration.ofMinutes(menu.schedule().slotMinutes());
    }

    /** Places left in a slot; -1 when unlimited. */
    private static long remaining(Menu menu, Map<Instant, Long> booked, OpeningHours.Interval slot) {
        Long max = menu.schedule().maxPerSlot();
        return max == null ? -1 : Math.max(0, max - booked.getOrDefault(slot.start(), 0L));
    }

    private static ObjectNode slotJson(
            OpeningHours.Interval s, OpeningHours open, Menu menu, Map<Instant, Long> booked) {
        ObjectNode o = Json.object();
        o.put("start", Json.timestamp(s.start()));
        o.put("end", Json.timestamp(s.end()));
        o.put("start_local", HoursJson.local(s.start(), open.zone()));
        o.put("end_local", HoursJson.local(s.end(), open.zone()));
        o.put("booked", booked.getOrDefault(s.start(), 0L));
        long remaining = remaining(menu, booked, s);
        if (remaining < 0) {
            o.putNull("remaining");
        } else {
            o.put("remaining", remaining);
        }
        return o;
    }

    private static Instant maxOf(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant minOf(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
