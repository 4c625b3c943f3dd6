package dev.contactcenter.core.dap;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import java.util.List;

/** The direct access point as clients see it. */
public final class DapJson {
    private DapJson() {}

    public static ObjectNode toJson(DirectAccessPoint d) {
        ObjectNode o = Json.object();
        o.put("id", d.id());
        o.put("menu_id", d.menuId());
        o.put("type", d.type().wireName());
        o.put("name", d.name());
        if (d.mobileAppId() != null) {
            o.put("mobile_app_id", d.mobileAppId());
        }
        if (d.segment() != null) {
            o.put("segment", d.segment());
        }
        o.put("structure", d.structure());
        o.put("created_at", Json.timestamp(d.createdAt()));
        return o;
    }

    public static ArrayNode list(List<DirectAccessPoint> daps) {
        ArrayNode array = Json.array();
        daps.forEach(d -> array.add(toJson(d)));
        return array;
    }
}
