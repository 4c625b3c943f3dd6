package dev.contactcenter.core.domain;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** What an API key may do. The wire names are what clients and the ops CLI use. */
public enum Scope implements WireName {
    EWT_READ("ewt:read"),
    CALLS_WRITE("calls:write"),
    QUEUE_EVENTS_WRITE("queue_events:write"),
    ADMIN("admin");

    private final String wireName;

    Scope(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Scope> fromWire(String name) {
        return WireName.find(values(), name);
    }

    public static Set<Scope> all() {
        return EnumSet.allOf(Scope.class);
    }

    /** Space-separated wire names, the form used in the authorizer context. */
    public static String join(Set<Scope> scopes) {
        StringBuilder sb = new StringBuilder();
        for (Scope s : values()) {
            if (scopes.contains(s)) {
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(s.wireName);
            }
        }
        return sb.toString();
    }

    public static Set<Scope> parse(String joined) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        if (joined != null) {
            for (String part : joined.trim().split("\\s+")) {
                fromWire(part).ifPresent(scopes::add);
            }
        }
        return scopes;
    }
}
