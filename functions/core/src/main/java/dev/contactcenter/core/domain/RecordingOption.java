package dev.contactcenter.core.domain;

import java.util.List;
import java.util.Optional;

/** A queue's call recording configuration ("Call Recording Options" in the vendor's admin portal). */
public enum RecordingOption implements WireName {
    RECORD("record"),
    DO_NOT_RECORD("do_not_record"),
    ASK_PERMISSION("ask_permission");

    public static final List<String> WIRE_NAMES = List.of("record", "do_not_record", "ask_permission");
    private final String wireName;

    RecordingOption(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<RecordingOption> fromWire(String name) {
        return WireName.find(values(), name);
    }
}
