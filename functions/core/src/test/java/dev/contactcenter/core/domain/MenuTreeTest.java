package dev.contactcenter.core.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class MenuTreeTest {
    static Menu menu(long id, Long parent, MenuType type, long position) {
        return new Menu(
                id,
                parent,
                "m" + id,
                type,
                List.of(Channel.VOICE_CALL),
                List.of("en"),
                position,
                RecordingOption.RECORD,
                List.of(),
                300,
                0,
                QueueSchedule.DEFAULT,
                null,
                StaleLimits.DEFAULT,
                "/",
                "m" + id,
                0,
                0,
                0,
                Instant.EPOCH,
                Instant.EPOCH);
    }

    @Test
    void depthFirstWithStructuresApartAndSiblingsByPositionThenId() {
        List<Menu> menus = new ArrayList<>(List.of(
                menu(1, null, MenuType.WEB_MENU, 0),
                menu(2, null, MenuType.IVR_MENU, 5),
                menu(3, null, MenuType.IVR_MENU, 1),
                menu(4, 2L, MenuType.IVR_MENU, 0),
                menu(5, 4L, MenuType.IVR_MENU, 0),
                menu(6, 2L, MenuType.IVR_MENU, 0),
                menu(7, null, MenuType.MOBILE_MENU, 0)));
        Collections.shuffle(menus, new java.util.Random(7));
        assertEquals(
                List.of(3L, 2L, 4L, 5L, 6L, 7L, 1L),
                MenuTree.depthFirst(menus).stream().map(Menu::id).toList());
    }

    @Test
    void aSubtreeListingStartsAtItsOwnRootAndDeepTreesDoNotOverflow() {
        List<Menu> chain = new ArrayList<>();
        for (long id = 10; id < 5010; id++) {
            chain.add(menu(id, id - 1, MenuType.IVR_MENU, 0));
        }
        List<Menu> ordered = MenuTree.depthFirst(chain);
        assertEquals(10L, ordered.get(0).id());
        assertEquals(5009L, ordered.get(ordered.size() - 1).id());
    }
}
