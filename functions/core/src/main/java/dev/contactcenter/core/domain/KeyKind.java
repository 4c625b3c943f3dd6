package dev.contactcenter.core.domain;

/** Secret keys (servers, HTTP Basic) and publishable keys (browsers, no secret). */
public enum KeyKind implements WireName {
    SECRET("secret"),
    PUBLISHABLE("publishable");

    private final String wireName;

    KeyKind(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** Absent or unknown: secret, the kind every key had before publishable keys existed. */
    public static KeyKind fromWire(String name) {
        return WireName.find(values(), name).orElse(SECRET);
    }
}
