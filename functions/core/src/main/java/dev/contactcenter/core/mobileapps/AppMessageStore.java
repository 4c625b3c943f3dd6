package dev.contactcenter.core.mobileapps;

import dev.contactcenter.core.store.Attr;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.store.TableDesign;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * An app's messages, one item per language beside the app in its partition
 * ({@code SK MSG#{app id, 16 digits}#{lang}}), so removing the app finds them with one Query.
 */
public final class AppMessageStore {
    public static final String ITEM_TYPE = "mobile_app_messages";

    private final Backend backend;

    public AppMessageStore(Backend backend) {
        this.backend = backend;
    }

    public Optional<AppMessages> get(String tenantId, long appId, String lang) {
        GetItemResponse r = backend.dynamo()
                .getItem(b -> b.tableName(backend.table())
                        .key(key(tenantId, sk(appId, lang)))
                        .consistentRead(true));
        if (!r.hasItem() || r.item().isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> texts = new HashMap<>();
        for (String kind : AppMessages.KINDS) {
            String text = Attr.string(r.item(), kind);
            if (text != null) {
                texts.put(kind, text);
            }
        }
        return Optional.of(new AppMessages(appId, lang, texts, Instant.parse(Attr.string(r.item(), "updated_at"))));
    }

    /** Replaces the messages of one language. */
    public TransactWriteItem put(String tenantId, AppMessages m) {
        Map<String, AttributeValue> item = new HashMap<>(key(tenantId, sk(m.mobileAppId(), m.lang())));
        item.put("type", Attr.s(ITEM_TYPE));
        item.put("app_id", Attr.n(m.mobileAppId()));
        item.put("lang", Attr.s(m.lang()));
        m.texts().forEach((kind, text) -> item.put(kind, Attr.s(text)));
        item.put("updated_at", Attr.s(m.updatedAt().toString()));
        return TransactWriteItem.builder()
                .put(Put.builder().tableName(backend.table()).item(item).build())
                .build();
    }

    /** Holds the write to an app that exists (and, for audible messages, still has its IVR DAP). */
    public TransactWriteItem appCondition(String tenantId, long appId, boolean needsIvrDap) {
        return TransactWriteItem.builder()
                .conditionCheck(ConditionCheck.builder()
                        .tableName(backend.table())
                        .key(key(tenantId, MobileAppStore.appSk(appId)))
                        .conditionExpression(
                                needsIvrDap
                                        ? "attribute_exists(" + MobileAppStore.IVR_DAP_ID + ")"
                                        : "attribute_exists(PK)")
                        .build())
                .build();
    }

    /**
     * Removals of the audible message from every language that has one, for the removal of the app's IVR DAP; each
     * conditioned on the messages being as read, so a save meanwhile fails the DAP's transaction instead of
     * slipping past it. At most one per supported language.
     */
    public List<TransactWriteItem> removeAudible(String tenantId, long appId, Instant now) {
        QueryResponse r = backend.dynamo()
                .query(b -> b.tableName(backend.table())
                        .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                        .expressionAttributeValues(
                                Map.of(":pk", Attr.s(MobileAppStore.pk(tenantId)), ":prefix", Attr.s(prefix(appId))))
                        .projectionExpression("PK, SK, #audible, updated_at")
                        .expressionAttributeNames(Map.of("#audible", AppMessages.AUDIBLE))
                        .consistentRead(true));
        List<TransactWriteItem> removals = new ArrayList<>();
        for (Map<String, AttributeValue> item : r.items()) {
            if (!item.containsKey(AppMessages.AUDIBLE)) {
                continue;
            }
            removals.add(TransactWriteItem.builder()
                    .update(Update.builder()
                            .tableName(backend.table())
                            .key(Map.of(
                                    TableDesign.PK, item.get(TableDesign.PK), TableDesign.SK, item.get(TableDesign.SK)))
                            .updateExpression("REMOVE #audible SET updated_at = :now")
                            .conditionExpression("updated_at = :read")
                            .expressionAttributeNames(Map.of("#audible", AppMessages.AUDIBLE))
                            .expressionAttributeValues(
                                    Map.of(":now", Attr.s(now.toString()), ":read", item.get("updated_at")))
                            .build())
                    .build());
        }
        return removals;
    }

    /** Deletes of every language's messages of the app, for the app's removal. */
    public List<TransactWriteItem> deleteAll(String tenantId, long appId) {
        QueryResponse r = backend.dynamo()
                .query(b -> b.tableName(backend.table())
                        .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                        .expressionAttributeValues(
                                Map.of(":pk", Attr.s(MobileAppStore.pk(tenantId)), ":prefix", Attr.s(prefix(appId))))
                        .projectionExpression("PK, SK")
                        .consistentRead(true));
        List<TransactWriteItem> deletes = new ArrayList<>();
        for (Map<String, AttributeValue> k : r.items()) {
            deletes.add(TransactWriteItem.builder()
                    .delete(Delete.builder().tableName(backend.table()).key(k).build())
                    .build());
        }
        return deletes;
    }

    private static String prefix(long appId) {
        return "MSG#" + TableDesign.paddedId(appId) + "#";
    }

    private static String sk(long appId, String lang) {
        return prefix(appId) + lang;
    }

    private static Map<String, AttributeValue> key(String tenantId, String sk) {
        return Map.of(TableDesign.PK, Attr.s(MobileAppStore.pk(tenantId)), TableDesign.SK, Attr.s(sk));
    }
}
