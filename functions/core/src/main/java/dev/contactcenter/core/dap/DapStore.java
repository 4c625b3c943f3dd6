package dev.contactcenter.core.dap;

import dev.contactcenter.core.mobileapps.AppDapRemoval;
import dev.contactcenter.core.mobileapps.MobileApp;
import dev.contactcenter.core.store.Attr;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.store.Queries;
import dev.contactcenter.core.store.TableDesign;
import java.time.Instant;
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

/**
 * Direct access points, one partition per tenant ({@code PK TENANT#{t}#DAPS, SK DAP#{id, 16 digits}}):
 * the whole list is one Query, which DAP evaluation needs anyway (general and segment DAPs first).
 */
public final class DapStore implements AppDapRemoval {
    public static final String ITEM_TYPE = "direct_access_point";

    private final Backend backend;

    public DapStore(Backend backend) {
        this.backend = backend;
    }

    public Optional<DirectAccessPoint> get(String tenantId, long id) {
        GetItemResponse r = backend.dynamo()
                .getItem(
                        b -> b.tableName(backend.table()).key(key(tenantId, id)).consistentRead(true));
        return r.hasItem() && !r.item().isEmpty() ? Optional.of(fromItem(r.item())) : Optional.empty();
    }

    public List<DirectAccessPoint> all(String tenantId) {
        List<DirectAccessPoint> daps = new ArrayList<>();
        QueryRequest request = QueryRequest.builder()
                .tableName(backend.table())
                .keyConditionExpression("PK = :pk")
                .expressionAttributeValues(Map.of(":pk", Attr.s(pk(tenantId))))
                .consistentRead(true)
                .build();
        Queries.forEachItem(backend, request, item -> daps.add(fromItem(item)));
        return daps;
    }

    public TransactWriteItem putNew(String tenantId, DirectAccessPoint d) {
        return TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(backend.table())
                        .item(toItem(tenantId, d))
                        .conditionExpression("attribute_not_exists(PK)")
                        .build())
                .build();
    }

    @Override
    public List<TransactWriteItem> remove(String tenantId, MobileApp.DapRef ref) {
        return get(tenantId, ref.dapId()).map(d -> List.of(delete(tenantId, d))).orElse(List.of());
    }

    /** Removes the DAP if it still exists on that menu. */
    public TransactWriteItem delete(String tenantId, DirectAccessPoint d) {
        return TransactWriteItem.builder()
                .delete(Delete.builder()
                        .tableName(backend.table())
                        .key(key(tenantId, d.id()))
                        .conditionExpression("menu_id = :m")
                        .expressionAttributeValues(Map.of(":m", Attr.n(d.menuId())))
                        .build())
                .build();
    }

    static Map<String, AttributeValue> toItem(String tenantId, DirectAccessPoint d) {
        Map<String, AttributeValue> item = new HashMap<>(key(tenantId, d.id()));
        item.put("type", Attr.s(ITEM_TYPE));
        item.put("id", Attr.n(d.id()));
        item.put("menu_id", Attr.n(d.menuId()));
        item.put("dap_type", Attr.s(d.type().wireName()));
        item.put("name", Attr.s(d.name()));
        if (d.mobileAppId() != null) {
            item.put("mobile_app_id", Attr.n(d.mobileAppId()));
        }
        if (d.segment() != null) {
            item.put("segment", Attr.s(d.segment()));
        }
        item.put("structure", Attr.s(d.structure()));
        item.put("created_at", Attr.s(d.createdAt().toString()));
        return item;
    }

    static DirectAccessPoint fromItem(Map<String, AttributeValue> item) {
        return new DirectAccessPoint(
                Attr.number(item, "id", 0),
                Attr.number(item, "menu_id", 0),
                DirectAccessPoint.Type.fromWire(Attr.string(item, "dap_type")).orElseThrow(),
                Attr.string(item, "name"),
                Attr.numberOrNull(item, "mobile_app_id"),
                Attr.string(item, "segment"),
                Attr.string(item, "structure"),
                Instant.parse(Attr.string(item, "created_at")));
    }

    public static String pk(String tenantId) {
        return TableDesign.tenantPk(tenantId) + "#DAPS";
    }

    private static Map<String, AttributeValue> key(String tenantId, long id) {
        return Map.of(TableDesign.PK, Attr.s(pk(tenantId)), TableDesign.SK, Attr.s("DAP#" + TableDesign.paddedId(id)));
    }
}
