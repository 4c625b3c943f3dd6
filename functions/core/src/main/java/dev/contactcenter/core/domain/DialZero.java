package dev.contactcenter.core.domain;

import java.util.List;
import java.util.Optional;

/**
 * Where pressing 0 in an IVR menu takes the caller (the vendor's "Dial 0" setting): one level up (the default),
 * the top of the structure, this menu again, or a named menu of the same structure. A menu without a setting of
 * its own follows its nearest ancestor's.
 */
public record DialZero(Rule rule, Long menuId) {
    public enum Rule implements WireName {
        PARENT("parent"),
        TOP("top"),
        STAY("stay"),
        MENU("menu_id");

        public static final List<String> WIRE_NAMES = List.of("parent", "top", "stay");
        private final String wireName;

        Rule(String wireName) {
            this.wireName = wireName;
        }

        @Override
        public String wireName() {
            return wireName;
        }

        public static Optional<Rule> fromWire(String name) {
            return WireName.find(values(), name).filter(r -> r != MENU);
        }
    }

    public static final DialZero PARENT = new DialZero(Rule.PARENT, null);

    public static DialZero toMenu(long menuId) {
        return new DialZero(Rule.MENU, menuId);
    }

    /** As stored and shown: the rule's name, or the target menu's id. */
    public String text() {
        return rule == Rule.MENU ? Long.toString(menuId) : rule.wireName();
    }

    public static Optional<DialZero> parse(String text) {
        if (text.matches("[1-9][0-9]{0,15}")) {
            return Optional.of(toMenu(Long.parseLong(text)));
        }
        return Rule.fromWire(text).map(r -> new DialZero(r, null));
    }
}
