package dev.contactcenter.core.waittimes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.ewt.Estimate;
import dev.contactcenter.core.queue.ContactWait;

/** GET /wait_times/contacts/{contact_id}: one contact's place in line and remaining wait, or where it went. */
public final class ContactWaitJson {
    private ContactWaitJson() {}

    public static ObjectNode toJson(ContactWait w) {
        ObjectNode o = Json.object();
        o.put("contact_id", w.contactId());
        o.put("state", w.state().wireName());
        o.put("menu_id", w.menuId());
        o.put("channel", w.channel() == null ? null : w.channel().wireName());
        if (!w.waiting()) {
            return o;
        }
        Estimate e = w.remaining();
        o.put("position", w.position());
        o.put("waited_seconds", w.waitedSeconds());
        o.put("estimated_wait_seconds", e.seconds());
        o.put("p90_seconds", e.p90Seconds());
        o.put("estimable", e.estimable());
        o.put("reason", e.reason());
        o.put("method", e.method());
        return o;
    }
}
