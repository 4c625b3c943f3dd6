package dev.contactcenter.core.waittimes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.domain.Menu;
import dev.contactcenter.core.domain.MenuType;
import dev.contactcenter.core.domain.RecordingOption;
import dev.contactcenter.core.ewt.Predictors;
import dev.contactcenter.core.store.MenuMapper;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The wait-times computation from items (no I/O): what it reuses between requests must never show stale content. */
class WaitTimesServiceTest {
    private static final String TENANT = "acme";
    private static final long NOW = Instant.parse("2026-11-23T10:00:00Z").toEpochMilli();
    private static final WaitTimesQuery ALL = new WaitTimesQuery("en", Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Predictors.defaultPredictor());

    static Menu menu(long id, Long parent, long position, String path, long version) {
        return new Menu(id, parent, "m" + id, MenuType.IVR_MENU, List.of(Channel.VOICE_CALL), List.of("en"), position,
                RecordingOption.RECORD, List.of(), 300, 0, parent == null ? "/" + id + "/" : "/" + parent + "/" + id + "/",
                path, 0, 0, version, Instant.EPOCH, Instant.EPOCH);
    }

    static List<Map<String, AttributeValue>> items(Menu... menus) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (Menu m : menus) {
            items.add(MenuMapper.toItem(TENANT, m));
        }
        return items;
    }

    static List<Long> ids(List<WaitTimeRow> rows) {
        return rows.stream().map(r -> r.menu().id()).toList();
    }

    @Test
    void aRepositionedMenuChangesTheOrderOfTheNextRequest() {
        WaitTimesService service = new WaitTimesService(null);
        Menu first = menu(1, null, 0, "First", 1);
        Menu second = menu(2, null, 1, "Second", 1);
        Menu child = menu(3, 1L, 0, "First / Child", 1);
        assertEquals(List.of(1L, 3L, 2L), ids(service.rows(TENANT, items(first, second, child), ALL, NOW)));
        // the same content again: the same order
        assertEquals(List.of(1L, 3L, 2L), ids(service.rows(TENANT, items(first, second, child), ALL, NOW)));
        // the first top-level menu moved behind the second (a new version of its item)
        Menu moved = menu(1, null, 2, "First", 2);
        assertEquals(List.of(2L, 1L, 3L), ids(service.rows(TENANT, items(moved, second, child), ALL, NOW)));
        // and a menu gone from the partition is gone from the rows
        assertEquals(List.of(2L), ids(service.rows(TENANT, items(second), ALL, NOW)));
    }

    @Test
    void pathsWithCharactersJsonMustEscapeComeBackIntact() throws Exception {
        String path = "Sales \"EU\" \\ Nordics / Göteborg\n\ttab \u0001 end";
        List<WaitTimeRow> rows = new WaitTimesService(null).rows(TENANT, items(menu(1, null, 0, path, 1)), ALL, NOW);
        JsonNode json = Json.parse(WaitTimesJson.write(rows));
        assertEquals(1, json.size());
        JsonNode row = json.get(0);
        assertEquals(path, row.get("materialized_path").asText());
        assertEquals(1, row.get("menu_id").asLong());
        assertEquals("ivr_menu", row.get("menu_type").asText());
        // nobody reported for this queue: not estimable, and said so
        assertEquals(true, row.get("voice_call").isNull());
        assertEquals("no_agents", row.get("estimates").get("voice_call").get("reason").asText());
        assertEquals(false, row.get("estimates").get("voice_call").get("estimable").asBoolean());
        assertEquals(0, row.get("logged_in_agents").asInt());
    }

    @Test
    void anEmptyListIsAnEmptyArray() {
        assertEquals("[]", WaitTimesJson.write(List.of()));
    }
}
