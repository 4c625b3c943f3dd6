package dev.contactcenter.core.menu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.domain.DialZero;
import dev.contactcenter.core.domain.Languages;
import dev.contactcenter.core.domain.Menu;
import dev.contactcenter.core.domain.MenuTree;
import dev.contactcenter.core.domain.MenuType;
import dev.contactcenter.core.domain.OutboundNumber;
import dev.contactcenter.core.domain.PhoneNumbers;
import dev.contactcenter.core.domain.QueueSchedule;
import dev.contactcenter.core.domain.RecordingOption;
import dev.contactcenter.core.domain.StaleLimits;
import dev.contactcenter.core.domain.TenantSettings;
import dev.contactcenter.core.hours.HoursJson;
import dev.contactcenter.core.hours.OpeningHours;
import dev.contactcenter.core.http.ApiException;
import dev.contactcenter.core.http.Fields;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.store.StaleWriteException;
import dev.contactcenter.core.store.TableDesign;
import dev.contactcenter.core.tenant.TenantStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/** The queue structure: creating, reading, changing and removing menus, with the tree kept consistent. */
public final class MenuService {
    static final Set<String> FIELDS = new LinkedHashSet<>(List.of(
            "name",
            "parent_id",
            "menu_type",
            "channels",
            "languages",
            "position",
            "recording_option",
            "outbound_numbers",
            "default_handle_time_seconds",
            "priority",
            "hours",
            "callback_slot_minutes",
            "max_callbacks_per_slot",
            "dial_zero",
            "max_wait_seconds",
            "max_handle_seconds"));
    private static final int MAX_NAME = 100;
    private static final int MAX_OUTBOUND_NUMBERS = 50;
    /**
     * The moved menu's listing and the child-count updates on the old and new parent share the transaction with the
     * moved subtree (descendants' listings do not change: they keep parent ids and names, not paths).
     */
    static final int MAX_SUBTREE_CHANGE = MenuStore.MAX_TRANSACTION_ITEMS - 3;

    private final Backend backend;
    private final MenuStore menus;
    private final TenantStore tenants;
    private final List<MenuDependents> dependents;

    public MenuService(Backend backend, MenuStore menus, TenantStore tenants, List<MenuDependents> dependents) {
        this.backend = backend;
        this.menus = menus;
        this.tenants = tenants;
        this.dependents = List.copyOf(dependents);
    }

    /**
     * Without dependents: for tools that only create and read menus (the ops CLI's import, seeding). A menu
     * with DAPs or a live queue is changed or deleted only through the handler's fully wired service.
     */
    public MenuService(Backend backend) {
        this(backend, new MenuStore(backend), new TenantStore(backend), List.of());
    }

    public MenuStore store() {
        return menus;
    }

    public Menu get(String tenantId, long id) {
        return menus.get(tenantId, id).orElseThrow(() -> ApiException.notFound("No menu " + id + "."));
    }

    /** All menus in tree order, optionally only one type and those enabled for a language. */
    public List<Menu> list(String tenantId, Optional<MenuType> type, Optional<String> lang) {
        List<Menu> ordered = MenuTree.depthFirst(menus.all(tenantId));
        List<Menu> out = new ArrayList<>(ordered.size());
        for (Menu m : ordered) {
            if (type.map(t -> t == m.menuType()).orElse(true)
                    && lang.map(m::servesLanguage).orElse(true)) {
                out.add(m);
            }
        }
        return out;
    }

