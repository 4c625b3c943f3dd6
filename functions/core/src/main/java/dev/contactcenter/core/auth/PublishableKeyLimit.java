package dev.contactcenter.core.auth;

import dev.contactcenter.core.store.Attr;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.store.TableDesign;
import java.util.Map;
import java.util.OptionalLong;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

/**
 * Each publishable key's own rate limit: at most {@code perMinute} requests per key and clock minute reach the
 * wait-times function. Publishable keys are public (they sit in web pages), so one copied key must not be able to
 * spend what its tenant's other keys need. The count is a counter item beside the key ({@code PUBKEY#{key id}} /
 * {@code RATE#{epoch minute}}): one conditional {@code UpdateItem} (ADD) per request, 1 write unit whatever the
 * traffic, refused once the minute's count reaches the limit; TTL removes the item a minute after its minute.
 */
public final class PublishableKeyLimit {
    public static final String ITEM_TYPE = "publishable_key_rate";
    /** What the template's PublishableKeyRequestsPerMinute parameter defaults to. */
    public static final int DEFAULT_PER_MINUTE = 300;

    static final String HITS = "hits";
    private static final String SK_PREFIX = "RATE#";

    private final Backend backend;
    private final PublishableKeyStore keys;
    private final int perMinute;

    /** @param perMinute requests per key and minute; 0 turns the limit off */
    public PublishableKeyLimit(Backend backend, int perMinute) {
        if (perMinute < 0) {
            throw new IllegalArgumentException("a publishable key's rate limit is 0 (off) or more, was " + perMinute);
        }
        this.backend = backend;
        this.keys = new PublishableKeyStore(backend);
        this.perMinute = perMinute;
    }

    public int perMinute() {
        return perMinute;
    }

    /** Counts one request of the key: empty when it may go on, else the seconds until the next minute (Retry-After). */
    public OptionalLong acquire(String keyId) {
        if (perMinute == 0) {
            return OptionalLong.empty();
        }
        long nowSeconds = backend.clock().millis() / 1000;
        long minute = nowSeconds / 60;
        long retryAfter = Math.max(1, (minute + 1) * 60 - nowSeconds);
        try {
            backend.dynamo()
                    .updateItem(b -> b.tableName(backend.table())
                            .key(Map.of(
                                    TableDesign.PK,
                                    Attr.s(keys.partition(keyId)),
                                    TableDesign.SK,
                                    Attr.s(SK_PREFIX + minute)))
                            .updateExpression("ADD #hits :one SET #type = :type, #expires = :expires")
                            .conditionExpression("attribute_not_exists(#hits) OR #hits < :limit")
                            .expressionAttributeNames(
                                    Map.of("#hits", HITS, "#type", "type", "#expires", TableDesign.EXPIRES_AT))
                            .expressionAttributeValues(Map.of(
                                    ":one", Attr.n(1),
                                    ":limit", Attr.n(perMinute),
                                    ":type", Attr.s(ITEM_TYPE),
                                    ":expires", Attr.n((minute + 2) * 60))));
            return OptionalLong.empty();
        } catch (ConditionalCheckFailedException e) {
            return OptionalLong.of(retryAfter);
        } catch (ProvisionedThroughputExceededException e) {
            // the key's counter is hotter than its partition takes: that key is over any sensible limit
            return OptionalLong.of(retryAfter);
        }
    }
}
