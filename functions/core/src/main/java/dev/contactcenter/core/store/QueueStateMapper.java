package dev.contactcenter.core.store;

import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.ewt.AgentPresence;
import dev.contactcenter.core.ewt.AgentStatus;
import dev.contactcenter.core.ewt.DecayedSum;
import dev.contactcenter.core.ewt.QueueSnapshot;
import dev.contactcenter.core.ewt.WaitingContact;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The queue-state item of a menu, attribute by attribute. It lives in the menu partition
 * (PK = TENANT#{t}#MENUS, SK = QUEUE#{id16}) without a TreePath, so the one Query on the partition
 * returns it beside the menus, while it stays out of the tree-path index and menu moves never touch it.
 * <p>
 * Every writer owns its own attribute names, so concurrent writers never overwrite each other:
 * <pre>
 * c#{contact id}        S  "{channel} {priority} {queued at ms}"   one per waiting contact (SET / REMOVE)
 * a#{agent id}          S  "{status} {channels,} {queues} {chat concurrency} {breakthrough 0|1}"
 * hw|hs#{channel}#{day} N  decayed count / handle seconds of ended contacts ({@link DecayedSum}, ADD)
 * aw|xs#{channel}#{day} N  decayed count of abandonments / seconds waited by contacts leaving the line
 * les#{channel}         S  "{entered service at ms} {waited seconds}"; lt#{channel} N its time (for the newer-only condition)
 * </pre>
 */
public final class QueueStateMapper {
    public static final String ITEM_TYPE = "queue_state";
    static final String CONTACT = "c#";
    static final String AGENT = "a#";
    static final String HANDLE_WEIGHT = "hw#";
    static final String HANDLE_SUM = "hs#";
    static final String ABANDON_WEIGHT = "aw#";
    static final String EXPOSURE_SUM = "xs#";
    static final String LES = "les#";
    static final String LES_AT = "lt#";

    private QueueStateMapper() {
    }

    public static String sk(long menuId) {
        return "QUEUE#" + TableDesign.paddedId(menuId);
    }

    public static boolean isQueueState(Map<String, AttributeValue> item) {
        return ITEM_TYPE.equals(Attr.string(item, "type"));
    }

    public static long menuId(Map<String, AttributeValue> item) {
        return Attr.number(item, "menu_id", 0);
    }

    static String contactValue(Channel channel, long priority, long queuedAtMillis) {
        return channel.wireName() + " " + priority + " " + queuedAtMillis;
    }

    static String agentValue(AgentStatus status, List<Channel> channels, int queues, int chatConcurrency, boolean breakthrough) {
        StringBuilder sb = new StringBuilder(status.wireName()).append(' ');
        for (int i = 0; i < channels.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(channels.get(i).wireName());
        }
        return sb.append(' ').append(queues).append(' ').append(chatConcurrency).append(' ').append(breakthrough ? 1 : 0).toString();
    }

    static String stat(String prefix, Channel channel, long bucket) {
        return prefix + channel.wireName() + "#" + bucket;
    }

    /** Per-channel snapshots of a queue-state item (null item: a queue nothing was reported for yet). */
    public static Map<Channel, QueueSnapshot> snapshots(Map<String, AttributeValue> item, long defaultHandleSeconds, long nowMillis) {
        Map<Channel, Builder> builders = new EnumMap<>(Channel.class);
        for (Channel c : Channel.values()) {
            builders.put(c, new Builder());
        }
        long today = DecayedSum.bucket(nowMillis);
        if (item != null) {
            for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
                read(e.getKey(), e.getValue(), builders, today);
            }
        }
        Map<Channel, QueueSnapshot> out = new EnumMap<>(Channel.class);
        for (Channel c : Channel.values()) {
            Builder b = builders.get(c);
            out.put(c, new QueueSnapshot(c, defaultHandleSeconds, b.waiting, b.agents,
                    DecayedSum.valueAt(nowMillis, b.handleWeight[0], b.handleWeight[1]),
                    DecayedSum.valueAt(nowMillis, b.handleSum[0], b.handleSum[1]),
                    DecayedSum.valueAt(nowMillis, b.abandonWeight[0], b.abandonWeight[1]),
                    DecayedSum.valueAt(nowMillis, b.exposure[0], b.exposure[1]),
                    b.lesWait, b.lesAt));
        }
        return out;
    }

    private static final class Builder {
        final List<WaitingContact> waiting = new ArrayList<>();
        final List<AgentPresence> agents = new ArrayList<>();
        final double[] handleWeight = new double[2];
        final double[] handleSum = new double[2];
        final double[] abandonWeight = new double[2];
        final double[] exposure = new double[2];
        Long lesWait;
        Long lesAt;
    }

    private static void read(String name, AttributeValue value, Map<Channel, Builder> builders, long today) {
        if (name.startsWith(CONTACT)) {
            String[] parts = value.s().split(" ");
            Channel.fromWire(parts[0]).ifPresent(c -> builders.get(c).waiting.add(
                    new WaitingContact(Long.parseLong(parts[1]), Long.parseLong(parts[2]))));
        } else if (name.startsWith(AGENT)) {
            String[] parts = value.s().split(" ");
            AgentStatus status = AgentStatus.fromWire(parts[0]).orElse(AgentStatus.OFFLINE);
            AgentPresence presence = new AgentPresence(status, 1.0 / Math.max(1, Integer.parseInt(parts[2])),
                    Integer.parseInt(parts[3]), "1".equals(parts[4]));
            for (String c : parts[1].split(",")) {
                Channel.fromWire(c).ifPresent(ch -> builders.get(ch).agents.add(presence));
            }
        } else if (name.startsWith(LES)) {
            Channel.fromWire(name.substring(LES.length())).ifPresent(c -> {
                String[] parts = value.s().split(" ");
                builders.get(c).lesAt = Long.parseLong(parts[0]);
                builders.get(c).lesWait = Long.parseLong(parts[1]);
            });
        } else if (name.startsWith(HANDLE_WEIGHT)) {
            statInto(name, value, builders, today, HANDLE_WEIGHT, b -> b.handleWeight);
        } else if (name.startsWith(HANDLE_SUM)) {
            statInto(name, value, builders, today, HANDLE_SUM, b -> b.handleSum);
        } else if (name.startsWith(ABANDON_WEIGHT)) {
            statInto(name, value, builders, today, ABANDON_WEIGHT, b -> b.abandonWeight);
        } else if (name.startsWith(EXPOSURE_SUM)) {
            statInto(name, value, builders, today, EXPOSURE_SUM, b -> b.exposure);
        }
    }

    private static void statInto(String name, AttributeValue value, Map<Channel, Builder> builders, long today,
                                 String prefix, java.util.function.Function<Builder, double[]> target) {
        int hash = name.indexOf('#', prefix.length());
        if (hash < 0) {
            return;
        }
        Channel channel = Channel.fromWire(name.substring(prefix.length(), hash)).orElse(null);
        long bucket = Long.parseLong(name.substring(hash + 1));
        // today's bucket and yesterday's; older ones weigh under e^-24 and are ignored
        if (channel != null && bucket >= today - 1 && bucket <= today) {
            target.apply(builders.get(channel))[(int) (today - bucket)] += Double.parseDouble(value.n());
        }
    }
}