    public Menu create(String tenantId, ObjectNode body) {
        Fields f = new Fields(body, FIELDS);
        String name = name(f, true);
        Optional<Long> parentId = f.optionalInteger("parent_id", 1, Fields.MAX_SAFE_INTEGER);
        Optional<MenuType> type = f.optionalEnum("menu_type", MenuType::fromWire, MenuType.WIRE_NAMES);
        Settings s = settings(f, tenantId);
        Menu parent = null;
        if (parentId.isPresent()) {
            parent = menus.get(tenantId, parentId.get()).orElse(null);
            if (parent == null) {
                f.error("parent_id", "No menu " + parentId.get() + " to be the parent.");
            } else if (type.isPresent() && type.get() != parent.menuType()) {
                f.error(
                        "menu_type",
                        "A child menu has its parent's type, '"
                                + parent.menuType().wireName() + "'.");
            }
        } else if (type.isEmpty() && !f.has("menu_type")) {
            f.error(
                    "menu_type",
                    "'menu_type' is required for a top-level menu: one of " + String.join(", ", MenuType.WIRE_NAMES)
                            + ".");
        }
        Optional<Optional<DialZero>> dialZero =
                dialZero(f, tenantId, parent != null ? parent.menuType() : type.orElse(null));
        f.throwIfInvalid();

        long id = menus.allocateId(tenantId);
        Instant now = backend.clock().instant();
        String treePath = (parent == null ? "/" : parent.treePath()) + TableDesign.paddedId(id) + "/";
        String path = parent == null ? name : parent.materializedPath() + Menu.PATH_SEPARATOR + name;
        Menu menu = new Menu(
                id,
                parent == null ? null : parent.id(),
                name,
                parent == null ? type.get() : parent.menuType(),
                s.channels.orElse(parent == null ? List.of(Channel.VOICE_CALL) : parent.channels()),
                s.languages.orElse(parent == null ? List.of("en") : parent.languages()),
                s.position.orElse(0L),
                s.recording.orElse(parent == null ? RecordingOption.DO_NOT_RECORD : parent.recordingOption()),
                s.outbound.orElse(List.of()),
                s.handleTime.orElse(300L),
                s.priority.orElse(0L),
                s.schedule(QueueSchedule.DEFAULT),
                dialZero.flatMap(d -> d).orElse(null),
                s.staleLimits(StaleLimits.DEFAULT),
                treePath,
                path,
                0,
                0,
                0,
                now,
                now);
        List<TransactWriteItem> actions = new ArrayList<>();
        actions.add(menus.putNew(tenantId, menu));
        actions.add(menus.putListing(tenantId, menu));
        if (id == 1) {
            // a tenant's first menu: every menu it will have gets its listing, so wait times may read only those
            actions.add(menus.putListingsComplete(tenantId));
        }
        if (parent != null) {
            actions.add(menus.adjustChildCount(tenantId, parent.id(), parent.treePath(), 1));
        }
        try {
            menus.transact(actions);
        } catch (StaleWriteException e) {
            throw ApiException.conflict("The parent menu was moved or removed while this menu was created; retry.");
        }
        return menu;
    }

