package dev.contactcenter.core.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** Reading every page of a Query (DynamoDB returns at most 1 MB per request), and items by key in batches. */
public final class Queries {
    private Queries() {}

    public static List<Map<String, AttributeValue>> allPages(Backend backend, QueryRequest request) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        forEachItem(backend, request, items::add);
        return items;
    }

    /** Every item of every page, handed over page by page (readers that aggregate need not hold them all). */
    public static void forEachItem(Backend backend, QueryRequest request, Consumer<Map<String, AttributeValue>> item) {
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest page = start == null
                    ? request
                    : request.toBuilder().exclusiveStartKey(start).build();
            QueryResponse response = backend.dynamo().query(page);
            response.items().forEach(item);
            start = response.hasLastEvaluatedKey()
                            && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey()
                    : null;
        } while (start != null);
    }

    /**
     * The items stored under these keys, strongly consistent: BatchGetItem, 100 keys a call, unprocessed keys asked
     * again. Keys with no item are simply absent from the result (in no particular order).
     */
    public static List<Map<String, AttributeValue>> byKeys(Backend backend, List<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> items = new ArrayList<>(keys.size());
        for (int from = 0; from < keys.size(); from += 100) {
            Map<String, KeysAndAttributes> request = Map.of(
                    backend.table(),
                    KeysAndAttributes.builder()
                            .keys(keys.subList(from, Math.min(keys.size(), from + 100)))
                            .consistentRead(true)
                            .build());
            for (int attempt = 0; !request.isEmpty(); attempt++) {
                if (attempt > 0) {
                    // a throttled partition's keys come back unprocessed, and the SDK's own retries do not cover them
                    Backoff.pause(10L << Math.min(attempt, 7), "reading items by key");
                }
                Map<String, KeysAndAttributes> pending = request;
                BatchGetItemResponse response = backend.dynamo().batchGetItem(b -> b.requestItems(pending));
                items.addAll(response.responses().getOrDefault(backend.table(), List.of()));
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return items;
    }

    /** A tenant's items of one kind, listed through GSI1 in creation order. */
    public static List<Map<String, AttributeValue>> byOwner(Backend backend, String gsi1pk) {
        return allPages(
                backend,
                QueryRequest.builder()
                        .tableName(backend.table())
                        .indexName(TableDesign.GSI1)
                        .keyConditionExpression("GSI1PK = :pk")
                        .expressionAttributeValues(Map.of(":pk", Attr.s(gsi1pk)))
                        .build());
    }
}
