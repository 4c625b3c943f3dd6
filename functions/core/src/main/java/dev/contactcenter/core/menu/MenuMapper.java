package dev.contactcenter.core.menu;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.domain.DialZero;
import dev.contactcenter.core.domain.Menu;
import dev.contactcenter.core.domain.MenuType;
import dev.contactcenter.core.domain.OutboundNumber;
import dev.contactcenter.core.domain.QueueSchedule;
import dev.contactcenter.core.domain.RecordingOption;
import dev.contactcenter.core.domain.StaleLimits;
import dev.contactcenter.core.hours.HoursJson;
import dev.contactcenter.core.hours.OpeningHours;
import dev.contactcenter.core.store.Attr;
import dev.contactcenter.core.store.TableDesign;
import dev.contactcenter.core.store.Timestamps;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The menu item, attribute by attribute. */
public final class MenuMapper {
    public static final String ITEM_TYPE = "menu";
    /** The menu's own hours of operation, as the JSON text clients gave (normalised). */
    static final String HOURS = "hours";

    static final String SLOT_MINUTES = "callback_slot_minutes";
    static final String MAX_PER_SLOT = "max_callbacks_per_slot";
    /** The menu's own Dial 0 rule: parent, top, stay or a menu id (absent: its ancestors' decide). */
    static final String DIAL_ZERO = "dial_zero";

    static final String MAX_WAIT = "max_wait_seconds";
    static final String MAX_HANDLE = "max_handle_seconds";

    private MenuMapper() {}

    public static Map<String, AttributeValue> toItem(String tenantId, Menu m) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TableDesign.PK, Attr.s(TableDesign.menusPk(tenantId)));
        item.put(TableDesign.SK, Attr.s(TableDesign.menuSk(m.id())));
        item.put(TableDesign.TREE_PATH, Attr.s(m.treePath()));
        item.put("type", Attr.s(ITEM_TYPE));
        item.put("id", Attr.n(m.id()));
        if (m.parentId() != null) {
            item.put("parent_id", Attr.n(m.parentId()));
        }
        item.put("name", Attr.s(m.name()));
        item.put("menu_type", Attr.s(m.menuType().wireName()));
        List<String> channels = new ArrayList<>();
        for (Channel c : m.channels()) {
            channels.add(c.wireName());
        }
        item.put("channels", Attr.strings(channels));
        item.put("languages", Attr.strings(m.languages()));
        item.put("position", Attr.n(m.position()));
        item.put("recording_option", Attr.s(m.recordingOption().wireName()));
        List<AttributeValue> numbers = new ArrayList<>();
        for (OutboundNumber o : m.outboundNumbers()) {
            numbers.add(AttributeValue.builder()
                    .m(Map.of("number", Attr.s(o.number()), "available", Attr.bool(o.available())))
                    .build());
        }
        item.put("outbound_numbers", AttributeValue.builder().l(numbers).build());
        item.put("default_handle_time_seconds", Attr.n(m.defaultHandleTimeSeconds()));
        item.put("priority", Attr.n(m.priority()));
        if (m.schedule().hours() != null) {
            item.put(HOURS, Attr.s(HoursJson.text(m.schedule().hours())));
        }
        item.put(SLOT_MINUTES, Attr.n(m.schedule().slotMinutes()));
        if (m.schedule().maxPerSlot() != null) {
            item.put(MAX_PER_SLOT, Attr.n(m.schedule().maxPerSlot()));
        }
        if (m.dialZero() != null) {
            item.put(DIAL_ZERO, Attr.s(m.dialZero().text()));
        }
        // stored only where a menu differs from the defaults: every GET /wait_times reads every menu item
        if (m.staleLimits().maxWaitSeconds() != StaleLimits.DEFAULT.maxWaitSeconds()) {
            item.put(MAX_WAIT, Attr.n(m.staleLimits().maxWaitSeconds()));
        }
        if (m.staleLimits().maxHandleSeconds() != StaleLimits.DEFAULT.maxHandleSeconds()) {
            item.put(MAX_HANDLE, Attr.n(m.staleLimits().maxHandleSeconds()));
        }
        item.put("materialized_path", Attr.s(m.materializedPath()));
        item.put("child_count", Attr.n(m.childCount()));
        item.put("dependents", Attr.n(m.dependents()));
        item.put("version", Attr.n(m.version()));
        item.put("created_at", Attr.s(m.createdAt().toString()));
        item.put("updated_at", Attr.s(m.updatedAt().toString()));
        return item;
    }

    public static boolean isMenu(Map<String, AttributeValue> item) {
        return ITEM_TYPE.equals(Attr.string(item, "type"));
    }

    static OpeningHours hours(String text) {
        if (text == null) {
            return null;
        }
        try {
            return HoursJson.parse(Json.parse(text), HOURS).hours();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored hours are not JSON", e);
        }
    }

    public static Menu fromItem(Map<String, AttributeValue> item) {
        List<Channel> channels = new ArrayList<>();
        for (String c : Attr.stringList(item, "channels")) {
            Channel.fromWire(c).ifPresent(channels::add);
        }
        List<OutboundNumber> numbers = new ArrayList<>();
        AttributeValue list = item.get("outbound_numbers");
        if (list != null && list.hasL()) {
            for (AttributeValue v : list.l()) {
                numbers.add(new OutboundNumber(
                        v.m().get("number").s(), v.m().get("available").bool()));
            }
        }
        return new Menu(
                Attr.number(item, "id", 0),
                Attr.numberOrNull(item, "parent_id"),
                Attr.string(item, "name"),
                MenuType.fromWire(Attr.string(item, "menu_type")).orElseThrow(),
                List.copyOf(channels),
                Attr.stringList(item, "languages"),
                Attr.number(item, "position", 0),
                RecordingOption.fromWire(Attr.string(item, "recording_option")).orElseThrow(),
                List.copyOf(numbers),
                Attr.number(item, "default_handle_time_seconds", 300),
                Attr.number(item, "priority", 0),
                new QueueSchedule(
                        hours(Attr.string(item, HOURS)),
                        Attr.number(item, SLOT_MINUTES, QueueSchedule.DEFAULT_SLOT_MINUTES),
                        Attr.numberOrNull(item, MAX_PER_SLOT)),
                item.containsKey(DIAL_ZERO)
                        ? DialZero.parse(Attr.string(item, DIAL_ZERO)).orElse(null)
                        : null,
                new StaleLimits(
                        Attr.number(item, MAX_WAIT, StaleLimits.DEFAULT.maxWaitSeconds()),
                        Attr.number(item, MAX_HANDLE, StaleLimits.DEFAULT.maxHandleSeconds())),
                Attr.string(item, TableDesign.TREE_PATH),
                Attr.string(item, "materialized_path"),
                Attr.number(item, "child_count", 0),
                Attr.number(item, "dependents", 0),
                Attr.number(item, "version", 0),
                Timestamps.parse(Attr.string(item, "created_at")),
                Timestamps.parse(Attr.string(item, "updated_at")));
    }
}
