package dev.contactcenter.core.calls;

import dev.contactcenter.core.http.ApiException;
import dev.contactcenter.core.store.Attr;
import dev.contactcenter.core.store.TableDesign;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Page cursors for GET /calls: only the sort key travels; the partition is always the caller's own,
 * so a cursor can never open another tenant's calls.
 */
final class CallCursor {
    private CallCursor() {}

    static String encode(Map<String, AttributeValue> lastKey) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(lastKey.get(TableDesign.SK).s().getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, AttributeValue> decode(String tenantId, String cursor) {
        String sk;
        try {
            sk = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("cursor", "'cursor' is not a cursor this API returned.");
        }
        if (!sk.matches("CALL#[0-9]{16}")) {
            throw ApiException.badRequest("cursor", "'cursor' is not a cursor this API returned.");
        }
        return Map.of(TableDesign.PK, Attr.s(CallMapper.callsPk(tenantId)), TableDesign.SK, Attr.s(sk));
    }
}
