package dev.contactcenter.testpush;

import java.util.List;
import java.util.Optional;

enum Platform {
    IOS("ios"),
    ANDROID("android");

    static final List<String> WIRE_NAMES = List.of("ios", "android");

    private final String wireName;

    Platform(String wireName) {
        this.wireName = wireName;
    }

    String wireName() {
        return wireName;
    }

    static Optional<Platform> fromWire(String name) {
        for (Platform p : values()) {
            if (p.wireName.equals(name)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
