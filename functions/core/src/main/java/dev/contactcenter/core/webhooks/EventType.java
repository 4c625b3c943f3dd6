package dev.contactcenter.core.webhooks;

import dev.contactcenter.core.calls.CallStatus;
import dev.contactcenter.core.domain.WireName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What a webhook event reports. An endpoint subscribes to some of them, or to all with "*". */
public enum EventType implements WireName {
    PING("ping"),
    CALL_CREATED("call.created"),
    /** A call-back promised for later (a ScheduledCall); call.queued follows when it is due. */
    CALL_SCHEDULED("call.scheduled"),
    CALL_QUEUED("call.queued"),
    CALL_ASSIGNED("call.assigned"),
    CALL_CONNECTED("call.connected"),
    CALL_FINISHED("call.finished"),
    CALL_FAILED("call.failed"),
    CALL_CANCELED("call.canceled"),
    MOBILE_APP_ACTIVATED("mobile_app.activated"),
    MOBILE_APP_DEACTIVATED("mobile_app.deactivated"),
    WAIT_TIME_THRESHOLD_CROSSED("wait_time.threshold_crossed");

    /** Subscribes to every type, those added later included. */
    public static final String ALL = "*";

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public static Optional<EventType> fromWire(String name) {
        return WireName.find(values(), name);
    }

    /** The names an endpoint may list in event_types ("ping" is sent to every endpoint on demand only). */
    public static List<String> subscribable() {
        List<String> names = new ArrayList<>();
        names.add(ALL);
        for (EventType t : values()) {
            if (t != PING) {
                names.add(t.wireName);
            }
        }
        return names;
    }

    /** The event a call-back reaching this status emits. */
    public static EventType forCall(CallStatus status) {
        return switch (status) {
            case SCHEDULED -> CALL_SCHEDULED;
            case QUEUED -> CALL_QUEUED;
            case ASSIGNED -> CALL_ASSIGNED;
            case CONNECTED -> CALL_CONNECTED;
            case FINISHED -> CALL_FINISHED;
            case FAILED -> CALL_FAILED;
            case CANCELED -> CALL_CANCELED;
        };
    }
}
