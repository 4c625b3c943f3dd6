package dev.contactcenter.core.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Orders menus depth-first: the order every listing uses. */
public final class MenuTree {
    /** Structures apart (IVR, then mobile, then web; children share their parent's type), then position, then id. */
    private static final Comparator<Menu> SIBLING_ORDER = Comparator.comparing(Menu::menuType)
            .thenComparingLong(Menu::position)
            .thenComparingLong(Menu::id);

    private MenuTree() {}

    /**
     * Depth-first order of the given menus. A menu whose parent is not in the list is treated as a root
     * of the listing (a subtree read starts below the top level).
     */
    public static List<Menu> depthFirst(List<Menu> menus) {
        Map<Long, Menu> byId = new HashMap<>(menus.size() * 2);
        for (Menu m : menus) {
            byId.put(m.id(), m);
        }
        Map<Long, List<Menu>> children = new HashMap<>();
        List<Menu> roots = new ArrayList<>();
        for (Menu m : menus) {
            if (m.parentId() != null && byId.containsKey(m.parentId())) {
                children.computeIfAbsent(m.parentId(), k -> new ArrayList<>()).add(m);
            } else {
                roots.add(m);
            }
        }
        List<Menu> ordered = new ArrayList<>(menus.size());
        roots.sort(SIBLING_ORDER);
        // explicit stack: deep trees must not exhaust the call stack
        ArrayList<Menu> stack = new ArrayList<>();
        for (int i = roots.size() - 1; i >= 0; i--) {
            stack.add(roots.get(i));
        }
        while (!stack.isEmpty()) {
            Menu m = stack.remove(stack.size() - 1);
            ordered.add(m);
            List<Menu> kids = children.get(m.id());
            if (kids != null) {
                kids.sort(SIBLING_ORDER);
                for (int i = kids.size() - 1; i >= 0; i--) {
                    stack.add(kids.get(i));
                }
            }
        }
        return ordered;
    }
}
