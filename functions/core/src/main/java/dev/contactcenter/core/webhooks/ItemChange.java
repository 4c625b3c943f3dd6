package dev.contactcenter.core.webhooks;

import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One record of the table's stream (NEW_AND_OLD_IMAGES), from Lambda's event or from DynamoDB Local's
 * stream: {@code recordId} is the stream's event id, unique per change and the same when a record is
 * read twice. An image is empty when the item did not exist on that side of the change.
 */
public record ItemChange(
        String recordId,
        Instant approximateTime,
        Map<String, AttributeValue> oldImage,
        Map<String, AttributeValue> newImage) {

    public ItemChange {
        oldImage = oldImage == null ? Map.of() : oldImage;
        newImage = newImage == null ? Map.of() : newImage;
    }

    /** The tenant of an item in a tenant partition ({@code TENANT#{tenant}#...}; ids have no '#'), or null. */
    public String tenant() {
        Map<String, AttributeValue> image = newImage.isEmpty() ? oldImage : newImage;
        AttributeValue pk = image.get("PK");
        if (pk == null || pk.s() == null || !pk.s().startsWith("TENANT#")) {
            return null;
        }
        String rest = pk.s().substring("TENANT#".length());
        int end = rest.indexOf('#');
        return end < 0 ? null : rest.substring(0, end);
    }
}
