package dev.contactcenter.core.queue;

import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.ewt.AgentPresence;
import dev.contactcenter.core.ewt.AgentStatus;
import dev.contactcenter.core.ewt.DecayedSum;
import dev.contactcenter.core.ewt.QueueSnapshot;
import dev.contactcenter.core.ewt.WaitingContact;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import dev.contactcenter.core.store.NumberText;
import dev.contactcenter.core.store.Attr;
import dev.contactcenter.core.store.TableDesign;

/**
 * The queue-state item of a menu, attribute by attribute. It lives in the menu partition
 * (PK = TENANT#{t}#MENUS, SK = QUEUE#{id16}) without a TreePath, so the one Query on the partition
 * returns it beside the menus, while it stays out of the tree-path index and menu moves never touch it.
 * <p>
 * Every writer owns its own attribute names, so concurrent writers never overwrite each other:
 * <pre>
 * c#{contact id}        S  "{channel} {priority} {queued at ms}"   one per waiting contact (SET / REMOVE)
 * s#{contact id}        S  "{channel} {entered service at s}"     one per contact with an agent (SET / REMOVE)
 * a#{agent id}          S  "{status} {channels,} {queues} {chat concurrency} {breakthrough 0|1}"
 * hw|hs#{channel}#{day} N  decayed count / handle seconds of ended contacts ({@link DecayedSum}, ADD)
 * lw|ls#{channel}#{day} N  the same with the long time constant ({@link DecayedSum#LONG_TAU_MILLIS})
 * lq#{channel}#{day}    N  sum of squared handle seconds, long time constant (the handle time's variability)
 * aw|xs#{channel}#{day} N  decayed count of abandonments / seconds waited by contacts leaving the line
 * les#{channel}         S  "{entered service at ms} {waited seconds}"; lt#{channel} N its time (for the newer-only condition)
 * rev                   N  incremented by every write
 * </pre>
 */
public final class QueueStateMapper {
    public static final String ITEM_TYPE = "queue_state";
    static final String CONTACT = "c#";
    static final String AGENT = "a#";
    static final String SERVICE = "s#";
    static final String HANDLE_WEIGHT = "hw#";
    static final String HANDLE_SUM = "hs#";
    static final String ABANDON_WEIGHT = "aw#";
    static final String EXPOSURE_SUM = "xs#";
    static final String LONG_HANDLE_WEIGHT = "lw#";
    static final String LONG_HANDLE_SUM = "ls#";
    static final String LONG_HANDLE_SQUARES = "lq#";
    static final String LES = "les#";
    static final String LES_AT = "lt#";
    public static final String REVISION = "rev";

    private QueueStateMapper() {
    }

