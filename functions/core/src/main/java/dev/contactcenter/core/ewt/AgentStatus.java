package dev.contactcenter.core.ewt;

import dev.contactcenter.core.domain.WireName;
import java.util.List;
import java.util.Optional;

/** What the routing engine reports about an agent. Away agents are logged in but take no contacts. */
public enum AgentStatus implements WireName {
    AVAILABLE("available"),
    BUSY("busy"),
    AWAY("away"),
    OFFLINE("offline");

    public static final List<String> WIRE_NAMES = List.of("available", "busy", "away", "offline");
    private final String wireName;

    AgentStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<AgentStatus> fromWire(String name) {
        return WireName.find(values(), name);
    }
}
