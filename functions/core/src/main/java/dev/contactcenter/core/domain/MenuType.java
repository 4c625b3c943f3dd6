package dev.contactcenter.core.domain;

import java.util.List;
import java.util.Optional;

/** The three queue structures a tenant runs: phone (IVR), in-app (mobile SDK) and web. */
public enum MenuType implements WireName {
    IVR_MENU("ivr_menu"),
    MOBILE_MENU("mobile_menu"),
    WEB_MENU("web_menu");

    public static final List<String> WIRE_NAMES = List.of("ivr_menu", "mobile_menu", "web_menu");
    private final String wireName;

    MenuType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<MenuType> fromWire(String name) {
        return WireName.find(values(), name);
    }
}
