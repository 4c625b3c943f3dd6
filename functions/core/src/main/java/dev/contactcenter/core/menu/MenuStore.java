package dev.contactcenter.core.menu;

import dev.contactcenter.core.domain.Menu;
import dev.contactcenter.core.store.Attr;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.store.Queries;
import dev.contactcenter.core.store.StaleWriteException;
import dev.contactcenter.core.store.TableDesign;
import dev.contactcenter.core.tenant.TenantStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Menus of one table. Every write is one transaction whose actions are conditioned on what was read
 * (versions, the parent's place), so a concurrent change makes it fail as a whole
 * ({@link StaleWriteException}) instead of half-applying.
 */
public final class MenuStore {
    /** DynamoDB transactions take at most 100 items. */
    public static final int MAX_TRANSACTION_ITEMS = 100;

    private final Backend backend;

    public MenuStore(Backend backend) {
        this.backend = backend;
    }

    /** The next menu id of the tenant: an atomic counter on the tenant's profile item. */
    public long allocateId(String tenantId) {
        try {
            Map<String, AttributeValue> attrs = backend.dynamo()
                    .updateItem(UpdateItemRequest.builder()
                            .tableName(backend.table())
                            .key(Map.of(
                                    TableDesign.PK,
                                    Attr.s(TableDesign.tenantPk(tenantId)),
                                    TableDesign.SK,
                                    Attr.s(TenantStore.PROFILE_SK)))
                            .updateExpression("ADD next_menu_id :one")
                            .conditionExpression("attribute_exists(PK)")
                            .expressionAttributeValues(Map.of(":one", Attr.n(1)))
                            .returnValues(ReturnValue.UPDATED_NEW)
                            .build())
                    .attributes();
            return Long.parseLong(attrs.get("next_menu_id").n());
        } catch (ConditionalCheckFailedException e) {
            throw new IllegalStateException("Tenant profile is missing for an authenticated tenant", e);
        }
    }

    public Optional<Menu> get(String tenantId, long menuId) {
        GetItemResponse response = backend.dynamo()
                .getItem(b ->
                        b.tableName(backend.table()).key(key(tenantId, menuId)).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(MenuMapper.fromItem(response.item()))
                : Optional.empty();
    }

    /** Several menus by id (one BatchGetItem per 100), consistently read; unknown ids are left out. */
    public Map<Long, Menu> getAll(String tenantId, List<Long> ids) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>(ids.size());
        for (Long id : ids) {
            keys.add(key(tenantId, id));
        }
        Map<Long, Menu> out = new HashMap<>();
        for (Map<String, AttributeValue> item : Queries.byKeys(backend, keys)) {
            Menu m = MenuMapper.fromItem(item);
            out.put(m.id(), m);
        }
        return out;
    }

    /** The whole queue structure: one Query on the menu items of the tenant's menu partition (pages of 1 MB). */
    public List<Menu> all(String tenantId) {
        return query(QueryRequest.builder()
                .tableName(backend.table())
                .keyConditionExpression("PK = :pk AND begins_with(SK, :menus)")
                .expressionAttributeValues(Map.of(
                        ":pk", Attr.s(TableDesign.menusPk(tenantId)), ":menus", Attr.s(TableDesign.MENU_SK_PREFIX)))
                .consistentRead(true)
                .build());
    }

    /** A menu and everything below it: one Query on the tree-path index, never a Scan. */
    public List<Menu> subtree(String tenantId, String treePath) {
        return query(QueryRequest.builder()
                .tableName(backend.table())
                .indexName(TableDesign.TREE_PATH_INDEX)
                .keyConditionExpression("PK = :pk AND begins_with(TreePath, :path)")
                .expressionAttributeValues(
                        Map.of(":pk", Attr.s(TableDesign.menusPk(tenantId)), ":path", Attr.s(treePath)))
                .consistentRead(true)
                .build());
    }

    /**
     * The menu items of a tenant as stored, for callers that parse them themselves (wait times, which cache parsed
     * menus by version). Only the {@code MENU#} range: queue state kept in this partition by earlier versions is
     * never read, so it costs nothing and breaks nothing.
     */
    public List<Map<String, AttributeValue>> allItems(String tenantId) {
        return Queries.allPages(
                backend,
                QueryRequest.builder()
                        .tableName(backend.table())
                        .keyConditionExpression("PK = :pk AND begins_with(SK, :menus)")
                        .expressionAttributeValues(Map.of(
                                ":pk",
                                Attr.s(TableDesign.menusPk(tenantId)),
                                ":menus",
                                Attr.s(TableDesign.MENU_SK_PREFIX)))
                        .build());
    }

    /**
     * What wait times read of the menus: the listings ({@link MenuListingMapper}), one Query of about 70 bytes a menu;
     * for a tenant without the complete mark (menus written before listings, until {@code ops
     * migrate-menu-listings}), the menu items themselves, one more Query.
     */
    public List<Map<String, AttributeValue>> waitTimesItems(String tenantId) {
        List<Map<String, AttributeValue>> listings = Queries.allPages(
                backend,
                QueryRequest.builder()
                        .tableName(backend.table())
                        .keyConditionExpression("PK = :pk AND begins_with(SK, :listings)")
                        .expressionAttributeValues(Map.of(
                                ":pk",
                                Attr.s(TableDesign.menusPk(tenantId)),
                                ":listings",
                                Attr.s(MenuListingMapper.SK_PREFIX)))
                        .build());
        return !listings.isEmpty() && MenuListingMapper.isCompleteMark(listings.get(0)) ? listings : allItems(tenantId);
    }

    /** A menu's listing, written with the menu whenever what it lists changes. */
    public TransactWriteItem putListing(String tenantId, Menu m) {
        return TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(backend.table())
                        .item(MenuListingMapper.toItem(tenantId, m))
                        .build())
                .build();
    }

    public TransactWriteItem deleteListing(String tenantId, long menuId) {
        return TransactWriteItem.builder()
                .delete(Delete.builder()
                        .tableName(backend.table())
                        .key(MenuListingMapper.key(tenantId, menuId))
                        .build())
                .build();
    }

    /** Marks the tenant's listings complete: from then on wait times read only them. */
    public TransactWriteItem putListingsComplete(String tenantId) {
        return TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(backend.table())
                        .item(MenuListingMapper.completeMark(tenantId))
                        .build())
                .build();
    }

    /**
     * Writes the listing of every menu of a tenant whose menus predate listings, then the complete mark. Each listing
     * is written in a transaction with a check that its menu still has the version read: a menu changed meanwhile is
     * read again (one deleted meanwhile gets no listing), and a listing already as new is left alone, so running it
     * again writes nothing. Returns the listings written (for a dry run, the menus).
     */
    public int migrateListings(String tenantId, boolean dryRun) {
        List<Menu> menus = all(tenantId);
        if (dryRun) {
            return menus.size();
        }
        int written = 0;
        for (Menu read : menus) {
            Optional<Menu> m = Optional.of(read);
            while (m.isPresent()) {
                try {
                    backend.dynamo()
                            .transactWriteItems(TransactWriteItemsRequest.builder()
                                    .transactItems(unchanged(tenantId, m.get()), newerListing(tenantId, m.get()))
                                    .build());
                    written++;
                    break;
                } catch (TransactionCanceledException e) {
                    if ("ConditionalCheckFailed"
                            .equals(e.cancellationReasons().get(1).code())) {
                        break; // its listing is already this version or later
                    }
                    m = get(tenantId, read.id());
                }
            }
        }
        backend.dynamo().putItem(b -> b.tableName(backend.table()).item(MenuListingMapper.completeMark(tenantId)));
        return written;
    }

    private TransactWriteItem unchanged(String tenantId, Menu m) {
        return TransactWriteItem.builder()
                .conditionCheck(ConditionCheck.builder()
                        .tableName(backend.table())
                        .key(key(tenantId, m.id()))
                        .conditionExpression("version = :v")
                        .expressionAttributeValues(Map.of(":v", Attr.n(m.version())))
                        .build())
                .build();
    }

    private TransactWriteItem newerListing(String tenantId, Menu m) {
        return TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(backend.table())
                        .item(MenuListingMapper.toItem(tenantId, m))
                        .conditionExpression("attribute_not_exists(PK) OR #v < :v")
                        .expressionAttributeNames(Map.of("#v", MenuListingMapper.VERSION))
                        .expressionAttributeValues(Map.of(":v", Attr.n(m.version())))
                        .build())
                .build();
    }

    private List<Map<String, AttributeValue>> queryItems(QueryRequest request) {
        return Queries.allPages(backend, request);
    }

    private List<Menu> query(QueryRequest request) {
        List<Menu> menus = new ArrayList<>();
        for (Map<String, AttributeValue> item : queryItems(request)) {
            if (MenuMapper.isMenu(item)) {
                menus.add(MenuMapper.fromItem(item));
            }
        }
        return menus;
    }

    /** A new menu; fails if its id is taken. */
    public TransactWriteItem putNew(String tenantId, Menu m) {
        return TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(backend.table())
                        .item(MenuMapper.toItem(tenantId, m))
                        .conditionExpression("attribute_not_exists(PK)")
                        .build())
                .build();
    }

    /** A changed menu; fails unless the stored one still has the version it was read with (ours minus one). */
    public TransactWriteItem putChanged(String tenantId, Menu m) {
        return TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(backend.table())
                        .item(MenuMapper.toItem(tenantId, m))
                        .conditionExpression("version = :v")
                        .expressionAttributeValues(Map.of(":v", Attr.n(m.version() - 1)))
                        .build())
                .build();
    }

    /** Removes a menu only while it is unchanged and nothing hangs below it or refers to it. */
    public TransactWriteItem delete(String tenantId, Menu m) {
        return TransactWriteItem.builder()
                .delete(Delete.builder()
                        .tableName(backend.table())
                        .key(key(tenantId, m.id()))
                        .conditionExpression("version = :v AND child_count = :zero AND dependents = :zero")
                        .expressionAttributeValues(Map.of(":v", Attr.n(m.version()), ":zero", Attr.n(0)))
                        .build())
                .build();
    }

    /**
     * Counts a child in or out of a parent, provided the parent still sits where the caller saw it:
     * a concurrent move of the parent makes the whole transaction fail instead of orphaning the child.
     */
    public TransactWriteItem adjustChildCount(String tenantId, long parentId, String expectedTreePath, long delta) {
        return TransactWriteItem.builder()
                .update(Update.builder()
                        .tableName(backend.table())
                        .key(key(tenantId, parentId))
                        .updateExpression("ADD child_count :d, version :one")
                        .conditionExpression("TreePath = :path")
                        .expressionAttributeValues(
                                Map.of(":d", Attr.n(delta), ":one", Attr.n(1), ":path", Attr.s(expectedTreePath)))
                        .build())
                .build();
    }

    /**
     * Counts a record that refers to the menu (a direct access point, a call-back) in or out. The
     * version moves too, so a concurrent whole-item menu write fails instead of losing the count; a
     * count in can require the menu to be top-level still.
     */
    public TransactWriteItem adjustDependents(String tenantId, long menuId, long delta, boolean mustBeTopLevel) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":d", Attr.n(delta), ":one", Attr.n(1)));
        String condition;
        if (delta < 0) {
            condition = "dependents >= :min";
            values.put(":min", Attr.n(-delta));
        } else {
            condition = mustBeTopLevel
                    ? "attribute_exists(PK) AND attribute_not_exists(parent_id)"
                    : "attribute_exists(PK)";
        }
        return TransactWriteItem.builder()
                .update(Update.builder()
                        .tableName(backend.table())
                        .key(key(tenantId, menuId))
                        .updateExpression("ADD dependents :d, version :one")
                        .conditionExpression(condition)
                        .expressionAttributeValues(values)
                        .build())
                .build();
    }

    /** Applies the actions atomically; a lost race surfaces as {@link StaleWriteException}. */
    public void transact(List<TransactWriteItem> actions) {
        if (actions.size() > MAX_TRANSACTION_ITEMS) {
            throw new IllegalArgumentException("A menu change may touch at most " + MAX_TRANSACTION_ITEMS + " items");
        }
        try {
            backend.dynamo()
                    .transactWriteItems(TransactWriteItemsRequest.builder()
                            .transactItems(actions)
                            .build());
        } catch (TransactionCanceledException e) {
            throw new StaleWriteException("The menus changed while this request was applied", e);
        }
    }

    /** The primary key of a menu item. */
    public Map<String, AttributeValue> key(String tenantId, long menuId) {
        Map<String, AttributeValue> key = new HashMap<>();
        key.put(TableDesign.PK, Attr.s(TableDesign.menusPk(tenantId)));
        key.put(TableDesign.SK, Attr.s(TableDesign.menuSk(menuId)));
        return key;
    }
}
