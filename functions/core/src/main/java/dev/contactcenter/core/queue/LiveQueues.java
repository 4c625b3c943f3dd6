package dev.contactcenter.core.queue;

import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.ewt.AgentPresence;
import dev.contactcenter.core.ewt.AgentStatus;
import dev.contactcenter.core.ewt.DecayedSum;
import dev.contactcenter.core.ewt.PatienceHazard;
import dev.contactcenter.core.ewt.QueueSnapshot;
import dev.contactcenter.core.ewt.WaitingContact;
import dev.contactcenter.core.queue.QueueStore.AgentRecord;
import dev.contactcenter.core.queue.QueueStore.ContactRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One tenant's queue state kept in memory: the same {@link QueueAggregation} the DynamoDB path applies, with
 * the statistics kept as the same {@link DecayedSum} day buckets, read back as the same {@link QueueSnapshot}.
 * Events are applied in the order given, as delivered: late, out of order or repeated (a repeat changes nothing,
 * the rules moving a contact or agent only forward in event time). A {@code queue_snapshot} applies as where stored
 * ({@link QueueSnapshots}): it sets its channel's waiting counts, and contact events no newer than it move them no
 * more. Not thread-safe.
 */
public final class LiveQueues {
    private final Map<String, ContactRecord> contacts = new HashMap<>();
    private final Map<String, AgentRecord> agents = new HashMap<>();
    private final Map<Long, MenuQueue> queues = new HashMap<>();

    /** Applies one event as the queue-events route would at {@code nowMillis}. */
    public void apply(QueueEvent event, long nowMillis) {
        if (event instanceof QueueEvent.ContactQueued q) {
            settle(
                    q.contactId(),
                    QueueAggregation.queued(q, Optional.ofNullable(contacts.get(q.contactId()))),
                    q.channel(),
                    q.occurredAtMillis());
        } else if (event instanceof QueueEvent.ContactProgressed p) {
            ContactRecord current = contacts.get(p.contactId());
            settle(
                    p.contactId(),
                    QueueAggregation.progressed(p, Optional.ofNullable(current), nowMillis, true),
                    current == null ? null : current.channel(),
                    p.occurredAtMillis());
        } else if (event instanceof QueueEvent.AgentStatusChanged a) {
            QueueAggregation.AgentStep step =
                    QueueAggregation.agentStatus(a, Optional.ofNullable(agents.get(a.agentId())));
            if (step.next() != null) {
                agents.put(a.agentId(), step.next());
                applyAll(step.changes());
            }
        } else if (event instanceof QueueEvent.SnapshotReported s) {
            applySnapshot(s, nowMillis);
        }
    }

    /** As QueueEventService applies it: the agents as of the snapshot, its contacts' records, then the counts. */
    private void applySnapshot(QueueEvent.SnapshotReported s, long nowMillis) {
        for (QueueEvent.SnapshotAgent a : s.agents()) {
            apply(QueueAggregation.agentAsOf(s, a, Optional.ofNullable(agents.get(a.agentId()))), nowMillis);
        }
        Set<String> counted = new HashSet<>();
        for (QueueEvent.SnapshotContact c : s.waiting()) {
            QueueAggregation.SnapshotContactStep step =
                    QueueAggregation.snapshotContact(s, Optional.ofNullable(contacts.get(c.contactId())));
            if (step == QueueAggregation.SnapshotContactStep.RECORD_WAITING) {
                contacts.put(c.contactId(), QueueAggregation.waitingAsOf(s, c));
            } else if (QueueAggregation.countedByItsEvents(s, c, step)) {
                counted.add(c.contactId());
            }
        }
        queues.computeIfAbsent(s.menuId(), id -> new MenuQueue()).applySnapshot(s, counted, nowMillis);
    }

    /** The state of one menu's channel at {@code nowMillis}, as the wait-times route would read it. */
    public QueueSnapshot snapshot(long menuId, Channel channel, long defaultHandleSeconds, long nowMillis) {
        MenuQueue queue = queues.get(menuId);
        return (queue != null ? queue : new MenuQueue()).snapshot(channel, defaultHandleSeconds, nowMillis);
    }

