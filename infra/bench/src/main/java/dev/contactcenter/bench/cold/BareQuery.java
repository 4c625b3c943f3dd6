package dev.contactcenter.bench.cold;

import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The cold-start baseline: the least a Java function can do to answer from DynamoDB. A client with the
 * URLConnection HTTP client, static credentials and a fixed region, then one Query of partition {@code args[0]}, sort
 * keys beginning with {@code args[1]}: the tenant's menu items, what GET /menus reads and what GetWaitTimes read before
 * menu listings (so the baseline is the one earlier runs measured against).
 * Runs on a function jar's class path (the SDK is in it) from the same environment as the functions.
 */
public final class BareQuery {
    private BareQuery() {}

    public static void main(String[] args) {
        DynamoDbClient client = client();
        int items = client.query(q -> q.tableName(System.getenv("TABLE_NAME"))
                        .keyConditionExpression("PK = :pk AND begins_with(SK, :sk)")
                        .expressionAttributeValues(
                                Map.of(":pk", AttributeValue.fromS(args[0]), ":sk", AttributeValue.fromS(args[1]))))
                .count();
        System.out.println("status=200 items=" + items);
        System.out.flush();
        System.exit(0);
    }

    /** The least client: URLConnection, static credentials, a fixed region, DynamoDB at {@code DYNAMODB_ENDPOINT}. */
    static DynamoDbClient client() {
        return DynamoDbClient.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(URI.create(System.getenv("DYNAMODB_ENDPOINT")))
                .build();
    }
}
