package dev.contactcenter.core.auth;

import java.util.Optional;

/** Secret keys (servers, HTTP Basic) and publishable keys (browsers, no secret). */
public enum KeyKind {
    SECRET("secret"),
    PUBLISHABLE("publishable");

    private final String wireName;

    KeyKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Absent or unknown: secret, the kind every key had before publishable keys existed. */
    public static KeyKind fromWire(String name) {
        return Optional.ofNullable(name).filter(PUBLISHABLE.wireName::equals).map(n -> PUBLISHABLE).orElse(SECRET);
    }
}
