package dev.contactcenter.core.calls;

import dev.contactcenter.core.domain.RecordingOption;
import dev.contactcenter.core.domain.WireName;
import java.util.List;
import java.util.Optional;

/** What the end user said about recording, as the customer's own UI asked it. */
public enum RecordingPermission implements WireName {
    NOT_ASKED("recording_permission_not_asked"),
    DENIED("recording_permission_denied"),
    GRANTED("recording_permission_granted");

    public static final List<String> WIRE_NAMES =
            List.of("recording_permission_not_asked", "recording_permission_denied", "recording_permission_granted");
    private final String wireName;

    RecordingPermission(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<RecordingPermission> fromWire(String name) {
        return WireName.find(values(), name);
    }

    /** The queue's recording option decides; the permission counts only where the queue asks for it. */
    public static boolean recordingEnabled(RecordingOption queueOption, RecordingPermission permission) {
        return switch (queueOption) {
            case RECORD -> true;
            case DO_NOT_RECORD -> false;
            case ASK_PERMISSION -> permission == GRANTED;
        };
    }
}
