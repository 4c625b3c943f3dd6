package dev.contactcenter.core.dap;

import dev.contactcenter.core.domain.WireName;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A direct access point: sends sessions that match it straight to a menu. {@code mobileAppId} is set
 * for type mobile_app, {@code segment} for user_segment; {@code structure} is the menu's structure
 * (in_app, ivr, web) at the time of assignment.
 */
public record DirectAccessPoint(
        long id,
        long menuId,
        Type type,
        String name,
        Long mobileAppId,
        String segment,
        String structure,
        Instant createdAt) {

    public enum Type implements WireName {
        MOBILE_APP("mobile_app"),
        GENERAL("general"),
        USER_SEGMENT("user_segment");

        public static final List<String> WIRE_NAMES = List.of("mobile_app", "general", "user_segment");
        private final String wireName;

        Type(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public static Optional<Type> fromWire(String name) {
            return WireName.find(values(), name);
        }
    }
}
