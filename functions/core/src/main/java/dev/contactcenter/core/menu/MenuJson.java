package dev.contactcenter.core.menu;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.JsonText;
import dev.contactcenter.core.domain.DialZero;
import dev.contactcenter.core.domain.Menu;
import dev.contactcenter.core.domain.OutboundNumber;
import dev.contactcenter.core.hours.HoursJson;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The menu as clients see it. {@link #write} is the one place its fields are written: lists of a thousand menus
 * are appended as text (building a tree of a thousand objects first cost a fresh JVM tens of milliseconds), and
 * the single-menu forms are that text read back as a tree.
 */
public final class MenuJson {
    private MenuJson() {}

    /** The menu as a JSON object, appended to {@code out}. */
    public static StringBuilder write(StringBuilder out, Menu m) {
        out.append('{');
        JsonText.field(out, "id", true).append(m.id());
        JsonText.number(JsonText.field(out, "parent_id", false), m.parentId());
        JsonText.string(JsonText.field(out, "name", false), m.name());
        JsonText.string(JsonText.field(out, "menu_type", false), m.menuType().wireName());
        JsonText.field(out, "channels", false).append('[');
        for (int i = 0; i < m.channels().size(); i++) {
            JsonText.string(i == 0 ? out : out.append(','), m.channels().get(i).wireName());
        }
        JsonText.field(out.append(']'), "languages", false).append('[');
        for (int i = 0; i < m.languages().size(); i++) {
            JsonText.string(i == 0 ? out : out.append(','), m.languages().get(i));
        }
        JsonText.field(out.append(']'), "position", false).append(m.position());
        JsonText.string(
                JsonText.field(out, "recording_option", false),
                m.recordingOption().wireName());
        JsonText.field(out, "outbound_numbers", false).append('[');
        for (int i = 0; i < m.outboundNumbers().size(); i++) {
            OutboundNumber n = m.outboundNumbers().get(i);
            JsonText.string(JsonText.field(i == 0 ? out.append('{') : out.append(",{"), "number", true), n.number());
            JsonText.field(out, "available", false).append(n.available()).append('}');
        }
        JsonText.field(out.append(']'), "default_handle_time_seconds", false).append(m.defaultHandleTimeSeconds());
        JsonText.field(out, "priority", false).append(m.priority());
        if (m.schedule().hours() == null) {
            JsonText.field(out, "hours", false).append("null");
        } else {
            HoursJson.write(JsonText.field(out, "hours", false), m.schedule().hours());
        }
        JsonText.field(out, "callback_slot_minutes", false).append(m.schedule().slotMinutes());
        JsonText.number(
                JsonText.field(out, "max_callbacks_per_slot", false),
                m.schedule().maxPerSlot());
        if (m.dialZero() == null) {
            JsonText.field(out, "dial_zero", false).append("null");
        } else if (m.dialZero().rule() == DialZero.Rule.MENU) {
            JsonText.field(out, "dial_zero", false).append(m.dialZero().menuId());
        } else {
            JsonText.string(
                    JsonText.field(out, "dial_zero", false), m.dialZero().rule().wireName());
        }
        JsonText.field(out, "max_wait_seconds", false).append(m.staleLimits().maxWaitSeconds());
        JsonText.field(out, "max_handle_seconds", false).append(m.staleLimits().maxHandleSeconds());
        JsonText.string(JsonText.field(out, "materialized_path", false), m.materializedPath());
        JsonText.string(JsonText.field(out, "created_at", false), Json.timestamp(m.createdAt()));
        JsonText.string(JsonText.field(out, "updated_at", false), Json.timestamp(m.updatedAt()));
        return out.append('}');
    }

    public static ObjectNode toJson(Menu m) {
        try {
            return (ObjectNode) Json.parse(write(new StringBuilder(512), m).toString());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("menu " + m.id() + " written as invalid JSON", e);
        }
    }

    /** The menus as a JSON array, in the order given. */
    public static String list(List<Menu> ordered) {
        StringBuilder out = new StringBuilder(ordered.size() * 400 + 2).append('[');
        for (int i = 0; i < ordered.size(); i++) {
            write(i == 0 ? out : out.append(','), ordered.get(i));
        }
        return out.append(']').toString();
    }

    /** Nested form ({@code ?tree=true}): each menu with a {@code children} array, in tree order. */
    public static ArrayNode tree(List<Menu> ordered) {
        ArrayNode roots = Json.array();
        Map<Long, ArrayNode> childrenOf = new HashMap<>();
        for (Menu m : ordered) {
            ObjectNode node = toJson(m);
            childrenOf.put(m.id(), node.putArray("children"));
            ArrayNode parent = m.parentId() == null ? null : childrenOf.get(m.parentId());
            (parent == null ? roots : parent).add(node);
        }
        return roots;
    }
}