    /** {@code channel}: the contact's, whose snapshot may supersede the event's waiting counts (null: none). */
    private void settle(String contactId, QueueAggregation.ContactStep step, Channel channel, long atMillis) {
        if (step.next() != null) {
            contacts.put(contactId, step.next());
        }
        List<QueueAggregation.QueueChange> changes = step.changes();
        for (QueueAggregation.QueueChange change : changes) {
            MenuQueue queue = queues.get(change.menuId());
            if (QueueAggregation.movesWaitingCount(change)
                    && queue != null
                    && queue.supersedes(channel, QueueAggregation.supersededFrom(change, atMillis))) {
                changes = QueueAggregation.withoutWaitingCounts(changes);
                break;
            }
        }
        applyAll(changes);
    }

    private void applyAll(List<QueueAggregation.QueueChange> changes) {
        for (QueueAggregation.QueueChange change : changes) {
            change.applyTo(queues.computeIfAbsent(change.menuId(), id -> new MenuQueue()));
        }
    }

    private record Waiting(Channel channel, WaitingContact contact) {
        Bucket bucket() {
            return Bucket.of(channel, contact.priority(), contact.queuedAtMillis());
        }
    }

    /** Where the stored state counts a waiting contact: its channel, priority and the minute it joined. */
    private record Bucket(Channel channel, long priority, long minute) {
        static Bucket of(Channel channel, long priority, long queuedAtMillis) {
            return new Bucket(channel, priority, Math.floorDiv(queuedAtMillis, QueueStateMapper.WAIT_BUCKET_MILLIS));
        }

        long middleMillis() {
            return minute * QueueStateMapper.WAIT_BUCKET_MILLIS + QueueStateMapper.WAIT_BUCKET_MILLIS / 2;
        }
    }

    private record Agent(List<Channel> channels, AgentPresence presence) {}

    private record InService(Channel channel, long sinceSeconds) {}

    /**
     * Decayed statistics of one channel: [day bucket] -> {handle count, handle seconds, abandonments, seconds waited,
     * the handle count, seconds and squared seconds with the long time constant, then the flows: joins and leaves of
     * the line with the recent time constant, joins, leaves and abandonments with the long one}.
     */
    private static final class Stats {
        final Map<Long, double[]> byDay = new HashMap<>();
        static final int FLOWS = 7;
        static final int LONG_FLOWS = FLOWS + 2;
        static final int HAZARD = LONG_FLOWS + 3;
        static final int STATS = HAZARD + 3 * PatienceHazard.BINS;
        Long lesWaitSeconds;
        Long lesAtMillis;

        void add(long atMillis, int stat, double x, long tauMillis) {
            long bucket = DecayedSum.bucket(atMillis);
            byDay.computeIfAbsent(bucket, b -> new double[STATS])[stat] +=
                    DecayedSum.rounded(DecayedSum.weight(atMillis, tauMillis) * x);
            // as in the stored item: buckets older than yesterday no longer count
            byDay.keySet().removeIf(b -> b < bucket - 1);
        }

        /** The {@link PatienceHazard#BINS} statistics from {@code first} on. */
        double[] values(DecayedSum.At decay, int first) {
            double[] v = new double[PatienceHazard.BINS];
            for (int b = 0; b < v.length; b++) {
                v[b] = value(decay, first + b);
            }
            return v;
        }

        double value(DecayedSum.At decay, int stat) {
            double[] today = byDay.get(decay.bucket());
            double[] yesterday = byDay.get(decay.bucket() - 1);
            double current = today == null ? 0 : today[stat];
            double previous = yesterday == null ? 0 : yesterday[stat];
            boolean isLong = stat >= 4 && stat < FLOWS || stat >= LONG_FLOWS;
            return isLong ? decay.longValue(current, previous) : decay.value(current, previous);
        }
    }

    private static final class MenuQueue implements QueueStateWriter {
        final Map<String, Waiting> waiting = new LinkedHashMap<>();
        /**
         * The stored count of a bucket less its contacts listed here, where the two part: a snapshot counted a contact
         * in the minute of its {@code queued_at} while the contact's events say another, and its leaving takes one
         * from that other minute's count.
         */
        final Map<Bucket, Integer> offsets = new HashMap<>();

