package dev.contactcenter.core.menu;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.domain.Menu;
import dev.contactcenter.core.hours.HoursJson;
import dev.contactcenter.core.hours.OpeningHours;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.function.Function;

/**
 * The hours a queue keeps: its own, else its nearest ancestor's, else (a top-level menu without hours) around
 * the clock.
 */
public final class MenuHours {
    private static final Effective ALWAYS = new Effective(OpeningHours.alwaysOpen(), null);
    private final MenuStore menus;

    public MenuHours(MenuStore menus) {
        this.menus = menus;
    }

    /** The hours in force and the menu that sets them (null when none does). */
    public record Effective(OpeningHours hours, Long fromMenuId) {}

    /** One GetItem-free answer when the menu has hours; else one BatchGetItem of its ancestors. */
    public Effective of(String tenantId, Menu menu) {
        if (menu.schedule().hours() != null || menu.parentId() == null) {
            return resolve(menu, id -> null);
        }
        Map<Long, Menu> ancestors = menus.getAll(tenantId, menu.ancestorIds());
        return resolve(menu, ancestors::get);
    }

    /** GET /menus/{id}/hours/next: whether the queue is open at {@code at}, and its next opening and closing. */
    public ObjectNode next(String tenantId, Menu menu, Instant at) {
        Effective effective = of(tenantId, menu);
        OpeningHours.Status s = effective.hours().status(at);
        ZoneId zone = effective.hours().zone();
        ObjectNode out = Json.object();
        out.put("menu_id", menu.id());
        out.put("time_zone", effective.hours().isAlwaysOpen() ? null : zone.getId());
        if (effective.fromMenuId() == null) {
            out.putNull("hours_from_menu_id");
        } else {
            out.put("hours_from_menu_id", effective.fromMenuId());
        }
        out.put("at", Json.timestamp(at));
        out.put("open", s.open());
        out.put("next_open", Json.timestamp(s.nextOpen()));
        out.put("next_close", Json.timestamp(s.nextClose()));
        out.put("next_open_local", HoursJson.local(s.nextOpen(), zone));
        out.put("next_close_local", HoursJson.local(s.nextClose(), zone));
        return out;
    }

    /** From menus already read ({@code byId} answers null for a menu it does not know). */
    public static Effective resolve(Menu menu, Function<Long, Menu> byId) {
        if (menu.schedule().hours() != null) {
            return new Effective(menu.schedule().hours(), menu.id());
        }
        // up the parents (a structure is a few levels deep)
        for (Menu m = menu; m.parentId() != null; ) {
            m = byId.apply(m.parentId());
            if (m == null) {
                break;
            }
            if (m.schedule().hours() != null) {
                return new Effective(m.schedule().hours(), m.id());
            }
        }
        return ALWAYS;
    }
}
