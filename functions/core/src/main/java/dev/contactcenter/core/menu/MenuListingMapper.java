package dev.contactcenter.core.menu;

import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.domain.Menu;
import dev.contactcenter.core.domain.MenuType;
import dev.contactcenter.core.domain.QueueSchedule;
import dev.contactcenter.core.domain.StaleLimits;
import dev.contactcenter.core.hours.HoursJson;
import dev.contactcenter.core.store.Attr;
import dev.contactcenter.core.store.TableDesign;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A menu's listing: the part of a menu that {@code GET /wait_times} reads, kept beside the menu item in the menu
 * partition ({@code SK = WT#{id16}}) and written in the same transaction as the menu whenever that part changes.
 * Every wait-time read loads every menu of the tenant, so this item is as small as it can be: one-letter names,
 * codes for the menu type and channels, and no tree path or names path (both follow from the parent ids and names
 * of the other listings, read in the same Query). About 70 bytes against the menu item's 450.
 * <pre>
 * p   N  parent menu id (absent at the top level)     n   S  name
 * t   S  menu type: i, m or w                           c   S  channels in order: v (voice_call), c (chat)
 * l   S  languages, space-separated                     o   N  position among siblings
 * h   N  default handle time (s)                        r   N  priority
 * hr  S  own hours of operation, as the menu keeps them (absent: its ancestors' decide)
 * mw  N  max_wait_seconds, mh N max_handle_seconds (absent: the defaults)
 * v   N  the menu's version when the listing was written: names this content for readers' caches
 * </pre>
 * The item {@code SK = WT#} (sorted before every listing) marks a tenant whose every menu has its listing: a tenant
 * created with listings (its first menu, id 1, writes the mark) or migrated by {@code ops migrate-menu-listings}.
 * Without it, readers fall back to the menu items themselves.
 */
public final class MenuListingMapper {
    public static final String SK_PREFIX = "WT#";
    private static final String PARENT = "p";
    private static final String NAME = "n";
    private static final String TYPE = "t";
    private static final String CHANNELS = "c";
    private static final String LANGUAGES = "l";
    private static final String POSITION = "o";
    private static final String HANDLE = "h";
    private static final String PRIORITY = "r";
    private static final String HOURS = "hr";
    private static final String MAX_WAIT = "mw";
    private static final String MAX_HANDLE = "mh";
    public static final String VERSION = "v";

    private MenuListingMapper() {}

    public static Map<String, AttributeValue> key(String tenantId, long menuId) {
        return Map.of(
                TableDesign.PK,
                Attr.s(TableDesign.menusPk(tenantId)),
                TableDesign.SK,
                Attr.s(SK_PREFIX + TableDesign.paddedId(menuId)));
    }

    /** The mark of a tenant whose menus all have their listing. */
    public static Map<String, AttributeValue> completeMark(String tenantId) {
        return Map.of(TableDesign.PK, Attr.s(TableDesign.menusPk(tenantId)), TableDesign.SK, Attr.s(SK_PREFIX));
    }

    public static boolean isCompleteMark(Map<String, AttributeValue> item) {
        return SK_PREFIX.equals(Attr.string(item, TableDesign.SK));
    }

    public static Map<String, AttributeValue> toItem(String tenantId, Menu m) {
        Map<String, AttributeValue> item = new HashMap<>(key(tenantId, m.id()));
        if (m.parentId() != null) {
            item.put(PARENT, Attr.n(m.parentId()));
        }
        item.put(NAME, Attr.s(m.name()));
        item.put(TYPE, Attr.s(typeCode(m.menuType())));
        StringBuilder channels = new StringBuilder(2);
        for (Channel c : m.channels()) {
            channels.append(c == Channel.CHAT ? 'c' : 'v');
        }
        item.put(CHANNELS, Attr.s(channels.toString()));
        item.put(LANGUAGES, Attr.s(String.join(" ", m.languages())));
        item.put(POSITION, Attr.n(m.position()));
        item.put(HANDLE, Attr.n(m.defaultHandleTimeSeconds()));
        item.put(PRIORITY, Attr.n(m.priority()));
        if (m.schedule().hours() != null) {
            item.put(HOURS, Attr.s(HoursJson.text(m.schedule().hours())));
        }
        if (m.staleLimits().maxWaitSeconds() != StaleLimits.DEFAULT.maxWaitSeconds()) {
            item.put(MAX_WAIT, Attr.n(m.staleLimits().maxWaitSeconds()));
        }
        if (m.staleLimits().maxHandleSeconds() != StaleLimits.DEFAULT.maxHandleSeconds()) {
            item.put(MAX_HANDLE, Attr.n(m.staleLimits().maxHandleSeconds()));
        }
        item.put(VERSION, Attr.n(m.version()));
        return item;
    }

    /** Whether the two states of a menu have the same listing: a change that leaves it alone does not rewrite it. */
    public static boolean sameListing(Menu a, Menu b) {
        Map<String, AttributeValue> x = toItem("", a);
        Map<String, AttributeValue> y = toItem("", b);
        x.remove(VERSION);
        y.remove(VERSION);
        return x.equals(y);
    }

    /**
     * The menus of a tenant from its listings (the complete mark left out). Tree paths and names paths are built
     * from the parent ids, as menu writes build them; a listing whose parent is not among them stands at the top.
     * The fields a listing does not keep (recording, outbound numbers, call-back slots, Dial 0, counts, timestamps)
     * are left empty: these menus serve wait times only.
     */
    public static List<Menu> menus(List<Map<String, AttributeValue>> listings) {
        Map<Long, Map<String, AttributeValue>> byId = new HashMap<>(listings.size() * 2);
        for (Map<String, AttributeValue> item : listings) {
            if (!isCompleteMark(item)) {
                byId.put(id(item), item);
            }
        }
        Map<Long, String[]> paths = new HashMap<>(byId.size() * 2);
        List<Menu> menus = new ArrayList<>(byId.size());
        for (Map<String, AttributeValue> item : byId.values()) {
            long id = id(item);
            String[] path = paths(id, byId, paths);
            menus.add(menu(id, item, path[0], path[1]));
        }
        return menus;
    }

    /** The tree path and names path of a listed menu, its ancestors' computed first (without recursion). */
    private static String[] paths(long id, Map<Long, Map<String, AttributeValue>> byId, Map<Long, String[]> paths) {
        List<Long> chain = new ArrayList<>();
        Long at = id;
        while (at != null && !paths.containsKey(at) && byId.containsKey(at) && chain.size() <= byId.size()) {
            chain.add(at);
            at = Attr.numberOrNull(byId.get(at), PARENT);
        }
        String[] above = at != null ? paths.get(at) : null;
        for (int i = chain.size() - 1; i >= 0; i--) {
            long menuId = chain.get(i);
            String name = Attr.string(byId.get(menuId), NAME);
            above = above == null
                    ? new String[] {"/" + TableDesign.paddedId(menuId) + "/", name}
                    : new String[] {above[0] + TableDesign.paddedId(menuId) + "/", above[1] + Menu.PATH_SEPARATOR + name
                    };
            paths.put(menuId, above);
        }
        return paths.get(id);
    }

    private static Menu menu(long id, Map<String, AttributeValue> item, String treePath, String namesPath) {
        List<Channel> channels = new ArrayList<>(2);
        for (char c : Attr.string(item, CHANNELS).toCharArray()) {
            channels.add(c == 'c' ? Channel.CHAT : Channel.VOICE_CALL);
        }
        String languages = Attr.string(item, LANGUAGES);
        return new Menu(
                id,
                Attr.numberOrNull(item, PARENT),
                Attr.string(item, NAME),
                type(Attr.string(item, TYPE)),
                List.copyOf(channels),
                languages.isEmpty() ? List.of() : List.of(languages.split(" ")),
                Attr.number(item, POSITION, 0),
                null,
                List.of(),
                Attr.number(item, HANDLE, 300),
                Attr.number(item, PRIORITY, 0),
                new QueueSchedule(MenuMapper.hours(Attr.string(item, HOURS)), QueueSchedule.DEFAULT_SLOT_MINUTES, null),
                null,
                new StaleLimits(
                        Attr.number(item, MAX_WAIT, StaleLimits.DEFAULT.maxWaitSeconds()),
                        Attr.number(item, MAX_HANDLE, StaleLimits.DEFAULT.maxHandleSeconds())),
                treePath,
                namesPath,
                0,
                0,
                Attr.number(item, VERSION, 0),
                null,
                null);
    }

    private static long id(Map<String, AttributeValue> item) {
        return Long.parseLong(Attr.string(item, TableDesign.SK).substring(SK_PREFIX.length()));
    }

    private static String typeCode(MenuType type) {
        return switch (type) {
            case IVR_MENU -> "i";
            case MOBILE_MENU -> "m";
            case WEB_MENU -> "w";
        };
    }

    private static MenuType type(String code) {
        return switch (code) {
            case "i" -> MenuType.IVR_MENU;
            case "m" -> MenuType.MOBILE_MENU;
            case "w" -> MenuType.WEB_MENU;
            default -> throw new IllegalStateException("stored menu type code " + code);
        };
    }
}
