package dev.contactcenter.core.queue;

import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.queue.QueueStore.ContactRecord;
import dev.contactcenter.core.store.Attr;
import dev.contactcenter.core.store.TableDesign;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The contact item ({@code TENANT#t#CONTACT#{id} / CONTACT}): the contact's state as its events left it, the queue
 * it waits in and the wait it was quoted. Stored states are {@link ContactState}'s wire names.
 */
final class ContactMapper {
    static final String ITEM_TYPE = "contact";
    static final String TYPE = "type";
    static final String STATE = "state";
    static final String STATE_AT = "state_at";
    static final String MENU_ID = "menu_id";
    static final String CHANNEL = "channel";
    static final String PRIORITY = "priority";
    static final String QUEUED_AT = "queued_at";
    static final String QUOTED_SECONDS = "quoted_seconds";
    static final String QUOTE_PATH = "quote_path";
    static final String LANG = "lang";

    private ContactMapper() {}

    static Map<String, AttributeValue> key(String tenantId, String contactId) {
        return Map.of(
                TableDesign.PK,
                Attr.s(TableDesign.tenantPk(tenantId) + "#CONTACT#" + contactId),
                TableDesign.SK,
                Attr.s("CONTACT"));
    }

    static Map<String, AttributeValue> toItem(String tenantId, String contactId, ContactRecord next, long expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>(key(tenantId, contactId));
        item.put(TYPE, Attr.s(ITEM_TYPE));
        item.put(STATE, Attr.s(next.state()));
        item.put(STATE_AT, Attr.n(next.stateAtMillis()));
        if (next.menuId() != null) {
            item.put(MENU_ID, Attr.n(next.menuId()));
            item.put(CHANNEL, Attr.s(next.channel().wireName()));
            item.put(PRIORITY, Attr.n(next.priority()));
        }
        if (next.queuedAtMillis() != null) {
            item.put(QUEUED_AT, Attr.n(next.queuedAtMillis()));
        }
        if (next.quote() != null) {
            item.put(QUOTED_SECONDS, Attr.n(next.quote().seconds()));
            item.put(QUOTE_PATH, Attr.s(next.quote().treePath()));
            if (next.quote().lang() != null) {
                item.put(LANG, Attr.s(next.quote().lang()));
            }
        }
        item.put(TableDesign.EXPIRES_AT, Attr.n(expiresAt));
        return item;
    }

    static ContactRecord fromItem(Map<String, AttributeValue> item) {
        String channel = Attr.string(item, CHANNEL);
        Long quoted = Attr.numberOrNull(item, QUOTED_SECONDS);
        return new ContactRecord(
                Attr.string(item, STATE),
                Attr.number(item, STATE_AT, 0),
                Attr.numberOrNull(item, MENU_ID),
                channel == null ? null : Channel.fromWire(channel).orElse(null),
                Attr.number(item, PRIORITY, 0),
                Attr.numberOrNull(item, QUEUED_AT),
                quoted == null ? null : new QuotedWait(quoted, Attr.string(item, QUOTE_PATH), Attr.string(item, LANG)));
    }
}