    public Menu patch(String tenantId, long id, ObjectNode body) {
        Fields f = new Fields(body, FIELDS);
        Menu current = get(tenantId, id);
        String name = f.has("name") ? name(f, true) : current.name();
        Optional<MenuType> type = f.optionalEnum("menu_type", MenuType::fromWire, MenuType.WIRE_NAMES);
        if (type.isPresent() && type.get() != current.menuType()) {
            f.error("menu_type", "A menu's type cannot change; create the menu in the other structure instead.");
        }
        boolean moves = f.has("parent_id");
        Optional<Long> newParentId = f.optionalInteger("parent_id", 1, Fields.MAX_SAFE_INTEGER);
        Settings s = settings(f, tenantId);
        Menu newParent = null;
        if (moves && newParentId.isPresent()) {
            newParent = menus.get(tenantId, newParentId.get()).orElse(null);
            if (newParent == null) {
                f.error("parent_id", "No menu " + newParentId.get() + " to be the parent.");
            } else if (newParent.treePath().startsWith(current.treePath())) {
                f.error("parent_id", "A menu cannot move below itself or its own descendants.");
            } else if (newParent.menuType() != current.menuType()) {
                f.error(
                        "parent_id",
                        "The new parent is a " + newParent.menuType().wireName()
                                + "; a menu stays in its own structure ("
                                + current.menuType().wireName() + ").");
            }
        }
        Optional<Optional<DialZero>> dialZero = dialZero(f, tenantId, current.menuType());
        f.throwIfInvalid();
        for (MenuDependents d : dependents) {
            d.checkChange(tenantId, current, moves && newParentId.isPresent(), s.languages);
        }

        Long parentId = moves ? newParentId.orElse(null) : current.parentId();
        boolean placeChanges = moves && !java.util.Objects.equals(parentId, current.parentId());
        Instant now = backend.clock().instant();
        Menu parentNow =
                placeChanges ? newParent : (current.parentId() == null ? null : get(tenantId, current.parentId()));
        String treePath = placeChanges
                ? (newParent == null ? "/" : newParent.treePath()) + TableDesign.paddedId(id) + "/"
                : current.treePath();
        String path = parentNow == null ? name : parentNow.materializedPath() + Menu.PATH_SEPARATOR + name;
        Menu updated = new Menu(
                id,
                parentId,
                name,
                current.menuType(),
                s.channels.orElse(current.channels()),
                s.languages.orElse(current.languages()),
                s.position.orElse(current.position()),
                s.recording.orElse(current.recordingOption()),
                s.outbound.orElse(current.outboundNumbers()),
                s.handleTime.orElse(current.defaultHandleTimeSeconds()),
                s.priority.orElse(current.priority()),
                s.schedule(current.schedule()),
                dialZero.isPresent() ? dialZero.get().orElse(null) : current.dialZero(),
                s.staleLimits(current.staleLimits()),
                treePath,
                path,
                current.childCount(),
                current.dependents(),
                current.version() + 1,
                current.createdAt(),
                now);

        List<TransactWriteItem> actions = new ArrayList<>();
        actions.add(menus.putChanged(tenantId, updated));
        if (!path.equals(current.materializedPath()) || !treePath.equals(current.treePath())) {
            // descendants' tree paths and names follow in the same transaction
            for (Menu d : menus.subtree(tenantId, current.treePath())) {
                if (d.id() == id) {
                    continue;
                }
                String dTree =
                        treePath + d.treePath().substring(current.treePath().length());
                String dPath = path
                        + d.materializedPath()
                                .substring(current.materializedPath().length());
                actions.add(menus.putChanged(tenantId, d.withPlacement(d.parentId(), dTree, dPath, now)));
            }
            if (actions.size() > MAX_SUBTREE_CHANGE) {
                throw ApiException.unprocessable(
                        moves ? "parent_id" : "name",
                        "This menu has "
                                + (actions.size() - 1) + " descendants; a rename or move changes at most "
                                + (MAX_SUBTREE_CHANGE - 1) + " at once. Move smaller subtrees first.");
            }
        }
        if (!MenuListingMapper.sameListing(current, updated)) {
            actions.add(menus.putListing(tenantId, updated));
        }
        if (placeChanges) {
            if (current.parentId() != null) {
                Menu oldParent = get(tenantId, current.parentId());
                actions.add(menus.adjustChildCount(tenantId, oldParent.id(), oldParent.treePath(), -1));
            }
            if (newParent != null) {
                actions.add(menus.adjustChildCount(tenantId, newParent.id(), newParent.treePath(), 1));
            }
        }
        try {
            menus.transact(actions);
        } catch (StaleWriteException e) {
            throw ApiException.conflict(
                    "The menu or its subtree changed while this request was applied; read it again and retry.");
        }
        return updated;
    }

    public void delete(String tenantId, long id) {
        Menu menu = get(tenantId, id);
        if (menu.childCount() > 0) {
            throw ApiException.conflict(
                            "Menu " + id + " has " + menu.childCount() + " child menu(s); delete or move them first.")
                    .with("child_count", menu.childCount());
        }
        if (menu.dependents() > 0) {
            throw ApiException.conflict("Menu " + id + " is still used by " + menu.dependents()
                            + " record(s) (call-backs, direct access points); remove them first.")
                    .with("dependents", menu.dependents());
        }
        List<TransactWriteItem> actions = new ArrayList<>();
        actions.add(menus.delete(tenantId, menu));
        actions.add(menus.deleteListing(tenantId, id));
        // what other features keep about the menu (its live queue state) goes with it
        for (MenuDependents d : dependents) {
            actions.addAll(d.removals(tenantId, id));
        }
        if (menu.parentId() != null) {
            Menu parent = get(tenantId, menu.parentId());
            actions.add(menus.adjustChildCount(tenantId, parent.id(), parent.treePath(), -1));
        }
        try {
            menus.transact(actions);
        } catch (StaleWriteException e) {
            throw ApiException.conflict(
                    "Menu " + id + " changed or gained children or dependents while it was deleted; read it again.");
        }
    }

