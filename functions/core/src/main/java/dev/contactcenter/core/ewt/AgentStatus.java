package dev.contactcenter.core.ewt;

import java.util.List;
import java.util.Optional;

/** What the routing engine reports about an agent. Away agents are logged in but take no contacts. */
public enum AgentStatus {
    AVAILABLE("available"), BUSY("busy"), AWAY("away"), OFFLINE("offline");

    public static final List<String> WIRE_NAMES = List.of("available", "busy", "away", "offline");
    private final String wireName;

    AgentStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<AgentStatus> fromWire(String name) {
        for (AgentStatus s : values()) {
            if (s.wireName.equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
