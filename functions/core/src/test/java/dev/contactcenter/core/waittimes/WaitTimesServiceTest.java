package dev.contactcenter.core.waittimes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.domain.Menu;
import dev.contactcenter.core.domain.MenuType;
import dev.contactcenter.core.domain.QueueSchedule;
import dev.contactcenter.core.domain.RecordingOption;
import dev.contactcenter.core.domain.StaleLimits;
import dev.contactcenter.core.ewt.Estimate;
import dev.contactcenter.core.ewt.Predictors;
import dev.contactcenter.core.http.ETags;
import dev.contactcenter.core.menu.MenuMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The wait-times computation from items (no I/O): what it reuses between requests must never show stale content. */
class WaitTimesServiceTest {
    private static final String TENANT = "acme";
    private static final long NOW = Instant.parse("2026-11-23T10:00:00Z").toEpochMilli();
    private static final WaitTimesQuery ALL = new WaitTimesQuery(
            "en",
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Predictors.defaultPredictor());

    static Menu menu(long id, Long parent, long position, String path, long version) {
        return new Menu(
                id,
                parent,
                "m" + id,
                MenuType.IVR_MENU,
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
                parent == null ? "/" + id + "/" : "/" + parent + "/" + id + "/",
                path,
                0,
                0,
                version,
                Instant.EPOCH,
                Instant.EPOCH);
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
        JsonNode json = Json.parse(new WaitTimesJson().write(TENANT, rows).json());
        assertEquals(1, json.size());
        JsonNode row = json.get(0);
        assertEquals(path, row.get("materialized_path").asText());
        assertEquals(1, row.get("menu_id").asLong());
        assertEquals("ivr_menu", row.get("menu_type").asText());
        // nobody reported for this queue: not estimable, and said so
        assertEquals(true, row.get("voice_call").isNull());
        assertEquals(
                "no_agents",
                row.get("estimates").get("voice_call").get("reason").asText());
        assertEquals(
                false, row.get("estimates").get("voice_call").get("estimable").asBoolean());
        assertEquals(0, row.get("logged_in_agents").asInt());
    }

    @Test
    void anEmptyListIsAnEmptyArray() {
        WaitTimesJson.Body body = new WaitTimesJson().write(TENANT, List.of());
        assertEquals("[]", body.json());
        assertEquals(ETags.of("[]").split("-")[0], body.etag().split("-")[0]);
    }

    static WaitTimeRow row(Menu menu, Long seconds, int loggedIn) {
        Estimate estimate = seconds == null
                ? Estimate.unavailable(Estimate.NO_AGENTS, Predictors.DEFAULT)
                : Estimate.of(seconds, 2 * seconds, Predictors.DEFAULT);
        return new WaitTimeRow(
                menu, List.of(new WaitTimeRow.ChannelEstimate(Channel.VOICE_CALL, estimate)), loggedIn, 0, 0, null);
    }

    @Test
    void keptRowTextsNeverShowStaleFigures() {
        WaitTimesJson json = new WaitTimesJson();
        Menu a = menu(1, null, 0, "A", 1);
        Menu b = menu(2, null, 1, "B", 1);
        WaitTimesJson.Body before = json.write(TENANT, List.of(row(a, 60L, 2), row(b, null, 0)));
        // the same figures from a menu parsed anew (another version): its row is written from it
        Menu renamed = menu(1, null, 0, "A renamed", 2);
        List<List<WaitTimeRow>> next = List.of(
                List.of(row(a, 61L, 2), row(b, null, 0)),
                List.of(row(a, 61L, 3), row(b, null, 0)),
                List.of(row(a, 61L, 3), row(b, 5L, 1)),
                List.of(row(renamed, 61L, 3), row(b, 5L, 1)),
                List.of(row(b, 5L, 1)),
                List.of(row(a, 60L, 2), row(b, null, 0)));
        Set<String> tags = new HashSet<>(Set.of(before.etag()));
        for (int i = 0; i < next.size(); i++) {
            WaitTimesJson.Body reused = json.write(TENANT, next.get(i));
            WaitTimesJson.Body fresh = new WaitTimesJson().write(TENANT, next.get(i));
            assertEquals(fresh, reused, "step " + i);
            tags.add(reused.etag());
        }
        // the last step has the first step's content again: same tag, every other content its own
        assertEquals(next.size(), tags.size());
        assertEquals(before, json.write(TENANT, next.get(next.size() - 1)));
    }

    @Test
    void rowsAreKeptPerTenant() throws Exception {
        WaitTimesJson json = new WaitTimesJson();
        Menu acme = menu(1, null, 0, "Acme sales", 1);
        Menu globex = menu(1, null, 0, "Globex sales", 1);
        json.write(TENANT, List.of(row(acme, 60L, 2)));
        String other = json.write("globex", List.of(row(globex, 60L, 2))).json();
        assertEquals(
                "Globex sales",
                Json.parse(other).get(0).get("materialized_path").asText());
        assertEquals(
                "Acme sales",
                Json.parse(json.write(TENANT, List.of(row(acme, 60L, 2))).json())
                        .get(0)
                        .get("materialized_path")
                        .asText());
    }

    @Test
    void theTagCountsTheBodysUtf8Bytes() {
        WaitTimesJson.Body body = new WaitTimesJson()
                .write(
                        TENANT,
                        List.of(
                                row(menu(1, null, 0, "Göteborg → Malmö", 1), 30L, 1),
                                row(menu(2, null, 1, "B", 1), null, 0)));
        int bytes = body.json().getBytes(StandardCharsets.UTF_8).length;
        assertEquals(
                "\"" + Integer.toHexString(bytes),
                body.etag().substring(0, body.etag().indexOf('-')));
    }
}