        final Map<String, Agent> agents = new LinkedHashMap<>();
        final Map<String, InService> inService = new HashMap<>();
        final Map<Channel, Stats> stats = new EnumMap<>(Channel.class);
        /** Per channel, the as_of of the snapshot that last set the waiting counts, and the parts of it applied. */
        final Map<Channel, Long> snapshotAt = new EnumMap<>(Channel.class);

        final Map<Channel, Set<Integer>> snapshotParts = new EnumMap<>(Channel.class);
        /** Per channel and priority, the minute the latest contact reported reaching an agent had joined in. */
        final Map<Channel, Map<Long, Long>> servedMinute = new EnumMap<>(Channel.class);

        @Override
        public void servedFromLine(Channel channel, long priority, long queuedAtMillis) {
            servedMinute
                    .computeIfAbsent(channel, c -> new HashMap<>())
                    .put(priority, Math.floorDiv(queuedAtMillis, QueueStateMapper.WAIT_BUCKET_MILLIS));
        }

        @Override
        public void addWaiting(String contactId, Channel channel, long priority, long queuedAtMillis) {
            if (waiting.containsKey(contactId)) {
                offsets.merge(Bucket.of(channel, priority, queuedAtMillis), 1, Integer::sum);
            } else {
                waiting.put(contactId, new Waiting(channel, new WaitingContact(priority, queuedAtMillis)));
            }
        }

        @Override
        public void removeWaiting(String contactId, Channel channel, long priority, long queuedAtMillis) {
            Bucket bucket = Bucket.of(channel, priority, queuedAtMillis);
            Waiting w = waiting.get(contactId);
            if (w != null && w.bucket().equals(bucket)) {
                waiting.remove(contactId);
            } else {
                offsets.merge(bucket, -1, Integer::sum);
            }
        }

        /** Whether a snapshot of the channel as of {@code fromMillis} or later set the waiting counts. */
        boolean supersedes(Channel channel, long fromMillis) {
            Long asOf = snapshotAt.get(channel);
            return asOf != null && asOf >= fromMillis;
        }

        /**
         * As {@link QueueSnapshots#applySnapshot}: a newer snapshot drops the channel's waiting contacts who joined
         * before its minute; each part adds its contacts but those {@code counted} by their own events; an older
         * snapshot, or a part applied before, changes nothing.
         */
        void applySnapshot(QueueEvent.SnapshotReported s, Set<String> counted, long nowMillis) {
            Channel channel = s.channel();
            long asOf = s.occurredAtMillis();
            Long current = snapshotAt.get(channel);
            Set<Integer> parts = current != null && current == asOf
                    ? snapshotParts.getOrDefault(channel, new HashSet<>())
                    : new HashSet<>();
            if (current != null && (asOf < current || parts.contains(s.part()))) {
                return;
            }
            // as QueueSnapshots.bookMoved: what the snapshot adds or takes away books as joining or leaving at as_of
            long moved = 0;
            if (current == null || asOf > current) {
                long minute = Math.floorDiv(asOf, QueueStateMapper.WAIT_BUCKET_MILLIS);
                long stale = Math.floorDiv(
                        asOf - QueueStateMapper.MAX_WAIT_SECONDS * 1000, QueueStateMapper.WAIT_BUCKET_MILLIS);
                for (Iterator<Waiting> i = waiting.values().iterator(); i.hasNext(); ) {
                    Waiting w = i.next();
                    if (w.channel() == channel && w.bucket().minute() < minute) {
                        moved -= w.bucket().minute() >= stale ? 1 : 0;
                        i.remove();
                    }
                }
                for (Iterator<Map.Entry<Bucket, Integer>> i = offsets.entrySet().iterator(); i.hasNext(); ) {
                    Map.Entry<Bucket, Integer> o = i.next();
                    if (o.getKey().channel() == channel && o.getKey().minute() < minute) {
                        moved -= o.getKey().minute() >= stale ? o.getValue() : 0;
                        i.remove();
                    }
                }
            }
            for (QueueEvent.SnapshotContact c : s.waiting()) {
                if (QueueAggregation.countedBySnapshot(s, c, counted)) {
                    addWaiting(c.contactId(), channel, c.priority(), c.queuedAtMillis());
                    moved++;
                }
            }
            if (moved != 0) {
                // one sample of all of them, as stored (rounded as one addition)
                flows(
                        channel,
                        moved > 0 ? Flow.JOINED_LINE : Flow.LEFT_LINE,
                        Math.abs(moved),
                        Math.min(asOf, nowMillis));
            }
            parts.add(s.part());
            snapshotParts.put(channel, parts);
            snapshotAt.put(channel, asOf);
        }

