package dev.contactcenter.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.domain.Menu;
import dev.contactcenter.core.http.ApiException;
import dev.contactcenter.core.menu.MenuService;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Creates a menu tree from its JSON form, {@code [{"name": .., "menu_type": .., "children": [..]}]}, one
 * menu at a time through {@link MenuService}, so a file is validated exactly as the API validates a
 * POST. Each node is a POST body without parent_id (the tree gives it); a top-level node may carry a
 * parent_id to hang the tree under an existing menu.
 */
public final class MenuImport {
    private static final String CHILDREN = "children";

    private final MenuService menus;

    public MenuImport(MenuService menus) {
        this.menus = menus;
    }

    /** The created menus in file order (parents before their children). */
    public List<Menu> importTree(String tenantId, JsonNode tree) {
        List<Menu> created = new ArrayList<>();
        create(tenantId, tree, null, "$", created);
        return created;
    }

    private void create(String tenantId, JsonNode nodes, Long parentId, String where, List<Menu> created) {
        if (!nodes.isArray()) {
            throw new IllegalArgumentException(where + " must be an array of menus.");
        }
        for (int i = 0; i < nodes.size(); i++) {
            String at = where + "[" + i + "]";
            if (!(nodes.get(i) instanceof ObjectNode node)) {
                throw new IllegalArgumentException(at + " must be a JSON object.");
            }
            ObjectNode body = node.deepCopy();
            JsonNode children = body.remove(CHILDREN);
            if (parentId != null) {
                if (body.has("parent_id")) {
                    throw new IllegalArgumentException(
                            at + ": a nested menu takes its parent from the tree; remove parent_id.");
                }
                body.put("parent_id", parentId);
            }
            Menu menu;
            try {
                menu = menus.create(tenantId, body);
            } catch (ApiException e) {
                throw new IllegalArgumentException(
                        at + " was refused (" + created.size() + " menu(s) before it were created and kept): "
                                + details(e),
                        e);
            }
            created.add(menu);
            if (children != null && !children.isNull()) {
                create(tenantId, children, menu.id(), at + "." + CHILDREN, created);
            }
        }
    }

    private static String details(ApiException e) {
        return e.errors().isEmpty()
                ? e.getMessage()
                : e.errors().stream().map(f -> f.field() + ": " + f.detail()).collect(Collectors.joining("; "));
    }
}
