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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One tenant's queue state kept in memory: the same {@link QueueAggregation} the DynamoDB path applies, with
 * the statistics kept as the same {@link DecayedSum} day buckets, read back as the same {@link QueueSnapshot}.
 * Events are applied in the order given (each event id is expected once). Not thread-safe.
 */
public final class LiveQueues {
    private final Map<String, ContactRecord> contacts = new HashMap<>();
    private final Map<String, AgentRecord> agents = new HashMap<>();
    private final Map<Long, MenuQueue> queues = new HashMap<>();

    /** Applies one event as the queue-events route would at {@code nowMillis}. */
    public void apply(QueueEvent event, long nowMillis) {
        if (event instanceof QueueEvent.ContactQueued q) {
            settle(q.contactId(), QueueAggregation.queued(q, Optional.ofNullable(contacts.get(q.contactId()))));
        } else if (event instanceof QueueEvent.ContactProgressed p) {
            settle(
                    p.contactId(),
                    QueueAggregation.progressed(p, Optional.ofNullable(contacts.get(p.contactId())), nowMillis, true));
        } else if (event instanceof QueueEvent.AgentStatusChanged a) {
            QueueAggregation.AgentStep step =
                    QueueAggregation.agentStatus(a, Optional.ofNullable(agents.get(a.agentId())));
            if (step.next() != null) {
                agents.put(a.agentId(), step.next());
                applyAll(step.changes());
            }
        }
    }

    /** The state of one menu's channel at {@code nowMillis}, as the wait-times route would read it. */
    public QueueSnapshot snapshot(long menuId, Channel channel, long defaultHandleSeconds, long nowMillis) {
        MenuQueue queue = queues.get(menuId);
        return (queue != null ? queue : new MenuQueue()).snapshot(channel, defaultHandleSeconds, nowMillis);
    }

    private void settle(String contactId, QueueAggregation.ContactStep step) {
        if (step.next() != null) {
            contacts.put(contactId, step.next());
        }
        applyAll(step.changes());
    }

    private void applyAll(List<QueueAggregation.QueueChange> changes) {
        for (QueueAggregation.QueueChange change : changes) {
            change.applyTo(queues.computeIfAbsent(change.menuId(), id -> new MenuQueue()));
        }
    }

    private record Waiting(Channel channel, WaitingContact contact) {}

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
            byDay.computeIfAbsent(bucket, b -> new double[STATS])[stat] += DecayedSum.weight(atMillis, tauMillis) * x;
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
        final Map<String, Agent> agents = new LinkedHashMap<>();
        final Map<String, InService> inService = new HashMap<>();
        final Map<Channel, Stats> stats = new EnumMap<>(Channel.class);

        @Override
        public void addWaiting(String contactId, Channel channel, long priority, long queuedAtMillis) {
            waiting.put(contactId, new Waiting(channel, new WaitingContact(priority, queuedAtMillis)));
        }

        @Override
        public void removeWaiting(String contactId, Channel channel, long priority, long queuedAtMillis) {
            waiting.remove(contactId);
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
            Stats s = stats(channel);
            if (flow != Flow.ABANDONED) {
                s.add(atMillis, Stats.FLOWS + flow.ordinal(), 1, DecayedSum.TAU_MILLIS);
            }
            s.add(atMillis, Stats.LONG_FLOWS + flow.ordinal(), 1, DecayedSum.LONG_TAU_MILLIS);
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

        private Stats stats(Channel channel) {
            return stats.computeIfAbsent(channel, c -> new Stats());
        }

        QueueSnapshot snapshot(Channel channel, long defaultHandleSeconds, long nowMillis) {
            // the stored state's rules for lost events: a contact waiting too long, or too long with an agent, is gone
            long waitCutoff = nowMillis - QueueStateMapper.MAX_WAIT_SECONDS * 1000;
            long serviceCutoff = nowMillis / 1000 - QueueStateMapper.MAX_HANDLE_SECONDS;
            List<WaitingContact> line = new ArrayList<>(waiting.size());
            for (Waiting w : waiting.values()) {
                if (w.channel() == channel && w.contact().queuedAtMillis() >= waitCutoff) {
                    line.add(w.contact());
                }
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
