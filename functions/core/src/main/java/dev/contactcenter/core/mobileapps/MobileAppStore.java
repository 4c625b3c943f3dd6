package dev.contactcenter.core.mobileapps;

import dev.contactcenter.core.domain.Structure;
import dev.contactcenter.core.store.Attr;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.store.Queries;
import dev.contactcenter.core.store.TableDesign;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Mobile apps and their uniqueness claims, in one partition per tenant:
 * <pre>
 * PK TENANT#{t}#MOBILEAPPS  SK APP#{id, 16 digits}     the app
 *                           SK NAME#{lower-cased name}  claim: app_id
 *                           SK IDENT#{lower-cased id}   claim: app_id (bundle id / package name)
 * </pre>
 * A claim is written with attribute_not_exists in the same transaction as the app, so two apps can
 * never hold the same name or identifier, however the requests interleave. Identifier claims also
 * resolve the SDK's X-Mobile-App-Identifier header with one GetItem.
 */
public final class MobileAppStore {
    static final String IN_APP_DAP_ID = "in_app_dap_id";
    static final String IN_APP_MENU_ID = "in_app_menu_id";
    static final String IVR_DAP_ID = "ivr_dap_id";
    static final String IVR_MENU_ID = "ivr_menu_id";
    private static final String APP_PREFIX = "APP#";

    private final Backend backend;

    public MobileAppStore(Backend backend) {
        this.backend = backend;
    }

    public static String pk(String tenantId) {
        return TableDesign.tenantPk(tenantId) + "#MOBILEAPPS";
    }

    static String appSk(long id) {
        return APP_PREFIX + TableDesign.paddedId(id);
    }

    static String nameSk(String nameKey) {
        return "NAME#" + nameKey;
    }

    static String identifierSk(String identifierKey) {
        return "IDENT#" + identifierKey;
    }

    public Optional<MobileApp> get(String tenantId, long id) {
        GetItemResponse r = backend.dynamo()
                .getItem(b -> b.tableName(backend.table())
                        .key(key(tenantId, appSk(id)))
                        .consistentRead(true));
        return r.hasItem() && !r.item().isEmpty() ? Optional.of(MobileAppMapper.fromItem(r.item())) : Optional.empty();
    }

    /** The app holding a name or identifier claim. */
    public Optional<Long> claimHolder(String tenantId, String claimSk) {
        GetItemResponse r = backend.dynamo()
                .getItem(b ->
                        b.tableName(backend.table()).key(key(tenantId, claimSk)).consistentRead(true));
        return r.hasItem() && !r.item().isEmpty() ? Optional.of(Attr.number(r.item(), "app_id", 0)) : Optional.empty();
    }

    /** The app whose iOS bundle id or Android package name this is (compared without case). */
    public Optional<MobileApp> byIdentifier(String tenantId, String identifier) {
        return claimHolder(tenantId, identifierSk(MobileApp.identifierKey(identifier)))
                .flatMap(id -> get(tenantId, id));
    }

    /** All apps of the tenant: one Query on the tenant's app partition, claims left out by the key condition. */
    public List<MobileApp> all(String tenantId) {
        List<MobileApp> apps = new ArrayList<>();
        QueryRequest request = QueryRequest.builder()
                .tableName(backend.table())
                .keyConditionExpression("PK = :pk AND begins_with(SK, :app)")
                .expressionAttributeValues(Map.of(":pk", Attr.s(pk(tenantId)), ":app", Attr.s(APP_PREFIX)))
                .consistentRead(true)
                .build();
        Queries.forEachItem(backend, request, item -> apps.add(MobileAppMapper.fromItem(item)));
        return apps;
    }

