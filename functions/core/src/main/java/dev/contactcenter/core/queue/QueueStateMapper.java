package dev.contactcenter.core.queue;

import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.domain.StaleLimits;
import dev.contactcenter.core.ewt.AgentPresence;
import dev.contactcenter.core.ewt.AgentStatus;
import dev.contactcenter.core.ewt.DecayedSum;
import dev.contactcenter.core.ewt.PatienceHazard;
import dev.contactcenter.core.ewt.QueueSnapshot;
import dev.contactcenter.core.ewt.WaitingContact;
import dev.contactcenter.core.store.Attr;
import dev.contactcenter.core.store.NumberText;
import dev.contactcenter.core.store.TableDesign;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The queue-state item of a menu, attribute by attribute. Its size does not grow with the queue: contacts and
 * agents are counted, not listed, so every event costs the same write whatever the queue's depth or staffing.
 * Items are spread over {@link #SHARDS} partitions per tenant ({@code TENANT#{t}#QSTATE#{menu id mod SHARDS}},
 * SK {@code QUEUE#{id16}}), outside the menu partition and its local index, so a tenant's queue writes are not
 * bound to one partition, and wait times read them with a Query per shard, issued in parallel.
 * <pre>
 * c#{ch}#{priority}#{minute}     N  waiting contacts of that channel and priority who joined in that minute (ADD)
 * t#{ch}#{minute mod 32}        N  the waiting contacts of that channel who joined in one of the last 24 minutes,
 *                                   per five seconds of it: 12 counts of 3 digits packed in one number, the minute's
 *                                   first five seconds the lowest (ADD; a ring of 32: each waiting write clears six
 *                                   from two ahead, and a contact reaching an agent the two minutes before its own)
 * s#{ch}#{half minute}           N  contacts of that channel with an agent since that half minute (ADD)
 * fq#{ch}#{priority}            N  when the latest contact of that channel and priority reported reaching an agent
 *                                   had joined its line (ms; SET by each contact_assigned, last delivered wins)
 * a#{chs}#{st}#{queues}#{conc}#{bt} N  agents of one kind: channels (v, c or vc), status (a, b, w, o), number of
 *                                   queues served, chat concurrency, breakthrough 0|1 (ADD)
 * hw|hs#{ch}#{day}               N  decayed count / handle seconds of ended contacts ({@link DecayedSum}, ADD)
 * lw|ls#{ch}#{day}               N  the same with the long time constant ({@link DecayedSum#LONG_TAU_MILLIS})
 * lq#{ch}#{day}                  N  sum of squared handle seconds, long time constant (the handle time's variability)
 * aw|xs#{ch}#{day}               N  decayed count of abandonments / seconds waited by contacts leaving the line
 * fj|fl#{ch}#{day}               N  decayed count of contacts joining / leaving the line by any way (ADD)
 * gj|gl|ga#{ch}#{day}            N  the same and abandonments, with the long time constant (ADD)
 * a|d|p{bin}#{ch}#{day}          N  per bin of the waits ({@link PatienceHazard}, 0-6): abandonments / leavers (to an
 *                                   agent or abandoning) whose wait ended in it, and their seconds into it; long time
 *                                   constant (ADD)
 * les#{channel}                  S  "{entered service at ms} {waited seconds}"; lt#{channel} N its time
 * snap#{channel}                 N  as_of of the queue_snapshot that last set the channel's waiting counts;
 *                                   sp#{channel} SS the parts of it applied (contact events up to it move no count
 *                                   of the minutes it replaced: those before its own)
 * rev                            N  incremented by every write
 * </pre>
 * {@code ch} is {@code v} (voice_call) or {@code c} (chat). Counts are kept by the minute a contact joined (the
 * half minute it reached an agent) so that a contact whose leaving was never reported stops counting by itself:
 * a contact waiting longer than its menu's {@code max_wait_seconds}, or with an agent longer than its
 * {@code max_handle_seconds} ({@link StaleLimits}), is taken as gone (a lost {@code contact_assigned}, {@code contact_abandoned} or
 * {@code contact_ended}), and writers drop buckets past the longest limits ({@link #MAX_WAIT_SECONDS},
 * {@link #MAX_HANDLE_SECONDS}) as they pass. Lines being first come, first served within a
 * priority, a contact who joined in a minute before that of the latest of its priority to reach an agent
 * ({@code fq#}) is taken as gone too: its leaving was lost.
 */
public final class QueueStateMapper {
    public static final String ITEM_TYPE = "queue_state";
    /** Partitions a tenant's queue state is spread over; GET /wait_times reads them with one Query each. */
    public static final int SHARDS = 8;
    /** Joins are kept this long: a contact waiting longer no longer counts on any menu ({@link StaleLimits}). */
    public static final long MAX_WAIT_SECONDS = StaleLimits.LONGEST_WAIT_SECONDS;
    /** Service starts are kept this long: a contact with an agent longer no longer counts on any menu. */
    public static final long MAX_HANDLE_SECONDS = StaleLimits.LONGEST_HANDLE_SECONDS;
    /** Waiting contacts are counted per minute they joined. */
    static final long WAIT_BUCKET_MILLIS = 60_000L;
    /** Contacts with an agent are counted per half minute they reached it (handle times are minutes). */
    static final long SERVICE_BUCKET_MILLIS = 30_000L;
    /** The waiting contacts of a recent minute are also counted per five seconds they joined in: their place in line. */
    static final long JOIN_SLOT_MILLIS = 5_000L;
    /** Five-second slots per minute, packed into one number of {@link #JOIN_SLOT_DIGITS} decimal digits each. */
    static final int JOIN_SLOTS = (int) (WAIT_BUCKET_MILLIS / JOIN_SLOT_MILLIS);
    /**
     * Digits per slot: 12 slots of 3 make 36 digits, within DynamoDB's 38. A slot's count reads right within ±499
     * (100 joins a second in one queue and channel); beyond, the minute reads as inconsistent and is counted by minute.
     */
    static final int JOIN_SLOT_DIGITS = 3;

    private static final BigInteger JOIN_SLOT_BASE = BigInteger.TEN.pow(JOIN_SLOT_DIGITS);
    private static final int JOIN_SLOT_LIMIT = JOIN_SLOT_BASE.intValueExact() / 2;
    /** Minutes split into slots: those under this many minutes old, by the clock of whoever writes or reads them. */
    static final int JOIN_SPLIT_MINUTES = 24;
    /** The split minutes live in a ring of this many attributes per channel ({@code t#{ch}#{minute mod 32}}). */
    static final int JOIN_RING_MINUTES = 32;
    /**
     * Every waiting write clears six of the ring's minutes from two minutes ahead on, which hold minutes 25 to 30
     * minutes old, past the split ones: a minute's slots start empty whenever its queue had a waiting write in the
     * seven minutes before (else what is left of 32 minutes before, if anything, makes the minute inconsistent, and it
     * is counted by minute).
     */
    static final int JOIN_RING_CLEARED = 6;

    static final String TYPE = "type";
    static final String MENU_ID = "menu_id";
    static final String CONTACT = "c#";
    static final String AGENT = "a#";
    static final String SERVICE = "s#";
    /** t#{ch}#{minute mod 32}: the five-second slots of a split minute's waiting contacts. */
    static final String JOIN_RING = "t#";
    /** fq#{ch}#{priority}: when the latest contact of that priority to reach an agent had joined its line. */
    static final String SERVED_QUEUED_AT = "fq#";

    static final String HANDLE_WEIGHT = "hw#";
    static final String HANDLE_SUM = "hs#";
    static final String ABANDON_WEIGHT = "aw#";
    static final String EXPOSURE_SUM = "xs#";
    static final String LONG_HANDLE_WEIGHT = "lw#";
    static final String LONG_HANDLE_SUM = "ls#";
    static final String LONG_HANDLE_SQUARES = "lq#";
    /** snap#{channel}: as_of (ms) of the snapshot that last set the channel's waiting counts. */
    static final String SNAPSHOT = "snap#";
    /** sp#{channel}: the parts of that snapshot applied so far (string set). */
    static final String SNAPSHOT_PARTS = "sp#";
    /** The line flows' prefixes, in the order of {@link QueueStateWriter.Flow}: recent, then long time constant. */
    private static final String[] FLOWS = {"fj#", "fl#", null};

    private static final String[] LONG_FLOWS = {"gj#", "gl#", "ga#"};
    /** Prefixes of the histogram of waits, followed by the bin's digit and '#'. */
    static final char ABANDONED_BY_WAIT = 'a';

    static final char LEFT_BY_WAIT = 'd';
    static final char WAIT_INTO_BIN = 'p';
    static final String LES = "les#";
    static final String LES_AT = "lt#";
    public static final String REVISION = "rev";

    private QueueStateMapper() {}

    public static String pk(String tenantId, long menuId) {
        return TableDesign.tenantPk(tenantId) + "#QSTATE#" + Math.floorMod(menuId, SHARDS);
    }

    /** The partition key of one shard of a tenant's queue state. */
    public static String shardPk(String tenantId, int shard) {
        return TableDesign.tenantPk(tenantId) + "#QSTATE#" + shard;
    }

    public static String sk(long menuId) {
        return TableDesign.QUEUE_SK_PREFIX + TableDesign.paddedId(menuId);
    }

    public static Map<String, AttributeValue> key(String tenantId, long menuId) {
        return Map.of(TableDesign.PK, Attr.s(pk(tenantId, menuId)), TableDesign.SK, Attr.s(sk(menuId)));
    }

    public static boolean isQueueState(Map<String, AttributeValue> item) {
        return ITEM_TYPE.equals(Attr.string(item, TYPE));
    }

    public static long menuId(Map<String, AttributeValue> item) {
        return Attr.number(item, MENU_ID, 0);
    }

    static char channelCode(Channel channel) {
        return channel == Channel.CHAT ? 'c' : 'v';
    }

    static String waitingBucket(Channel channel, long priority, long queuedAtMillis) {
        return CONTACT + channelCode(channel) + "#" + priority + "#"
                + Math.floorDiv(queuedAtMillis, WAIT_BUCKET_MILLIS);
    }

    /** Whether this attribute counts waiting contacts of the channel who joined before the minute of {@code atMillis}. */
    static boolean isWaitingBucketBefore(String name, Channel channel, long atMillis) {
        if (!name.startsWith(CONTACT) || name.length() < 6 || name.charAt(2) != channelCode(channel)) {
            return false;
        }
        int hash = name.lastIndexOf('#');
        return hash > 3
                && NumberText.parseLong(name, hash + 1, name.length()) < Math.floorDiv(atMillis, WAIT_BUCKET_MILLIS);
    }

    /** The end of the minute a contact who joined at {@code queuedAtMillis} is counted in. */
    static long waitingBucketEnd(long queuedAtMillis) {
        return (Math.floorDiv(queuedAtMillis, WAIT_BUCKET_MILLIS) + 1) * WAIT_BUCKET_MILLIS;
    }

    /** Whether a contact who joined at {@code queuedAtMillis} is counted in a minute before that of {@code atMillis}. */
    static boolean joinedBeforeMinuteOf(long queuedAtMillis, long atMillis) {
        return Math.floorDiv(queuedAtMillis, WAIT_BUCKET_MILLIS) < Math.floorDiv(atMillis, WAIT_BUCKET_MILLIS);
    }

    /** Whether the minute of {@code queuedAtMillis} is split into five-second slots at {@code nowMillis}. */
    static boolean joinSlotsKept(long queuedAtMillis, long nowMillis) {
        long age = Math.floorDiv(nowMillis, WAIT_BUCKET_MILLIS) - Math.floorDiv(queuedAtMillis, WAIT_BUCKET_MILLIS);
        return age >= 0 && age < JOIN_SPLIT_MINUTES;
    }

    /** The ring attribute holding the five-second slots of a split minute. */
    static String joinRing(Channel channel, long minute) {
        return JOIN_RING + channelCode(channel) + "#" + Math.floorMod(minute, JOIN_RING_MINUTES);
    }

    /** What one contact who joined at {@code queuedAtMillis} adds to its minute's ring attribute. */
    static BigInteger joinSlotDelta(long queuedAtMillis) {
        long slot = Math.floorMod(queuedAtMillis, WAIT_BUCKET_MILLIS) / JOIN_SLOT_MILLIS;
        return JOIN_SLOT_BASE.pow((int) slot);
    }

    /**
     * A ring attribute's slots, earliest first; null where it is not a count of contacts per slot (a slot out of
     * range, or below zero: a late event, or what is left of a minute 32 minutes before).
     */
    static int[] joinSlots(String packed) {
        BigInteger v;
        try {
            v = new BigDecimal(packed).toBigIntegerExact();
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
        int[] slots = new int[JOIN_SLOTS];
        for (int k = 0; k < JOIN_SLOTS; k++) {
            BigInteger[] qr = v.divideAndRemainder(JOIN_SLOT_BASE);
            int digit = qr[1].intValue();
            // balanced digits: a slot counted below zero borrows from the next one
            if (digit >= JOIN_SLOT_LIMIT) {
                digit -= JOIN_SLOT_BASE.intValue();
            } else if (digit < -JOIN_SLOT_LIMIT) {
                digit += JOIN_SLOT_BASE.intValue();
            }
            if (digit < 0) {
                return null;
            }
            slots[k] = digit;
            v = qr[0].add(BigInteger.valueOf(qr[1].intValue() - digit).divide(JOIN_SLOT_BASE));
        }
        return v.signum() == 0 ? slots : null;
    }

    /** At most this many counters are removed by one write (a long-idle queue's are removed over a few). */
    static final int MAX_STALE_REMOVED = 40;

    /**
     * Counters a write may remove. {@code stale}: past their horizon, so nothing reads them any more, removed
     * unconditionally. {@code emptied}: waiting or in-service counts of an earlier minute back at zero (every
     * contact counted there has left), removed only on the condition that they still read zero, for a late
     * event may yet move one.
     */
    record Cleanup(List<String> stale, List<String> emptied) {
        static final Cleanup NONE = new Cleanup(List.of(), List.of());

        /** The stale counters alone: a late event moved a count read as zero, so those stay this time. */
        Cleanup withoutEmptied() {
            return new Cleanup(stale, List.of());
        }
    }

    /**
     * The counters of this item a write at {@code nowMillis} removes ({@link Cleanup}), {@link #MAX_STALE_REMOVED}
     * at most. Stale: waiting and in-service counts past the longest limits (nobody counted there counts any more) and
     * daily statistics two days old or more (no reader weighs them). Emptied: waiting counts of minutes before the
     * last two, in-service counts of half minutes before the last three, that read zero. Writers also remove what
     * passes out of reach as they go, but only the buckets of their own moment, which in sparse traffic leaves others
     * behind, and a count that reached zero stays as a zero; the write of a contact joining a line, which reads the
     * item for its quote anyway, removes these, so an item keeps only the counts of contacts still counted (on a busy
     * queue a zero per minute and priority would otherwise be kept for hours: kilobytes read by every GET /wait_times).
     */
    static Cleanup cleanup(Map<String, AttributeValue> item, long nowMillis) {
        long waitHorizon = Math.floorDiv(nowMillis - MAX_WAIT_SECONDS * 1000, WAIT_BUCKET_MILLIS) - 1;
        long serviceHorizon = Math.floorDiv(nowMillis - MAX_HANDLE_SECONDS * 1000, SERVICE_BUCKET_MILLIS) - 1;
        long dayHorizon = DecayedSum.bucket(nowMillis) - 1;
        long emptiedWaiting = Math.floorDiv(nowMillis, WAIT_BUCKET_MILLIS) - 2;
        long emptiedService = Math.floorDiv(nowMillis, SERVICE_BUCKET_MILLIS) - 3;
        List<String> stale = new ArrayList<>();
        List<String> emptied = new ArrayList<>();
        for (Map.Entry<String, AttributeValue> a : item.entrySet()) {
            if (stale.size() + emptied.size() == MAX_STALE_REMOVED) {
                break;
            }
            String name = a.getKey();
            boolean waiting = name.startsWith(CONTACT);
            boolean service = name.startsWith(SERVICE);
            long horizon =
                    waiting ? waitHorizon : service ? serviceHorizon : isDailyStat(name) ? dayHorizon : Long.MIN_VALUE;
            if (horizon == Long.MIN_VALUE) {
                continue;
            }
            long bucket = bucketOf(name);
            if (bucket < horizon) {
                stale.add(name);
            } else if ((waiting && bucket < emptiedWaiting || service && bucket < emptiedService)
                    && isZero(a.getValue())) {
                emptied.add(name);
            }
        }
        return new Cleanup(stale, emptied);
    }

    /**
     * Whether the attribute is a waiting or in-service count at zero: every contact counted there has left, and no
     * reader tells it from a count not kept (a write that rewrites the whole item leaves such counts out).
     */
    static boolean isEmptiedCount(String name, AttributeValue value) {
        return (name.startsWith(CONTACT) || name.startsWith(SERVICE)) && isZero(value);
    }

    private static boolean isZero(AttributeValue value) {
        return "0".equals(value.n());
    }

    /**
     * Whether the attribute is a daily statistic, {@code {prefix}{channel code}#{day}} ({@link #stat}), or as written
     * before 2026-12-02 with the channel's wire name.
     */
    private static boolean isDailyStat(String name) {
        int last = name.lastIndexOf('#');
        if (last < 4 || name.charAt(2) != '#' || statIndex(name.charAt(0), name.charAt(1)) < 0) {
            return false;
        }
        return (statChannel(name, 2, last) != 0
                        || Channel.fromWire(name.substring(3, last)).isPresent())
                && bucketOf(name) != Long.MAX_VALUE;
    }

    /** The number after the attribute's last {@code #}; {@link Long#MAX_VALUE} where there is none (never stale). */
    private static long bucketOf(String name) {
        try {
            return Long.parseLong(name.substring(name.lastIndexOf('#') + 1));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    static String servedQueuedAt(Channel channel, long priority) {
        return SERVED_QUEUED_AT + channelCode(channel) + "#" + priority;
    }

    static String serviceBucket(Channel channel, long startedAtMillis) {
        return SERVICE + channelCode(channel) + "#" + Math.floorDiv(startedAtMillis, SERVICE_BUCKET_MILLIS);
    }

    /** The attribute counting agents of one kind. */
    static String agentKind(
            AgentStatus status, List<Channel> channels, int queues, int chatConcurrency, boolean breakthrough) {
        boolean voice = channels.contains(Channel.VOICE_CALL);
        boolean chat = channels.contains(Channel.CHAT);
        String chs = voice && chat ? "vc" : voice ? "v" : chat ? "c" : "-";
        char st = switch (status) {
            case AVAILABLE -> 'a';
            case BUSY -> 'b';
            case AWAY -> 'w';
            case OFFLINE -> 'o';
        };
        return AGENT + chs + "#" + st + "#" + Math.max(1, queues) + "#" + chatConcurrency + "#"
                + (breakthrough ? 1 : 0);
    }

    static String flowPrefix(QueueStateWriter.Flow flow, boolean longTau) {
        return (longTau ? LONG_FLOWS : FLOWS)[flow.ordinal()];
    }

    static String hazardPrefix(char kind, int bin) {
        return kind + Integer.toString(bin) + "#";
    }

    /**
     * A daily statistic's name, {@code {prefix}{channel code}#{day}}. Items written before 2026-12-02 name the channel
     * by its wire name ({@code hw#voice_call#20789}); readers add both up (sums of one day are additive), and the old
     * names pass their horizon within two days ({@link #cleanup}).
     */
    static String stat(String prefix, Channel channel, long bucket) {
        return prefix + channelCode(channel) + "#" + bucket;
    }

    /**
     * The channel code of a daily statistic whose channel sits between the {@code #} at {@code from} and the one at
     * {@code to}: {@code v} or {@code c}, else 0 (the old names, and anything else).
     */
    private static char statChannel(String name, int from, int to) {
        if (to != from + 2) {
            return 0;
        }
        char c = name.charAt(from + 1);
        return c == 'v' || c == 'c' ? c : 0;
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
        return new QueueState(today, reader.voice, reader.chat, reader.agents);
    }

    /** A queue-state item as read: the channels' snapshots at any moment of the day it was read for. */
    public static final class QueueState {
        private final long day;
        private final Builder voice;
        private final Builder chat;
        private final List<AgentKind> agents;

        private QueueState(long day, Builder voice, Builder chat, List<AgentKind> agents) {
            this.day = day;
            this.voice = voice;
            this.chat = chat;
            this.agents = agents;
        }

        public long day() {
            return day;
        }

        /**
         * The channel's state at {@code nowMillis} (a moment of the day it was read for): contacts waiting longer
         * than the menu's {@code max_wait_seconds}, or with an agent longer than its {@code max_handle_seconds}, no
         * longer count.
         */
        public QueueSnapshot snapshot(
                Channel channel, long defaultHandleSeconds, StaleLimits limits, DecayedSum.At decay, long nowMillis) {
            return snapshot(channel, defaultHandleSeconds, limits, decay, nowMillis, false);
        }

        /**
         * As {@link #snapshot}, with the waiting contacts of the split minutes counted per five seconds they joined
         * in ({@code t#}): the line a contact's place is read from ({@link LinePosition}). A minute whose slots are
         * missing (an item written before they were kept) or do not add up to its count stays counted by minute.
         */
        public QueueSnapshot contactLine(
                Channel channel, long defaultHandleSeconds, StaleLimits limits, DecayedSum.At decay, long nowMillis) {
            return snapshot(channel, defaultHandleSeconds, limits, decay, nowMillis, true);
        }

        private QueueSnapshot snapshot(
                Channel channel,
                long defaultHandleSeconds,
                StaleLimits limits,
                DecayedSum.At decay,
                long nowMillis,
                boolean splitJoins) {
            if (decay.bucket() != day) {
                throw new IllegalArgumentException("Queue state read for day " + day + ", asked for " + decay.bucket());
            }
            List<AgentPresence> presences = new ArrayList<>(agents.size());
            for (AgentKind a : agents) {
                if (channel == Channel.CHAT ? a.chat : a.voice) {
                    presences.add(a.presence);
                }
            }
            return (channel == Channel.CHAT ? chat : voice)
                    .build(channel, defaultHandleSeconds, limits, decay, presences, nowMillis, splitJoins);
        }

        /**
         * Agents logged in to the queue on any of these channels (breakthrough agents apart), available ones,
         * breakthrough ones; an agent on two channels counts once.
         */
        public int[] agentCounts(List<Channel> channels) {
            int loggedIn = 0;
            int available = 0;
            int breakthrough = 0;
            for (AgentKind a : agents) {
                AgentPresence p = a.presence;
                boolean shown =
                        channels.contains(Channel.VOICE_CALL) && a.voice || channels.contains(Channel.CHAT) && a.chat;
                if (!shown || p.status() == AgentStatus.OFFLINE) {
                    continue;
                }
                if (p.breakthrough()) {
                    breakthrough += p.count();
                } else {
                    loggedIn += p.count();
                    available += p.status() == AgentStatus.AVAILABLE ? p.count() : 0;
                }
            }
            return new int[] {loggedIn, available, breakthrough};
        }
    }

    /** Agents of one kind, and the channels they take. */
    private record AgentKind(AgentPresence presence, boolean voice, boolean chat) {}

    private static final class Builder {
        /** Waiting contacts per (priority, minute): read-only once built (a parsed item may serve several requests). */
        final List<WaitingContact> waiting = new ArrayList<>();
        /** Per priority, the minute of {@code fq#}: contacts of that priority who joined before it have left. */
        final Map<Long, Long> servedMinute = new HashMap<>(2);
        /** Service starts per half minute, as epoch seconds of the bucket's middle, and their counts. */
        final List<long[]> services = new ArrayList<>();
        /**
         * [2 * stat + (0 = today, 1 = yesterday)], stats in the order HANDLE_WEIGHT, HANDLE_SUM, ABANDON_WEIGHT,
         * EXPOSURE_SUM, LONG_HANDLE_WEIGHT, LONG_HANDLE_SUM, LONG_HANDLE_SQUARES, then the {@link #FLOWS} and
         * {@link #LONG_FLOWS}
         */
        final double[] stats = new double[2 * (12 + 3 * PatienceHazard.BINS)];

        Long lesWait;
        Long lesAt;
        /** The ring of split minutes' slots as stored, by minute mod {@link #JOIN_RING_MINUTES}; null if none. */
        String[] joinRing;
        /** Waiting counts taken below zero by late events, as {priority, minute, count}: they weigh in a minute's sum. */
        List<long[]> belowZero;

        QueueSnapshot build(
                Channel channel,
                long defaultHandleSeconds,
                StaleLimits limits,
                DecayedSum.At decay,
                List<AgentPresence> agents,
                long nowMillis,
                boolean splitJoins) {
            long waitCutoff = nowMillis - limits.maxWaitSeconds() * 1000;
            List<WaitingContact> current = waiting;
            for (WaitingContact w : waiting) {
                if (gone(w, waitCutoff, servedMinute)) {
                    current = new ArrayList<>(waiting.size());
                    for (WaitingContact v : waiting) {
                        if (!gone(v, waitCutoff, servedMinute)) {
                            current.add(v);
                        }
                    }
                    break;
                }
            }
            if (splitJoins && joinRing != null) {
                current = splitJoins(current, nowMillis);
            }
            long serviceCutoff = nowMillis / 1000 - limits.maxHandleSeconds();
            int n = 0;
            for (long[] s : services) {
                n += s[0] >= serviceCutoff ? 1 : 0;
            }
            long[] starts = new long[n];
            int[] counts = new int[n];
            int i = 0;
            for (long[] s : services) {
                if (s[0] >= serviceCutoff) {
                    starts[i] = s[0];
                    counts[i++] = (int) s[1];
                }
            }
            return new QueueSnapshot(
                    channel,
                    defaultHandleSeconds,
                    current,
                    agents,
                    decay.value(stats[0], stats[1]),
                    decay.value(stats[2], stats[3]),
                    decay.value(stats[4], stats[5]),
                    decay.value(stats[6], stats[7]),
                    lesWait,
                    lesAt,
                    decay.longValue(stats[8], stats[9]),
                    decay.longValue(stats[10], stats[11]),
                    decay.longValue(stats[12], stats[13]),
                    starts,
                    counts,
                    new QueueSnapshot.Flows(
                            decay.value(stats[14], stats[15]),
                            decay.value(stats[16], stats[17]),
                            decay.longValue(stats[18], stats[19]),
                            decay.longValue(stats[20], stats[21]),
                            decay.longValue(stats[22], stats[23]),
                            hazard(decay, 12),
                            hazard(decay, 12 + PatienceHazard.BINS),
                            hazard(decay, 12 + 2 * PatienceHazard.BINS)));
        }

        /**
         * The line with each split minute's count replaced by its slots' counts, where the minute holds one priority
         * and its slots add up to what the minute counts (every priority's count, those below zero included).
         */
        private List<WaitingContact> splitJoins(List<WaitingContact> line, long nowMillis) {
            // per minute: {sum of the counts, the priority counted, 1 if several are}
            Map<Long, long[]> minutes = new HashMap<>();
            for (WaitingContact w : waiting) {
                countIn(minutes, w.priority(), Math.floorDiv(w.queuedAtMillis(), WAIT_BUCKET_MILLIS), w.count());
            }
            if (belowZero != null) {
                for (long[] b : belowZero) {
                    countIn(minutes, b[0], b[1], b[2]);
                }
            }
            List<WaitingContact> split = new ArrayList<>(line.size() + 2 * JOIN_SLOTS);
            for (WaitingContact w : line) {
                long minute = Math.floorDiv(w.queuedAtMillis(), WAIT_BUCKET_MILLIS);
                long start = minute * WAIT_BUCKET_MILLIS;
                String packed = joinSlotsKept(start, nowMillis)
                        ? joinRing[(int) Math.floorMod(minute, JOIN_RING_MINUTES)]
                        : null;
                int[] slots = packed == null ? null : joinSlots(packed);
                long[] counted = minutes.get(minute);
                if (slots == null || counted[2] != 0 || Arrays.stream(slots).sum() != counted[0]) {
                    split.add(w);
                    continue;
                }
                for (int k = 0; k < slots.length; k++) {
                    if (slots[k] > 0) {
                        split.add(new WaitingContact(
                                w.priority(),
                                start + k * JOIN_SLOT_MILLIS + JOIN_SLOT_MILLIS / 2,
                                slots[k],
                                JOIN_SLOT_MILLIS));
                    }
                }
            }
            return split;
        }

        private static void countIn(Map<Long, long[]> minutes, long priority, long minute, long count) {
            long[] m = minutes.get(minute);
            if (m == null) {
                minutes.put(minute, new long[] {count, priority, 0});
            } else {
                m[0] += count;
                m[2] |= m[1] != priority ? 1 : 0;
            }
        }

        /** The histogram of waits' {@link PatienceHazard#BINS} statistics from index {@code first} on. */
        private static boolean gone(WaitingContact w, long waitCutoff, Map<Long, Long> servedMinute) {
            return w.queuedAtMillis() < waitCutoff || servedBefore(w.priority(), w.queuedAtMillis(), servedMinute);
        }

        private double[] hazard(DecayedSum.At decay, int first) {
            double[] v = new double[PatienceHazard.BINS];
            for (int b = 0; b < v.length; b++) {
                v[b] = decay.longValue(stats[2 * (first + b)], stats[2 * (first + b) + 1]);
            }
            return v;
        }
    }

    /**
     * Reads an item's attributes into its channels' builders. Warm Lambda code runs under C1 (no escape analysis,
     * little inlining), where what is cheap elsewhere is not: this consumer is one object per item, names are told
     * apart by their first characters, and numbers are read by {@link NumberText}, not by the JDK's parsers.
     */
    private static final class AttributeReader implements BiConsumer<String, AttributeValue> {
        final Builder voice = new Builder();
        final Builder chat = new Builder();
        final List<AgentKind> agents = new ArrayList<>();
        final long today;

        AttributeReader(long today) {
            this.today = today;
        }

        @Override
        public void accept(String name, AttributeValue value) {
            if (name.length() < 4) {
                return;
            }
            char first = name.charAt(0);
            char second = name.charAt(1);
            if (second == '#') {
                switch (first) {
                    case 'c' -> readWaiting(name, value);
                    case 'a' -> readAgent(name, value);
                    case 's' -> readService(name, value);
                    case 't' -> readJoinRing(name, value);
                    default -> {}
                }
            } else if (first == 'l' && second == 'e' && name.startsWith(LES)) {
                readLes(name, value.s());
            } else if (name.charAt(2) == '#') {
                int stat = statIndex(first, second);
                if (stat >= 0) {
                    readStat(name, value, stat);
                } else if (first == 'f' && second == 'q') {
                    readServed(name, value);
                }
            }
        }

        private Builder channel(String name) {
            char c = name.charAt(2);
            return c == 'v' ? voice : c == 'c' ? chat : null;
        }

        /** c#{ch}#{priority}#{minute}: N */
        private void readWaiting(String name, AttributeValue value) {
            Builder b = channel(name);
            int hash = name.indexOf('#', 4);
            long count = count(value);
            if (b == null || hash < 0) {
                return;
            }
            if (count <= 0) {
                String n = value.n();
                if (n != null && n.length() > 1 && n.charAt(0) == '-') {
                    if (b.belowZero == null) {
                        b.belowZero = new ArrayList<>(2);
                    }
                    b.belowZero.add(new long[] {
                        Long.parseLong(name.substring(4, hash)),
                        NumberText.parseLong(name, hash + 1, name.length()),
                        -NumberText.parseLong(n, 1, n.length())
                    });
                }
                return;
            }
            long priority = Long.parseLong(name.substring(4, hash));
            long minute = NumberText.parseLong(name, hash + 1, name.length());
            // the middle of the minute: the bucket's contacts joined half a minute before it, on average
            b.waiting.add(
                    new WaitingContact(priority, minute * WAIT_BUCKET_MILLIS + WAIT_BUCKET_MILLIS / 2, (int) count));
        }

        /** t#{ch}#{minute mod 32}: N (the packed slots, decoded only for a contact's line) */
        private void readJoinRing(String name, AttributeValue value) {
            Builder b = channel(name);
            if (b == null || name.charAt(3) != '#' || value.n() == null) {
                return;
            }
            int index = (int) NumberText.parseLong(name, 4, name.length());
            if (index >= 0 && index < JOIN_RING_MINUTES) {
                if (b.joinRing == null) {
                    b.joinRing = new String[JOIN_RING_MINUTES];
                }
                b.joinRing[index] = value.n();
            }
        }

        /** fq#{ch}#{priority}: N */
        private void readServed(String name, AttributeValue value) {
            char c = name.charAt(3);
            Builder b = c == 'v' ? voice : c == 'c' ? chat : null;
            if (b != null && name.length() > 5 && name.charAt(4) == '#' && value.n() != null) {
                long priority = NumberText.parseLong(name, 5, name.length());
                long queuedAt = NumberText.parseLong(value.n(), 0, value.n().length());
                b.servedMinute.put(priority, Math.floorDiv(queuedAt, WAIT_BUCKET_MILLIS));
            }
        }

        /** s#{ch}#{half minute}: N */
        private void readService(String name, AttributeValue value) {
            Builder b = channel(name);
            long count = count(value);
            if (b == null || count <= 0 || name.charAt(3) != '#') {
                return;
            }
            long bucket = NumberText.parseLong(name, 4, name.length());
            b.services.add(new long[] {(bucket * SERVICE_BUCKET_MILLIS + SERVICE_BUCKET_MILLIS / 2) / 1000, count});
        }

        /** a#{chs}#{st}#{queues}#{conc}#{bt}: N */
        private void readAgent(String name, AttributeValue value) {
            long count = count(value);
            String[] parts = name.split("#");
            if (count <= 0 || parts.length != 6) {
                return;
            }
            AgentStatus status = switch (parts[2]) {
                case "a" -> AgentStatus.AVAILABLE;
                case "b" -> AgentStatus.BUSY;
                case "w" -> AgentStatus.AWAY;
                default -> AgentStatus.OFFLINE;
            };
            AgentPresence presence = new AgentPresence(
                    status,
                    1.0 / Math.max(1, Integer.parseInt(parts[3])),
                    Integer.parseInt(parts[4]),
                    "1".equals(parts[5]),
                    (int) count);
            agents.add(new AgentKind(presence, parts[1].indexOf('v') >= 0, parts[1].indexOf('c') >= 0));
        }

        /** {stat}#{channel code}#{day}: N; or, written before 2026-12-02, {stat}#{channel wire name}#{day} */
        private void readStat(String name, AttributeValue value, int stat) {
            int hash = name.indexOf('#', 3);
            if (hash < 0) {
                return;
            }
            char code = statChannel(name, 2, hash);
            Builder b = code == 'v' || name.startsWith("voice_call#", 3)
                    ? voice
                    : code == 'c' || name.startsWith("chat#", 3) ? chat : null;
            long bucket = NumberText.parseLong(name, hash + 1, name.length());
            // today's bucket and yesterday's; older ones weigh under e^-24 and are ignored
            if (b != null && bucket >= today - 1 && bucket <= today) {
                b.stats[2 * stat + (int) (today - bucket)] += NumberText.parseDouble(value.n());
            }
        }

        /** les#{channel}: "{entered service at ms} {waited seconds}" */
        private void readLes(String name, String v) {
            Builder b =
                    name.regionMatches(LES.length(), "voice_call", 0, 10) ? voice : name.endsWith("chat") ? chat : null;
            int p = v == null ? -1 : v.indexOf(' ');
            if (b != null && p > 0) {
                b.lesAt = NumberText.parseLong(v, 0, p);
                b.lesWait = NumberText.parseLong(v, p + 1, v.length());
            }
        }
    }

    /**
     * Whether a contact of this priority who joined at {@code queuedAtMillis} has left its line by the first come,
     * first served rule: one of its priority who joined in a later minute reached an agent ({@code servedMinute}: per
     * priority, the minute that one joined in).
     */
    public static boolean servedBefore(long priority, long queuedAtMillis, Map<Long, Long> servedMinute) {
        Long served = servedMinute.get(priority);
        return served != null && Math.floorDiv(queuedAtMillis, WAIT_BUCKET_MILLIS) < served;
    }

    /** A bucket's count; a bucket a late event took below zero counts nothing. */
    private static long count(AttributeValue value) {
        String n = value.n();
        return n == null || n.isEmpty() || n.charAt(0) == '-' ? 0 : NumberText.parseLong(n, 0, n.length());
    }

    /** The statistic of a histogram of waits whose bin digit is {@code digit}, from index {@code first} on. */
    private static int hazardIndex(int first, char digit) {
        int bin = digit - '0';
        return bin >= 0 && bin < PatienceHazard.BINS ? first + bin : -1;
    }

    /**
     * The statistic a two-letter prefix names (HANDLE_WEIGHT ... LONG_HANDLE_SQUARES: 0 to 6, flows 7 to 11, then the
     * histogram of waits), else -1.
     */
    private static int statIndex(char first, char second) {
        return switch (first) {
            case 'h' -> second == 'w' ? 0 : second == 's' ? 1 : -1;
            case 'a' -> second == 'w' ? 2 : hazardIndex(12, second);
            case 'd' -> hazardIndex(12 + PatienceHazard.BINS, second);
            case 'p' -> hazardIndex(12 + 2 * PatienceHazard.BINS, second);
            case 'x' -> second == 's' ? 3 : -1;
            case 'l' -> second == 'w' ? 4 : second == 's' ? 5 : second == 'q' ? 6 : -1;
            case 'f' -> second == 'j' ? 7 : second == 'l' ? 8 : -1;
            case 'g' -> second == 'j' ? 9 : second == 'l' ? 10 : second == 'a' ? 11 : -1;
            default -> -1;
        };
    }
}
