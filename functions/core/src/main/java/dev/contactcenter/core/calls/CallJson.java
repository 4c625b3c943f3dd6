package dev.contactcenter.core.calls;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.queue.ContactWait;
import java.time.Instant;
import java.util.Optional;

/** The call object in the shape of the vendor's documented sample, plus this API's additions. */
public final class CallJson {
    private CallJson() {}

    public static ObjectNode toJson(Call c, String ticketUrl) {
        ObjectNode o = Json.object();
        o.put("id", c.id());
        o.put("lang", c.lang());
        o.put("call_type", c.isScheduled() ? CallCreation.SCHEDULED : CallCreation.INCOMING);
        o.put("status", c.status().wireName());
        o.put("created_at", time(c.createdAt()));
        o.put("queued_at", time(c.queuedAt()));
        o.put("assigned_at", time(c.assignedAt()));
        o.put("connected_at", time(c.connectedAt()));
        o.put("ends_at", time(c.endsAt()));
        o.put("scheduled_at", time(c.scheduledAt()));
        o.put("wait_duration", c.waitDuration());
        o.put("call_duration", c.callDuration());
        o.put("hold_duration", 0);
        o.putNull("rating");
        o.put("has_feedback", false);
        o.put("out_ticket_id", c.ticketId());
        o.put("out_ticket_url", ticketUrl);
        o.put("verified", false);
        o.putNull("recording_url");
        o.put("voicemail_reason", "not_voicemail");
        o.put("deflection", "no_deflection");
        o.put("disconnected_by", "disconnected_by_unknown");
        o.put("fail_reason", c.failReason() == null ? "nothing" : c.failReason());
        o.put("fail_details", c.failDetails());
        o.put("support_number", c.outboundNumber());
        o.put("selected_menu", c.menuId());
        String[] names = c.menuPath().split(" / ");
        o.putObject("menu_path")
                .put("items_count", names.length)
                .put("name", names[names.length - 1])
                .put("materialized_path", c.menuPath());
        o.put("queue_priority_level", c.queuePriority());
        if (c.agentId() == null) {
            o.putNull("agent_info");
        } else {
            o.putObject("agent_info").put("id", c.agentId());
        }
        o.putObject("end_user").put("phone_number", c.endUserNumber());
        o.putArray("photos");
        o.putArray("videos");
        o.putArray("transfers");
        o.putArray("participants");
        o.put("offer_type", "cascade");
        o.putArray("offer_events");
        o.put("answer_type", "manual");
        o.put("outbound_number", c.outboundNumber());
        o.put("recording_permission", c.recordingPermission().wireName());
        o.put("recording_enabled", c.recordingEnabled());
        c.warnings().forEach(o.withArray("warnings")::add);
        o.withArray("warnings");
        if (c.data() == null) {
            o.putObject("data");
        } else {
            o.set("data", CallData.parse(c.data()));
        }
        if (c.estimatedWaitSeconds() == null) {
            o.putNull("estimated_wait_seconds");
        } else {
            o.put("estimated_wait_seconds", c.estimatedWaitSeconds());
        }
        return o;
    }

    /**
     * A single call as GET /calls/{id} shows it while queued: its {@code position} in line and the remaining wait as
     * {@code estimated_wait_seconds} in place of the quote. Otherwise the call object as everywhere (webhooks too).
     */
    static ObjectNode withWait(ObjectNode call, Optional<ContactWait> wait) {
        wait.ifPresent(w -> call.put("position", w.position())
                .put("estimated_wait_seconds", w.remaining().seconds()));
        return call;
    }

    public static ObjectNode ticket(Ticket t, String url) {
        ObjectNode o = Json.object();
        o.put("id", t.id());
        o.put("status", t.open() ? "open" : "closed");
        o.put("end_user_number", t.endUserNumber());
        if (t.menuId() == null) {
            o.putNull("menu_id");
        } else {
            o.put("menu_id", t.menuId());
        }
        if (t.lastCallId() == null) {
            o.putNull("last_call_id");
        } else {
            o.put("last_call_id", t.lastCallId());
        }
        o.put("url", url);
        o.put("created_at", time(t.createdAt()));
        o.put("updated_at", time(t.updatedAt()));
        return o;
    }

    private static String time(Instant instant) {
        return Json.timestamp(instant);
    }
}
