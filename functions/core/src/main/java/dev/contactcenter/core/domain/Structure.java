package dev.contactcenter.core.domain;

import java.util.List;
import java.util.Optional;

/** The two queue structures a mobile app can be assigned to: in-app (the SDK's) and IVR (PSTN fallback). */
public enum Structure implements WireName {
    IN_APP("in_app", MenuType.MOBILE_MENU),
    IVR("ivr", MenuType.IVR_MENU);

    private final String wireName;
    private final MenuType menuType;

    Structure(String wireName, MenuType menuType) {
        this.wireName = wireName;
        this.menuType = menuType;
    }

    public String wireName() {
        return wireName;
    }

    public static final List<String> WIRE_NAMES = List.of("in_app", "ivr");

    public static Optional<Structure> fromWire(String name) {
        return WireName.find(values(), name);
    }

    public static Optional<Structure> of(MenuType type) {
        for (Structure s : values()) {
            if (s.menuType == type) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
