package dev.contactcenter.core.menu;

import dev.contactcenter.core.domain.Menu;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * What another feature keeps about a menu (its direct access points, its live queue), asked by
 * {@link MenuService} before the menu changes or goes. The features implement it and the handler wires them
 * in, so the menu package knows none of them.
 */
public interface MenuDependents {
    /**
     * Refuses (with a 409 naming what depends on the menu) a change that would invalidate it: the menu gets a
     * parent, or its languages change ({@code languages} present).
     */
    default void checkChange(String tenantId, Menu current, boolean getsParent, Optional<List<String>> languages) {}

    /** Writes that remove what goes with the menu, part of the delete's transaction. */
    default List<TransactWriteItem> removals(String tenantId, long menuId) {
        return List.of();
    }
}