        @Override
        public void putAgent(
                String agentId,
                AgentStatus status,
                List<Channel> channels,
                int queues,
                int chatConcurrency,
                boolean breakthrough) {
            agents.put(
                    agentId,
                    new Agent(
                            channels,
                            new AgentPresence(status, 1.0 / Math.max(1, queues), chatConcurrency, breakthrough)));
        }

        @Override
        public void removeAgent(
                String agentId,
                AgentStatus status,
                List<Channel> channels,
                int queues,
                int chatConcurrency,
                boolean breakthrough) {
            agents.remove(agentId);
        }

        @Override
        public void handled(Channel channel, double handleSeconds, long atMillis) {
            Stats s = stats(channel);
            s.add(atMillis, 0, 1, DecayedSum.TAU_MILLIS);
            s.add(atMillis, 1, handleSeconds, DecayedSum.TAU_MILLIS);
            s.add(atMillis, 4, 1, DecayedSum.LONG_TAU_MILLIS);
            s.add(atMillis, 5, handleSeconds, DecayedSum.LONG_TAU_MILLIS);
            s.add(atMillis, 6, handleSeconds * handleSeconds, DecayedSum.LONG_TAU_MILLIS);
        }

        @Override
        public void flow(Channel channel, Flow flow, long atMillis) {
            flows(channel, flow, 1, atMillis);
        }

        private void flows(Channel channel, Flow flow, long count, long atMillis) {
            Stats s = stats(channel);
            if (flow != Flow.ABANDONED) {
                s.add(atMillis, Stats.FLOWS + flow.ordinal(), count, DecayedSum.TAU_MILLIS);
            }
            s.add(atMillis, Stats.LONG_FLOWS + flow.ordinal(), count, DecayedSum.LONG_TAU_MILLIS);
        }

        @Override
        public void leftLine(Channel channel, double waitSeconds, boolean abandoned, long atMillis) {
            Stats s = stats(channel);
            s.add(atMillis, 2, abandoned ? 1 : 0, DecayedSum.TAU_MILLIS);
            s.add(atMillis, 3, waitSeconds, DecayedSum.TAU_MILLIS);
            int bin = PatienceHazard.bin(waitSeconds);
            if (abandoned) {
                s.add(atMillis, Stats.HAZARD + bin, 1, DecayedSum.LONG_TAU_MILLIS);
            }
            s.add(atMillis, Stats.HAZARD + PatienceHazard.BINS + bin, 1, DecayedSum.LONG_TAU_MILLIS);
            s.add(
                    atMillis,
                    Stats.HAZARD + 2 * PatienceHazard.BINS + bin,
                    PatienceHazard.intoBin(waitSeconds),
                    DecayedSum.LONG_TAU_MILLIS);
        }

        @Override
        public void enteredService(Channel channel, long waitSeconds, long atMillis) {
            Stats s = stats(channel);
            if (s.lesAtMillis == null || s.lesAtMillis < atMillis) {
                s.lesAtMillis = atMillis;
                s.lesWaitSeconds = waitSeconds;
            }
        }

        @Override
        public void startedService(String contactId, Channel channel, long atMillis) {
            inService.put(contactId, new InService(channel, QueueSnapshot.serviceStartSeconds(atMillis)));
        }

        @Override
        public void endedService(String contactId, Channel channel, long startedAtMillis) {
            inService.remove(contactId);
        }

