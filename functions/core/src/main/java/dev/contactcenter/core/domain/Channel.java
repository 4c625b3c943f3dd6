package dev.contactcenter.core.domain;

import java.util.List;
import java.util.Optional;

/** The contact channels a queue can serve. */
public enum Channel implements WireName {
    VOICE_CALL("voice_call"),
    CHAT("chat");

    public static final List<String> WIRE_NAMES = List.of("voice_call", "chat");
    private final String wireName;

    Channel(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Channel> fromWire(String name) {
        return WireName.find(values(), name);
    }
}
