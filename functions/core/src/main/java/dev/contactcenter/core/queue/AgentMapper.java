package dev.contactcenter.core.queue;

import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.ewt.AgentStatus;
import dev.contactcenter.core.queue.QueueStore.AgentRecord;
import dev.contactcenter.core.store.Attr;
import dev.contactcenter.core.store.TableDesign;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The agent item ({@code TENANT#t#AGENT#{id} / AGENT}): the agent's last status, the queues it serves and its
 * kind there (channels, chat concurrency, breakthrough), so the next status takes exactly that away from every
 * queue's counts. Stored statuses are {@link AgentStatus}'s wire names.
 */
final class AgentMapper {
    static final String ITEM_TYPE = "agent";
    static final String TYPE = "type";
    static final String STATUS = "status";
    static final String STATUS_AT = "status_at";
    static final String MENU_IDS = "menu_ids";
    static final String CHANNELS = "channels";
    static final String CHAT_CONCURRENCY = "chat_concurrency";
    static final String BREAKTHROUGH = "breakthrough";

    private AgentMapper() {}

    static Map<String, AttributeValue> key(String tenantId, String agentId) {
        return Map.of(
                TableDesign.PK,
                Attr.s(TableDesign.tenantPk(tenantId) + "#AGENT#" + agentId),
                TableDesign.SK,
                Attr.s("AGENT"));
    }

    static Map<String, AttributeValue> toItem(String tenantId, String agentId, AgentRecord next) {
        Map<String, AttributeValue> item = new HashMap<>(key(tenantId, agentId));
        item.put(TYPE, Attr.s(ITEM_TYPE));
        item.put(STATUS, Attr.s(next.status().wireName()));
        item.put(STATUS_AT, Attr.n(next.statusAtMillis()));
        List<String> ids = new ArrayList<>();
        next.menuIds().forEach(id -> ids.add(Long.toString(id)));
        item.put(MENU_IDS, Attr.strings(ids));
        List<String> channels = new ArrayList<>();
        next.channels().forEach(c -> channels.add(c.wireName()));
        item.put(CHANNELS, Attr.strings(channels));
        item.put(CHAT_CONCURRENCY, Attr.n(next.chatConcurrency()));
        item.put(BREAKTHROUGH, Attr.bool(next.breakthrough()));
        return item;
    }

    /**
     * An agent item. One written before agents kept their kind (no {@code channels}) is read as taking both
     * channels one chat at a time, which is what most agents are.
     */
    static AgentRecord fromItem(Map<String, AttributeValue> item) {
        List<Long> menuIds = new ArrayList<>();
        for (String id : Attr.stringList(item, MENU_IDS)) {
            menuIds.add(Long.parseLong(id));
        }
        List<Channel> channels = new ArrayList<>();
        for (String c : Attr.stringList(item, CHANNELS)) {
            Channel.fromWire(c).ifPresent(channels::add);
        }
        if (!item.containsKey(CHANNELS)) {
            channels = List.of(Channel.VOICE_CALL, Channel.CHAT);
        }
        return new AgentRecord(
                AgentStatus.fromWire(Attr.string(item, STATUS)).orElseThrow(),
                Attr.number(item, STATUS_AT, 0),
                menuIds,
                channels,
                (int) Attr.number(item, CHAT_CONCURRENCY, 1),
                Attr.bool(item, BREAKTHROUGH, false));
    }
}
