package dev.contactcenter.core.store;

import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * The single table: generic keys, one LSI for tree order and one GSI for listing by owner.
 * template.yaml declares the same table; a test compares the two.
 *
 * <pre>
 * item            PK                      SK                 other keys
 * tenant          TENANT#{tenant}          PROFILE
 * API key         APIKEY#{key id}          APIKEY             GSI1PK=TENANT#{tenant}#APIKEYS GSI1SK={created}#{key id}
 * publishable key PUBKEY#{key id}          PUBKEY             GSI1PK=TENANT#{tenant}#PUBKEYS GSI1SK={created}#{key id}
 * menu            TENANT#{tenant}#MENUS    MENU#{id, 16 digits}  TreePath=/{root id}/.../{id}/  (LSI)
 * queue state     TENANT#{tenant}#MENUS    QUEUE#{id, 16 digits} no TreePath (see QueueStore, QueueStateMapper)
 * contact         TENANT#{tenant}#CONTACT#{contact id}  CONTACT
 * agent           TENANT#{tenant}#AGENT#{agent id}      AGENT
 * queue event id  TENANT#{tenant}#QEVENT#{event id}     EVENT   expires_at (TTL)
 * settled quote   TENANT#{tenant}#ACCURACY  QUOTE#{settled at}#{contact id}  expires_at (TTL; see SettledQuoteMapper)
 * </pre>
 */
public final class TableDesign {
    public static final String PK = "PK";
    public static final String SK = "SK";
    public static final String TREE_PATH = "TreePath";
    public static final String TREE_PATH_INDEX = "TreePathIndex";
    public static final String GSI1PK = "GSI1PK";
    public static final String GSI1SK = "GSI1SK";
    public static final String GSI1 = "GSI1";
    /** Epoch seconds after which DynamoDB's TTL removes an item (idempotency records and the like). */
    public static final String EXPIRES_AT = "expires_at";

    private TableDesign() {}

    public static String tenantPk(String tenantId) {
        return "TENANT#" + tenantId;
    }

    public static String menusPk(String tenantId) {
        return "TENANT#" + tenantId + "#MENUS";
    }

    /** How the sort keys of the menu partition's two item types begin. */
    public static final String MENU_SK_PREFIX = "MENU#";

    public static final String QUEUE_SK_PREFIX = "QUEUE#";

    public static String menuSk(long menuId) {
        return MENU_SK_PREFIX + paddedId(menuId);
    }

    private static final String SIXTEEN_ZEROS = "0000000000000000";

    /**
     * Ids padded to 16 digits so that string order is numeric order (ids stay below 2^53). Not {@code String.format}:
     * wait times pad every menu's id, and a cold JVM spent more on the formatter (a pattern parsed per call, locale
     * symbols) than on anything else of its first request.
     */
    public static String paddedId(long id) {
        String digits = Long.toString(id);
        return id >= 0 && digits.length() < SIXTEEN_ZEROS.length()
                ? SIXTEEN_ZEROS.substring(digits.length()) + digits
                : String.format("%016d", id);
    }

    public static CreateTableRequest createTableRequest(String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        attribute(PK), attribute(SK), attribute(TREE_PATH), attribute(GSI1PK), attribute(GSI1SK))
                .keySchema(key(PK, KeyType.HASH), key(SK, KeyType.RANGE))
                // the webhook dispatcher reads every change from the stream, with both images
                .streamSpecification(StreamSpecification.builder()
                        .streamEnabled(true)
                        .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)
                        .build())
                .localSecondaryIndexes(LocalSecondaryIndex.builder()
                        .indexName(TREE_PATH_INDEX)
                        .keySchema(key(PK, KeyType.HASH), key(TREE_PATH, KeyType.RANGE))
                        .projection(Projection.builder()
                                .projectionType(ProjectionType.ALL)
                                .build())
                        .build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName(GSI1)
                        .keySchema(key(GSI1PK, KeyType.HASH), key(GSI1SK, KeyType.RANGE))
                        .projection(Projection.builder()
                                .projectionType(ProjectionType.ALL)
                                .build())
                        .build())
                .build();
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder()
                .attributeName(name)
                .attributeType(ScalarAttributeType.S)
                .build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
