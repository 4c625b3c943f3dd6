package dev.contactcenter.waittimes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.domain.Menu;
import dev.contactcenter.core.domain.Scope;
import dev.contactcenter.core.domain.Tenant;
import dev.contactcenter.core.menu.MenuListingMapper;
import dev.contactcenter.core.menu.MenuService;
import dev.contactcenter.core.menu.MenuStore;
import dev.contactcenter.core.queue.QueueStateMapper;
import dev.contactcenter.core.store.Attr;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.tenant.TenantStore;
import dev.contactcenter.testkit.ApiEvents;
import dev.contactcenter.testkit.LocalDynamo;
import dev.contactcenter.testkit.RequestCounter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * Wait times read the menus' listings, not the menu items: every menu write keeps them right (names paths and tree
 * order included, which listings derive from their parents), and a tenant whose menus predate listings is served from
 * the menu items until {@code ops migrate-menu-listings} writes them.
 */
class MenuListingsTest {
    private static final String TENANT = "acme";
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final List<String> NINE_QUERIES = Collections.nCopies(1 + QueueStateMapper.SHARDS, "Query");
    private final RequestCounter counter = new RequestCounter();
    private Backend backend;
    private GetWaitTimes handler;
    private MenuService menus;

    @BeforeEach
    void tenant() {
        backend = LocalDynamo.freshBackend(Clock.fixed(NOW, ZoneOffset.UTC), counter);
        handler = new GetWaitTimes(backend);
        new TenantStore(backend).create(new Tenant(TENANT, Json.object(), null, 0, NOW));
        menus = new MenuService(backend);
    }

    private List<String> paths() throws Exception {
        counter.reset();
        APIGatewayProxyResponseEvent r = handler.handleRequest(
                ApiEvents.request("GET", "/apps/api/v1/wait_times")
                        .tenant(TENANT, Set.of(Scope.EWT_READ))
                        .query("lang", "en")
                        .build(),
                null);
        assertEquals(200, r.getStatusCode(), r.getBody());
        List<String> paths = new ArrayList<>();
        for (JsonNode row : Json.parse(r.getBody())) {
            paths.add(row.get("menu_id").asLong() + " "
                    + row.get("materialized_path").asText());
        }
        return paths;
    }

    private static ObjectNode menu(String name, Long parent, long position) {
        ObjectNode body = Json.object().put("name", name).put("position", position);
        if (parent == null) {
            body.put("menu_type", "ivr_menu");
        } else {
            body.put("parent_id", parent);
        }
        return body;
    }

    @Test
    void everyMenuWriteKeepsTheListingsThatWaitTimesRead() throws Exception {
        menus.create(TENANT, menu("Support", null, 0));
        menus.create(TENANT, menu("Billing", 1L, 1));
        menus.create(TENANT, menu("Refunds", 2L, 0));
        menus.create(TENANT, menu("Tech", 1L, 0));
        assertEquals(
                List.of("1 Support", "4 Support / Tech", "2 Support / Billing", "3 Support / Billing / Refunds"),
                paths());
        assertEquals(NINE_QUERIES, counter.operations(), "the listings' Query and one per queue-state shard");

        // a rename reaches the names path of every menu below, though only the renamed menu's listing is rewritten
        menus.patch(TENANT, 1, Json.object().put("name", "Help"));
        assertEquals(List.of("1 Help", "4 Help / Tech", "2 Help / Billing", "3 Help / Billing / Refunds"), paths());
        // a new position reorders siblings; a move re-roots a subtree
        menus.patch(TENANT, 2, Json.object().put("position", 0));
        menus.patch(TENANT, 3, Json.object().putNull("parent_id"));
        assertEquals(List.of("1 Help", "2 Help / Billing", "4 Help / Tech", "3 Refunds"), paths());
        // a change outside the listing (recording) leaves it as it was
        Map<String, AttributeValue> before = listing(4);
        menus.patch(TENANT, 4, Json.object().put("recording_option", "record"));
        assertEquals(before, listing(4));
        menus.delete(TENANT, 3);
        assertEquals(List.of("1 Help", "2 Help / Billing", "4 Help / Tech"), paths());
        assertTrue(listing(3).isEmpty(), "a deleted menu's listing goes with it");
    }

    @Test
    void theMigrationRereadsAMenuChangedUnderItAndListsNoMenuDeletedUnderIt() throws Exception {
        menus.create(TENANT, menu("Support", null, 0));
        menus.create(TENANT, menu("Billing", 1L, 0));
        menus.create(TENANT, menu("Tech", null, 1));
        forgetListings(3);
        // while the migration writes its first listing, an admin renames menu 1 and deletes menu 3
        Backend admin = new Backend(LocalDynamo.client(List.of()), backend.table(), backend.clock());
        AtomicBoolean changed = new AtomicBoolean();
        Backend migrating = new Backend(
                LocalDynamo.client(List.of(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if (context.request() instanceof TransactWriteItemsRequest
                                && changed.compareAndSet(false, true)) {
                            MenuService other = new MenuService(admin);
                            other.patch(TENANT, 1, Json.object().put("name", "Help"));
                            other.delete(TENANT, 3);
                        }
                    }
                })),
                backend.table(),
                backend.clock());
        assertEquals(1, new MenuStore(migrating).migrateListings(TENANT, false), "only Billing's listing was missing");
        assertTrue(changed.get());
        assertEquals(List.of("1 Help", "2 Help / Billing"), paths());
        assertTrue(listing(3).isEmpty(), "no listing for a menu deleted meanwhile");
    }

    /** Makes the tenant look as it did before listings: menu items only. */
    private void forgetListings(long menuCount) {
        for (long id = 1; id <= menuCount; id++) {
            long menuId = id;
            backend.dynamo().deleteItem(b -> b.tableName(backend.table()).key(MenuListingMapper.key(TENANT, menuId)));
        }
        backend.dynamo().deleteItem(b -> b.tableName(backend.table()).key(MenuListingMapper.completeMark(TENANT)));
    }

    private Map<String, AttributeValue> listing(long id) {
        return backend.dynamo()
                .getItem(b -> b.tableName(backend.table()).key(MenuListingMapper.key(TENANT, id)))
                .item();
    }

    @Test
    void menusWrittenBeforeListingsAreServedUntilTheMigrationWritesThem() throws Exception {
        // the first version's menu items: no listing, no complete mark
        Menu support = menus.create(TENANT, menu("Support", null, 0));
        Menu billing = menus.create(TENANT, menu("Billing", 1L, 0));
        forgetListings(2);
        List<String> expected = List.of("1 Support", "2 Support / Billing");
        assertEquals(expected, paths());
        List<String> fallback = new ArrayList<>(NINE_QUERIES);
        fallback.add("Query");
        assertEquals(fallback, counter.operations(), "one Query more: the menu items themselves");

        // a listing a menu change wrote meanwhile (a later version) is not overwritten with an older one
        Map<String, AttributeValue> newer = new HashMap<>(MenuListingMapper.toItem(TENANT, billing));
        newer.put("n", Attr.s("Billing and payments"));
        newer.put(MenuListingMapper.VERSION, Attr.n(billing.version() + 1));
        backend.dynamo().putItem(b -> b.tableName(backend.table()).item(newer));
        MenuStore store = new MenuStore(backend);
        assertEquals(2, store.migrateListings(TENANT, true), "a dry run counts");
        assertEquals(1, store.migrateListings(TENANT, false));
        assertEquals(List.of("1 Support", "2 Support / Billing and payments"), paths());
        assertEquals(NINE_QUERIES, counter.operations());
        assertEquals(support.name(), Attr.string(listing(1), "n"));
    }
}