    public TransactWriteItem putNew(String tenantId, MobileApp app) {
        return TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(backend.table())
                        .item(MobileAppMapper.toItem(tenantId, app))
                        .conditionExpression("attribute_not_exists(PK)")
                        .build())
                .build();
    }

    /** A changed app; fails unless the stored one still has the version it was read with. */
    public TransactWriteItem putChanged(String tenantId, MobileApp app, long readVersion) {
        return TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(backend.table())
                        .item(MobileAppMapper.toItem(tenantId, app))
                        .conditionExpression("version = :v")
                        .expressionAttributeValues(Map.of(":v", Attr.n(readVersion)))
                        .build())
                .build();
    }

    /** Removes an app only if it is unchanged since read and not active. */
    public TransactWriteItem delete(String tenantId, MobileApp app) {
        return TransactWriteItem.builder()
                .delete(Delete.builder()
                        .tableName(backend.table())
                        .key(key(tenantId, appSk(app.id())))
                        .conditionExpression("version = :v AND active = :f")
                        .expressionAttributeValues(Map.of(":v", Attr.n(app.version()), ":f", Attr.bool(false)))
                        .build())
                .build();
    }

    public TransactWriteItem claim(String tenantId, String claimSk, long appId) {
        Map<String, AttributeValue> item = new HashMap<>(key(tenantId, claimSk));
        item.put("type", Attr.s("mobile_app_claim"));
        item.put("app_id", Attr.n(appId));
        return TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(backend.table())
                        .item(item)
                        .conditionExpression("attribute_not_exists(PK)")
                        .build())
                .build();
    }

    public TransactWriteItem release(String tenantId, String claimSk, long appId) {
        return TransactWriteItem.builder()
                .delete(Delete.builder()
                        .tableName(backend.table())
                        .key(key(tenantId, claimSk))
                        .conditionExpression("app_id = :id")
                        .expressionAttributeValues(Map.of(":id", Attr.n(appId)))
                        .build())
                .build();
    }

    /** Records the app's DAP in a structure, provided it has none there yet: the once-per-structure rule. */
    public TransactWriteItem attachDap(String tenantId, long appId, Structure structure, long dapId, long menuId) {
        String dap = structure == Structure.IN_APP ? IN_APP_DAP_ID : IVR_DAP_ID;
        String menu = structure == Structure.IN_APP ? IN_APP_MENU_ID : IVR_MENU_ID;
        return TransactWriteItem.builder()
                .update(Update.builder()
                        .tableName(backend.table())
                        .key(key(tenantId, appSk(appId)))
                        .updateExpression("SET #dap = :dap, #menu = :menu ADD version :one")
                        .conditionExpression("attribute_exists(PK) AND attribute_not_exists(#dap)")
                        .expressionAttributeNames(Map.of("#dap", dap, "#menu", menu))
                        .expressionAttributeValues(
                                Map.of(":dap", Attr.n(dapId), ":menu", Attr.n(menuId), ":one", Attr.n(1)))
                        .build())
                .build();
    }

    /** Forgets the app's DAP; the in-app one only while the app is inactive (the SDK depends on it). */
    public TransactWriteItem detachDap(String tenantId, long appId, Structure structure, long dapId) {
        String dap = structure == Structure.IN_APP ? IN_APP_DAP_ID : IVR_DAP_ID;
        String menu = structure == Structure.IN_APP ? IN_APP_MENU_ID : IVR_MENU_ID;
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":dap", Attr.n(dapId), ":one", Attr.n(1)));
        String condition = "#dap = :dap";
        if (structure == Structure.IN_APP) {
            condition += " AND active = :f";
            values.put(":f", Attr.bool(false));
        }
        return TransactWriteItem.builder()
                .update(Update.builder()
                        .tableName(backend.table())
                        .key(key(tenantId, appSk(appId)))
                        .updateExpression("REMOVE #dap, #menu ADD version :one")
                        .conditionExpression(condition)
                        .expressionAttributeNames(Map.of("#dap", dap, "#menu", menu))
                        .expressionAttributeValues(values)
                        .build())
                .build();
    }

    /** Turns the app on (only with an in-app DAP) or off; false if that condition failed or the app is gone. */
    public boolean setActive(String tenantId, long appId, boolean active) {
        String condition = active ? "attribute_exists(" + IN_APP_DAP_ID + ")" : "attribute_exists(PK)";
        try {
            backend.dynamo()
                    .updateItem(b -> b.tableName(backend.table())
                            .key(key(tenantId, appSk(appId)))
                            .updateExpression("SET active = :a, updated_at = :now ADD version :one")
                            .conditionExpression(condition)
                            .expressionAttributeValues(Map.of(
                                    ":a",
                                    Attr.bool(active),
                                    ":one",
                                    Attr.n(1),
                                    ":now",
                                    Attr.s(backend.clock().instant().toString()))));
            return true;
        } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static Map<String, AttributeValue> key(String tenantId, String sk) {
        return Map.of(TableDesign.PK, Attr.s(pk(tenantId)), TableDesign.SK, Attr.s(sk));
    }
}