    public static String sk(long menuId) {
        return TableDesign.QUEUE_SK_PREFIX + TableDesign.paddedId(menuId);
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

    static String serviceValue(Channel channel, long atMillis) {
        return channel.wireName() + " " + QueueSnapshot.serviceStartSeconds(atMillis);
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

    /** Bumped by every write, so (menu, revision) names one content of the item: readers may reuse what they parsed. */
    public static long revision(Map<String, AttributeValue> item) {
        return Attr.number(item, REVISION, -1);
    }

    /**
     * Reads a queue-state item (null: a queue nothing was reported for yet) for the day {@code today}
     * ({@link DecayedSum#bucket}). This runs for every menu on the wait-times hot path, so values are read
     * in place, without splitting strings or going through the enums' lookups.
     */
    public static QueueState read(Map<String, AttributeValue> item, long today) {
        AttributeReader reader = new AttributeReader(today);
        if (item != null) {
            // forEach, not entrySet(): the SDK's items are unmodifiable maps, whose entry iterator wraps every entry
            item.forEach(reader);
        }
        reader.voice.trimServiceStarts();
        reader.chat.trimServiceStarts();
        return new QueueState(today, reader.voice, reader.chat);
    }

    /** A queue-state item as read: the channels' snapshots at any moment of the day it was read for. */
    public static final class QueueState {
        private final long day;
        private final Builder voice;
        private final Builder chat;

        private QueueState(long day, Builder voice, Builder chat) {
            this.day = day;
            this.voice = voice;
            this.chat = chat;
        }

        public long day() {
            return day;
        }

        public QueueSnapshot snapshot(Channel channel, long defaultHandleSeconds, DecayedSum.At decay) {
            if (decay.bucket() != day) {
                throw new IllegalArgumentException("Queue state read for day " + day + ", asked for " + decay.bucket());
            }
            return (channel == Channel.CHAT ? chat : voice).build(channel, defaultHandleSeconds, decay);
        }
    }

    private static final long[] NO_SERVICE_STARTS = new long[0];
    /** Where a contact's or service's channel ends, which tells the channel too (see {@link #channelEnd}). */
    private static final int VOICE_END = "voice_call".length();
    private static final int CHAT_END = "chat".length();

    private static final class Builder {
        final List<WaitingContact> waiting = new ArrayList<>();
        final List<AgentPresence> agents = new ArrayList<>();
        // read-only once built: a parsed item may serve several requests
        /**
         * [2 * stat + (0 = today, 1 = yesterday)], stats in the order HANDLE_WEIGHT, HANDLE_SUM, ABANDON_WEIGHT,
         * EXPOSURE_SUM, LONG_HANDLE_WEIGHT, LONG_HANDLE_SUM, LONG_HANDLE_SQUARES
         */
        final double[] stats = new double[14];
        Long lesWait;
        Long lesAt;
        /** Epoch seconds the contacts with an agent started; trimmed to {@code inService} once the item is read. */
        long[] serviceStarts = NO_SERVICE_STARTS;
        int inService;

        void addServiceStart(long seconds) {
            if (inService == serviceStarts.length) {
                serviceStarts = Arrays.copyOf(serviceStarts, Math.max(8, 2 * inService));
            }
            serviceStarts[inService++] = seconds;
        }

        void trimServiceStarts() {
            if (serviceStarts.length != inService) {
                serviceStarts = Arrays.copyOf(serviceStarts, inService);
            }
        }

        QueueSnapshot build(Channel channel, long defaultHandleSeconds, DecayedSum.At decay) {
            return new QueueSnapshot(channel, defaultHandleSeconds, waiting, agents,
                    decay.value(stats[0], stats[1]), decay.value(stats[2], stats[3]),
                    decay.value(stats[4], stats[5]), decay.value(stats[6], stats[7]), lesWait, lesAt,
                    decay.longValue(stats[8], stats[9]), decay.longValue(stats[10], stats[11]),
                    decay.longValue(stats[12], stats[13]), serviceStarts);
        }
    }

    /**
     * Reads an item's attributes into its channels' builders. Warm Lambda code runs under C1 (no escape analysis,
     * little inlining), where what is cheap elsewhere is not: this consumer is one object per item, where a
     * capturing lambda is linked through method handles every time; names are told apart by their first characters
     * (c#, a#, s#, les#, then a stat's two letters and '#') rather than by a chain of startsWith calls; and numbers
     * are read by {@link NumberText}, not by the JDK's or Jackson's parsers.
     */
    private static final class AttributeReader implements BiConsumer<String, AttributeValue> {
        final Builder voice = new Builder();
        final Builder chat = new Builder();
        final long today;
        final StatDays days;

        AttributeReader(long today) {
            this.today = today;
            this.days = StatDays.of(today);
        }

        @Override
        public void accept(String name, AttributeValue value) {
            if (name.length() < 2) {
                return;
            }
            char first = name.charAt(0);
            char second = name.charAt(1);
            if (second == '#') {
                switch (first) {
                    case 'c' -> readContact(value.s(), voice, chat);
                    case 'a' -> readAgent(value.s(), voice, chat);
                    case 's' -> readService(value.s(), voice, chat);
                    default -> {
                    }
                }
            } else if (first == 'l' && second == 'e' && name.startsWith(LES)) {
                readLes(name, value.s(), voice, chat);
            } else if (name.length() > 3 && name.charAt(2) == '#') {
                int stat = statIndex(first, second);
                if (stat >= 0) {
                    readStat(name, value, stat);
                }
            }
        }

        /** {stat}#{channel}#{day}: N */
        private void readStat(String name, AttributeValue value, int stat) {
            // mostly "{channel}#{today or yesterday}" follows: compared whole, which costs C1 less than parsed
            for (int k = 0; k < days.ends.length; k++) {
                String end = days.ends[k];
                if (name.length() == 3 + end.length() && name.startsWith(end, 3)) {
                    (k < 2 ? voice : chat).stats[2 * stat + (k & 1)] += NumberText.parseDouble(value.n());
                    return;
                }
            }
            int hash = name.indexOf('#', 3);
            if (hash < 0) {
                return;
            }
            Builder b = name.startsWith("voice_call", 3) ? voice : name.startsWith("chat", 3) ? chat : null;
            long bucket = NumberText.parseLong(name, hash + 1, name.length());
            // today's bucket and yesterday's; older ones weigh under e^-24 and are ignored
            if (b != null && bucket >= today - 1 && bucket <= today) {
                b.stats[2 * stat + (int) (today - bucket)] += NumberText.parseDouble(value.n());
            }
        }
    }

    /** What follows "{stat}#" in the names of a day's stats: voice today and yesterday, then chat today and yesterday. */
    private static final class StatDays {
        /** Those of the last day read; replaced, never changed, so racing readers at most build their own. */
        private static volatile StatDays last = new StatDays(0);

        final long day;
        final String[] ends;

        private StatDays(long day) {
            this.day = day;
            this.ends = new String[]{"voice_call#" + day, "voice_call#" + (day - 1), "chat#" + day, "chat#" + (day - 1)};
        }

        static StatDays of(long day) {
            StatDays days = last;
            if (days.day != day) {
                last = days = new StatDays(day);
            }
            return days;
        }
    }

    /** "{channel} {priority} {queued at ms}" */
    private static void readContact(String v, Builder voice, Builder chat) {
        int p = channelEnd(v);
        int q = p < 0 ? -1 : v.indexOf(' ', p + 1);
        if (q > p) {
            Builder b = p == VOICE_END ? voice : chat;
            b.waiting.add(new WaitingContact(NumberText.parseLong(v, p + 1, q), NumberText.parseLong(v, q + 1, v.length())));
        }
    }

    /** "{channel} {entered service at s}" */
    private static void readService(String v, Builder voice, Builder chat) {
        int p = channelEnd(v);
        if (p > 0) {
            (p == VOICE_END ? voice : chat).addServiceStart(NumberText.parseLong(v, p + 1, v.length()));
        }
    }

    /** les#{channel}: "{entered service at ms} {waited seconds}" */
    private static void readLes(String name, String v, Builder voice, Builder chat) {
        Builder b = name.regionMatches(LES.length(), "voice_call", 0, 10) ? voice : name.endsWith("chat") ? chat : null;
        int p = v.indexOf(' ');
        if (b != null && p > 0) {
            b.lesAt = NumberText.parseLong(v, 0, p);
            b.lesWait = NumberText.parseLong(v, p + 1, v.length());
        }
    }

    /** The statistic a two-letter prefix names (HANDLE_WEIGHT ... LONG_HANDLE_SQUARES: 0 to 6), -1 for other names. */
    private static int statIndex(char first, char second) {
        return switch (first) {
            case 'h' -> second == 'w' ? 0 : second == 's' ? 1 : -1;
            case 'a' -> second == 'w' ? 2 : -1;
            case 'x' -> second == 's' ? 3 : -1;
            case 'l' -> second == 'w' ? 4 : second == 's' ? 5 : second == 'q' ? 6 : -1;
            default -> -1;
        };
    }

    /** "{status} {channels,} {queues} {chat concurrency} {breakthrough 0|1}" */
    private static void readAgent(String v, Builder voice, Builder chat) {
        int p1 = v.indexOf(' ');
        int p2 = v.indexOf(' ', p1 + 1);
        int p3 = v.indexOf(' ', p2 + 1);
        int p4 = v.indexOf(' ', p3 + 1);
        if (p1 < 0 || p2 < 0 || p3 < 0 || p4 < 0) {
            return;
        }
        AgentStatus status = v.startsWith("available") ? AgentStatus.AVAILABLE : v.startsWith("busy") ? AgentStatus.BUSY
                : v.startsWith("away") ? AgentStatus.AWAY : AgentStatus.OFFLINE;
        AgentPresence presence = new AgentPresence(status, 1.0 / Math.max(1, NumberText.parseInt(v, p2 + 1, p3)),
                NumberText.parseInt(v, p3 + 1, p4), v.charAt(p4 + 1) == '1');
        // the channel list is v[p1 + 1, p2), looked up in place; mostly "voice_call,chat", so its ends are tried first
        if (v.startsWith("voice_call", p1 + 1) || contains(v, "voice_call", p1 + 1, p2)) {
            voice.agents.add(presence);
        }
        if (v.startsWith("chat", p2 - 4) || contains(v, "chat", p1 + 1, p2)) {
            chat.agents.add(presence);
        }
    }

    /** Whether {@code part} occurs within s[from, to). */
    private static boolean contains(String s, String part, int from, int to) {
        int at = s.indexOf(part, from);
        return at >= 0 && at + part.length() <= to;
    }

    /** Index of the space ending a value's leading "voice_call " or "chat ", -1 for other values. */
    private static int channelEnd(String v) {
        return v.startsWith("voice_call ") ? VOICE_END : v.startsWith("chat ") ? CHAT_END : -1;
    }
}