    private static String name(Fields f, boolean required) {
        String name = required
                ? f.requiredString("name", MAX_NAME)
                : f.optionalString("name", MAX_NAME).orElse(null);
        if (name != null && name.contains(Menu.PATH_SEPARATOR.strip())) {
            f.error("name", "'name' must not contain '/': it separates names in materialized paths.");
            return null;
        }
        return name;
    }

    /** The optional settings shared by create and patch. */
    private record Settings(
            Optional<List<Channel>> channels,
            Optional<List<String>> languages,
            Optional<Long> position,
            Optional<RecordingOption> recording,
            Optional<List<OutboundNumber>> outbound,
            Optional<Long> handleTime,
            Optional<Long> priority,
            Optional<Optional<OpeningHours>> hours,
            Optional<Long> slotMinutes,
            Optional<Optional<Long>> maxPerSlot,
            Optional<Long> maxWait,
            Optional<Long> maxHandle) {
        /** The schedule with what the request changed; an explicit null resets a value. */
        QueueSchedule schedule(QueueSchedule base) {
            return new QueueSchedule(
                    hours.isPresent() ? hours.get().orElse(null) : base.hours(),
                    slotMinutes.orElse(base.slotMinutes()),
                    maxPerSlot.isPresent() ? maxPerSlot.get().orElse(null) : base.maxPerSlot());
        }

        /** The limits with what the request changed; an explicit null resets a limit to its default. */
        StaleLimits staleLimits(StaleLimits base) {
            return new StaleLimits(maxWait.orElse(base.maxWaitSeconds()), maxHandle.orElse(base.maxHandleSeconds()));
        }
    }

    private Settings settings(Fields f, String tenantId) {
        Optional<List<Channel>> channels = f.optionalSubset("channels", Channel.WIRE_NAMES)
                .map(list -> list.stream()
                        .map(c -> Channel.fromWire(c).orElseThrow())
                        .toList());
        Optional<List<String>> languages = f.optionalSubset("languages", Languages.SUPPORTED);
        Optional<Long> position = f.optionalInteger("position", 0, 1_000_000);
        Optional<RecordingOption> recording =
                f.optionalEnum("recording_option", RecordingOption::fromWire, RecordingOption.WIRE_NAMES);
        Optional<Long> handleTime = f.optionalInteger("default_handle_time_seconds", 1, 86_400);
        Optional<Long> priority = f.optionalInteger("priority", 0, 100);
        Optional<Long> slotMinutes = f.isNull("callback_slot_minutes")
                ? Optional.of(QueueSchedule.DEFAULT_SLOT_MINUTES)
                : f.optionalInteger("callback_slot_minutes", 5, 1440);
        Optional<Optional<Long>> maxPerSlot = f.isNull("max_callbacks_per_slot")
                ? Optional.of(Optional.empty())
                : f.optionalInteger("max_callbacks_per_slot", 1, 100_000).map(Optional::of);
        Optional<Long> maxWait = f.isNull("max_wait_seconds")
                ? Optional.of(StaleLimits.DEFAULT.maxWaitSeconds())
                : f.optionalInteger("max_wait_seconds", StaleLimits.SHORTEST_SECONDS, StaleLimits.LONGEST_WAIT_SECONDS);
        Optional<Long> maxHandle = f.isNull("max_handle_seconds")
                ? Optional.of(StaleLimits.DEFAULT.maxHandleSeconds())
                : f.optionalInteger(
                        "max_handle_seconds", StaleLimits.SHORTEST_SECONDS, StaleLimits.LONGEST_HANDLE_SECONDS);
        return new Settings(
                channels,
                languages,
                position,
                recording,
                outboundNumbers(f, tenantId),
                handleTime,
                priority,
                hours(f),
                slotMinutes,
                maxPerSlot,
                maxWait,
                maxHandle);
    }

