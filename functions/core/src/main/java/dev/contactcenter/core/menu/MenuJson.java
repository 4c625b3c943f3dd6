package dev.contactcenter.core.menu;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.domain.Menu;
import dev.contactcenter.core.domain.OutboundNumber;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The menu as clients see it. */
public final class MenuJson {
    private MenuJson() {
    }

    public static ObjectNode toJson(Menu m) {
        ObjectNode o = Json.object();
        o.put("id", m.id());
        if (m.parentId() == null) {
            o.putNull("parent_id");
        } else {
            o.put("parent_id", m.parentId());
        }
        o.put("name", m.name());
        o.put("menu_type", m.menuType().wireName());
        ArrayNode channels = o.putArray("channels");
        for (Channel c : m.channels()) {
            channels.add(c.wireName());
        }
        ArrayNode languages = o.putArray("languages");
        m.languages().forEach(languages::add);
        o.put("position", m.position());
        o.put("recording_option", m.recordingOption().wireName());
        ArrayNode numbers = o.putArray("outbound_numbers");
        for (OutboundNumber n : m.outboundNumbers()) {
            numbers.addObject().put("number", n.number()).put("available", n.available());
        }
        o.put("default_handle_time_seconds", m.defaultHandleTimeSeconds());
        o.put("priority", m.priority());
        o.put("materialized_path", m.materializedPath());
        o.put("created_at", Json.timestamp(m.createdAt()));
        o.put("updated_at", Json.timestamp(m.updatedAt()));
        return o;
    }

    public static ArrayNode list(List<Menu> ordered) {
        ArrayNode array = Json.array();
        for (Menu m : ordered) {
            array.add(toJson(m));
        }
        return array;
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
