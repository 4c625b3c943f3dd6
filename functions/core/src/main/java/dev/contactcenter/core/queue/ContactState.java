package dev.contactcenter.core.queue;

import dev.contactcenter.core.domain.WireName;

/** Where a contact is. Abandoned and ended are final: nothing brings such a contact back into a line. */
public enum ContactState implements WireName {
    QUEUED("queued"),
    ASSIGNED("assigned"),
    ABANDONED("abandoned"),
    ENDED("ended");

    private final String wireName;

    ContactState(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public boolean isFinal() {
        return this == ABANDONED || this == ENDED;
    }

    public static ContactState fromWire(String name) {
        return WireName.find(values(), name)
                .orElseThrow(() -> new IllegalArgumentException("Unknown contact state " + name));
    }
}