        /**
         * Brings the listed line to the stored counts: a bucket counted short loses its latest contacts listed, one
         * counted over gains contacts at its middle (as the stored state reads them).
         */
        private void offsetLine(List<WaitingContact> line, Channel channel, long waitCutoff, Map<Long, Long> served) {
            Map<Bucket, Integer> owed = new HashMap<>();
            for (Map.Entry<Bucket, Integer> o : offsets.entrySet()) {
                Bucket b = o.getKey();
                if (b.channel() != channel
                        || !counts(new WaitingContact(b.priority(), b.middleMillis()), waitCutoff, served)
                        || o.getValue() == 0) {
                    continue;
                }
                if (o.getValue() > 0) {
                    line.add(new WaitingContact(b.priority(), b.middleMillis(), o.getValue()));
                } else {
                    owed.put(b, -o.getValue());
                }
            }
            for (int i = line.size() - 1; i >= 0 && !owed.isEmpty(); i--) {
                WaitingContact w = line.get(i);
                Bucket b = Bucket.of(channel, w.priority(), w.queuedAtMillis());
                Integer left = owed.get(b);
                if (left != null && w.count() == 1) {
                    line.remove(i);
                    if (left == 1) {
                        owed.remove(b);
                    } else {
                        owed.put(b, left - 1);
                    }
                }
            }
        }

        /** The stored state's rules for lost events: waiting too long, or behind one of its priority served. */
        private static boolean counts(WaitingContact w, long waitCutoff, Map<Long, Long> served) {
            return w.queuedAtMillis() >= waitCutoff
                    && !QueueStateMapper.servedBefore(w.priority(), w.queuedAtMillis(), served);
        }

        private Stats stats(Channel channel) {
            return stats.computeIfAbsent(channel, c -> new Stats());
        }

        QueueSnapshot snapshot(Channel channel, long defaultHandleSeconds, long nowMillis) {
            // the stored state's rules for lost events: a contact waiting too long, or too long with an agent, is gone
            long waitCutoff = nowMillis - QueueStateMapper.MAX_WAIT_SECONDS * 1000;
            long serviceCutoff = nowMillis / 1000 - QueueStateMapper.MAX_HANDLE_SECONDS;
            Map<Long, Long> served = servedMinute.getOrDefault(channel, Map.of());
            List<WaitingContact> line = new ArrayList<>(waiting.size());
            for (Waiting w : waiting.values()) {
                if (w.channel() == channel && counts(w.contact(), waitCutoff, served)) {
                    line.add(w.contact());
                }
            }
            if (!offsets.isEmpty()) {
                offsetLine(line, channel, waitCutoff, served);
            }
            List<AgentPresence> present = new ArrayList<>(agents.size());
            for (Agent a : agents.values()) {
                if (a.channels().contains(channel)) {
                    present.add(a.presence());
                }
            }
            long[] since = new long[inService.size()];
            int m = 0;
            for (InService c : inService.values()) {
                if (c.channel() == channel && c.sinceSeconds() >= serviceCutoff) {
                    since[m++] = c.sinceSeconds();
                }
            }
            Stats s = stats.getOrDefault(channel, new Stats());
            DecayedSum.At decay = DecayedSum.at(nowMillis);
            return new QueueSnapshot(
                    channel,
                    defaultHandleSeconds,
                    line,
                    present,
                    s.value(decay, 0),
                    s.value(decay, 1),
                    s.value(decay, 2),
                    s.value(decay, 3),
                    s.lesWaitSeconds,
                    s.lesAtMillis,
                    s.value(decay, 4),
                    s.value(decay, 5),
                    s.value(decay, 6),
                    Arrays.copyOf(since, m),
                    null,
                    new QueueSnapshot.Flows(
                            s.value(decay, Stats.FLOWS),
                            s.value(decay, Stats.FLOWS + 1),
                            s.value(decay, Stats.LONG_FLOWS),
                            s.value(decay, Stats.LONG_FLOWS + 1),
                            s.value(decay, Stats.LONG_FLOWS + 2),
                            s.values(decay, Stats.HAZARD),
                            s.values(decay, Stats.HAZARD + PatienceHazard.BINS),
                            s.values(decay, Stats.HAZARD + 2 * PatienceHazard.BINS)));
        }
    }
}