    /**
     * dial_zero: absent, unchanged; null, none (the nearest ancestor's rule applies); parent, top, stay, or the id
     * of a menu of the same structure.
     */
    private Optional<Optional<DialZero>> dialZero(Fields f, String tenantId, MenuType structure) {
        if (!f.has("dial_zero")) {
            return Optional.empty();
        }
        JsonNode raw = f.raw("dial_zero");
        if (raw.isNull()) {
            return Optional.of(Optional.empty());
        }
        Optional<DialZero> rule = raw.isTextual()
                ? DialZero.Rule.fromWire(raw.textValue()).map(r -> new DialZero(r, null))
                : raw.isIntegralNumber() && raw.canConvertToLong() && raw.longValue() > 0
                        ? Optional.of(DialZero.toMenu(raw.longValue()))
                        : Optional.empty();
        if (rule.isEmpty()) {
            f.error(
                    "dial_zero",
                    "'dial_zero' must be 'parent', 'top', 'stay', the id of a menu of the same structure, "
                            + "or null to follow the parent menus' setting.");
            return Optional.empty();
        }
        if (rule.get().rule() == DialZero.Rule.MENU) {
            Optional<Menu> target = menus.get(tenantId, rule.get().menuId());
            if (target.isEmpty() || (structure != null && target.get().menuType() != structure)) {
                f.error(
                        "dial_zero",
                        "'dial_zero' names "
                                + (target.isEmpty()
                                        ? "no menu " + rule.get().menuId()
                                        : "a " + target.get().menuType().wireName())
                                + "; it must name a menu of the same structure.");
                return Optional.empty();
            }
        }
        return Optional.of(rule);
    }

    /** Absent: unchanged; null: none (the nearest ancestor's apply); else validated, errors naming the field. */
    private static Optional<Optional<OpeningHours>> hours(Fields f) {
        if (!f.has("hours")) {
            return Optional.empty();
        }
        if (f.isNull("hours")) {
            return Optional.of(Optional.empty());
        }
        HoursJson.Parsed parsed = HoursJson.parse(f.raw("hours"), "hours");
        parsed.problems().forEach(p -> f.error(p.field(), p.detail()));
        return parsed.hours() == null ? Optional.empty() : Optional.of(Optional.of(parsed.hours()));
    }

    private Optional<List<OutboundNumber>> outboundNumbers(Fields f, String tenantId) {
        if (!f.has("outbound_numbers")) {
            return Optional.empty();
        }
        JsonNode raw = f.raw("outbound_numbers");
        if (raw.isNull()) {
            return Optional.of(List.of());
        }
        if (!raw.isArray() || raw.size() > MAX_OUTBOUND_NUMBERS) {
            f.error(
                    "outbound_numbers",
                    "'outbound_numbers' must be an array of at most " + MAX_OUTBOUND_NUMBERS
                            + " E.164 strings or {\"number\", \"available\"} objects.");
            return Optional.empty();
        }
        Set<String> inventory = raw.isEmpty()
                ? Set.of()
                : tenants.get(tenantId)
                        .map(t -> TenantSettings.inventory(t.settings()))
                        .orElse(Set.of());
        List<OutboundNumber> numbers = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            String field = "outbound_numbers[" + i + "]";
            JsonNode item = raw.get(i);
            JsonNode number = item.isObject() ? item.get("number") : item;
            JsonNode available = item.isObject() ? item.get("available") : null;
            boolean shapeOk = item.isTextual()
                    || (item.isObject()
                            && item.size() <= 2
                            && number != null
                            && (available == null || available.isBoolean())
                            && (item.size() == 1 || available != null));
            if (!shapeOk || !number.isTextual() || !PhoneNumbers.isE164(number.textValue())) {
                f.error(
                        field,
                        "Each outbound number is an E.164 string or {\"number\": \"+...\", \"available\": true|false}.");
            } else if (!inventory.contains(number.textValue())) {
                f.error(
                        field,
                        "The tenant does not own " + number.textValue()
                                + "; add it to the settings' phone_numbers first.");
            } else if (!seen.add(number.textValue())) {
                f.error(field, "Duplicate outbound number.");
            } else {
                numbers.add(new OutboundNumber(number.textValue(), available == null || available.booleanValue()));
            }
        }
        return Optional.of(numbers);
    }
}
