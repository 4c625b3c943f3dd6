package dev.contactcenter.bench.cold;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The floor of GetWaitTimes' cold start under its storage layout: {@link BareQuery}'s client making the reads
 * GetWaitTimes makes on a JVM's first call, and nothing else. The menus' listings come first ({@code args[0]},
 * sort keys beginning with {@code args[1]}), then the queue-state shards ({@code args[2..]}, whole partitions) in
 * parallel, one thread each, every Query to its last page. What GetWaitTimes takes beyond this is its own work. What
 * this takes beyond {@link BareQuery} is the layout: the shards that keep a tenant's queue-state writes off one
 * partition.
 */
public final class BareWaitTimesReads {
    private BareWaitTimesReads() {}

    public static void main(String[] args) {
        DynamoDbClient client = BareQuery.client();
        String table = System.getenv("TABLE_NAME");
        int items = count(
                client,
                QueryRequest.builder()
                        .tableName(table)
                        .keyConditionExpression("PK = :pk AND begins_with(SK, :sk)")
                        .expressionAttributeValues(
                                Map.of(":pk", AttributeValue.fromS(args[0]), ":sk", AttributeValue.fromS(args[1])))
                        .build());
        // a key that reads nothing would time the wrong thing: every read must return items (else status 404)
        boolean everyReadFound = items > 0;
        ExecutorService readers = Executors.newFixedThreadPool(args.length - 2);
        List<CompletableFuture<Integer>> shards = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            QueryRequest shard = QueryRequest.builder()
                    .tableName(table)
                    .keyConditionExpression("PK = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(args[i])))
                    .build();
            shards.add(CompletableFuture.supplyAsync(() -> count(client, shard), readers));
        }
        for (CompletableFuture<Integer> shard : shards) {
            int found = shard.join();
            everyReadFound &= found > 0;
            items += found;
        }
        System.out.println("status=" + (everyReadFound ? 200 : 404) + " items=" + items);
        System.out.flush();
        System.exit(0);
    }

    private static int count(DynamoDbClient client, QueryRequest request) {
        int items = 0;
        Map<String, AttributeValue> from = null;
        do {
            var page = client.query(request.toBuilder().exclusiveStartKey(from).build());
            items += page.count();
            from = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
        } while (from != null);
        return items;
    }
}
