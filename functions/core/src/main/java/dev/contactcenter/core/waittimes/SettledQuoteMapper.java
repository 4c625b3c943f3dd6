package dev.contactcenter.core.waittimes;

import dev.contactcenter.core.Json;
import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.queue.ContactState;
import dev.contactcenter.core.queue.SettledQuote;
import dev.contactcenter.core.store.Attr;
import dev.contactcenter.core.store.TableDesign;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The accuracy ledger's item (one settled quote), attribute by attribute. Ledger items have a partition of
 * their own per tenant, sorted by settle time, so a time window is one key range of one Query and the menu
 * partition, which GET /wait_times reads whole, never grows with them.
 * <pre>
 * PK  TENANT#{t}#ACCURACY
 * SK  QUOTE#{settled at: ISO-8601 UTC with milliseconds, fixed width}#{contact id}
 * type settled_quote, contact_id S, menu_id N, tree_path S, lang S (absent: not reported), channel S,
 * outcome S (assigned | abandoned), quoted_seconds N, queued_at N, settled_at N (epoch ms), expires_at N (TTL)
 * </pre>
 */
public final class SettledQuoteMapper {
    static final String ITEM_TYPE = "settled_quote";
    static final String TREE_PATH = "tree_path";
    static final String LANG = "lang";
    private static final String SK_PREFIX = "QUOTE#";

    private SettledQuoteMapper() {}

    static String pk(String tenantId) {
        return TableDesign.tenantPk(tenantId) + "#ACCURACY";
    }

    /** The sort key's time part has a fixed width, so string order is settle-time order. */
    static String sk(long settledAtMillis, String contactId) {
        return timeKey(settledAtMillis) + "#" + contactId;
    }

    /** Below every sort key settled at this millisecond or later, above every one settled before. */
    static String timeKey(long millis) {
        return SK_PREFIX + Json.timestamp(Instant.ofEpochMilli(millis));
    }

    public static Map<String, AttributeValue> toItem(String tenantId, SettledQuote s, long expiresAtSeconds) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TableDesign.PK, Attr.s(pk(tenantId)));
        item.put(TableDesign.SK, Attr.s(sk(s.settledAtMillis(), s.contactId())));
        item.put("type", Attr.s(ITEM_TYPE));
        item.put("contact_id", Attr.s(s.contactId()));
        item.put("menu_id", Attr.n(s.menuId()));
        item.put(TREE_PATH, Attr.s(s.treePath()));
        if (s.lang() != null) {
            item.put(LANG, Attr.s(s.lang()));
        }
        item.put("channel", Attr.s(s.channel().wireName()));
        item.put("outcome", Attr.s(s.outcome().wireName()));
        item.put("quoted_seconds", Attr.n(s.quotedSeconds()));
        item.put("queued_at", Attr.n(s.queuedAtMillis()));
        item.put("settled_at", Attr.n(s.settledAtMillis()));
        item.put(TableDesign.EXPIRES_AT, Attr.n(expiresAtSeconds));
        return item;
    }

    public static SettledQuote fromItem(Map<String, AttributeValue> item) {
        return new SettledQuote(
                Attr.string(item, "contact_id"),
                Attr.number(item, "menu_id", 0),
                Attr.string(item, TREE_PATH),
                Attr.string(item, LANG),
                Channel.fromWire(Attr.string(item, "channel")).orElseThrow(),
                ContactState.fromWire(Attr.string(item, "outcome")),
                Attr.number(item, "quoted_seconds", 0),
                Attr.number(item, "queued_at", 0),
                Attr.number(item, "settled_at", 0));
    }
}
