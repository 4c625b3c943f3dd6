package dev.contactcenter.core.domain;

import java.util.Optional;

/** An enum whose constants have a name on the wire (JSON, query strings, stored items). */
public interface WireName {
    String wireName();

    /** The constant with this wire name, if any. */
    static <E extends Enum<E> & WireName> Optional<E> find(E[] values, String name) {
        for (E e : values) {
            if (e.wireName().equals(name)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
