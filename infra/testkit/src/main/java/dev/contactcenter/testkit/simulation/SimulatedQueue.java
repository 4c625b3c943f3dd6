package dev.contactcenter.testkit.simulation;

import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.ewt.AgentStatus;
import dev.contactcenter.core.queue.ContactState;
import dev.contactcenter.core.queue.QueueEvent;
import dev.contactcenter.testkit.simulation.PotentialWaitLine.Caller;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * One queue of a contact center as a discrete-event simulation: a multi-server FCFS queue with abandonment,
 * arrivals, handle times, patience and staffing as a {@link Scenario} says. Everything that happens is reported
 * to the {@link Observer} as the queue events a routing engine sends production. The accuracy benchmark steps it
 * as fast as it can and scores estimates against the callers' potential waits ({@link PotentialWaitLine}); the
 * local runtime's demo traffic steps it in real time and posts the events to the API.
 */
public final class SimulatedQueue {
    /** What a user of the simulation hears. */
    public interface Observer {
        /**
         * A contact arrives at {@code now}, before its {@code contact_queued} is reported; {@code agentFree} says
         * whether an agent takes it at once. Returns what it is told (kept on its {@link Caller}), or null.
         */
        default double[] arriving(double now, boolean agentFree) {
            return null;
        }

        /** Every queue event, in the order it happens. */
        void event(QueueEvent event);

        /** A caller's potential wait is known: it reached an agent, or, as a ghost, its chance of service came. */
        default void settled(Caller caller) {}
    }

    private enum Kind {
        ARRIVAL,
        COMPLETION,
        ABANDONMENT,
        STAFFING
    }

    private record Happening(double at, long seq, Kind kind, Agent agent, Caller contact, int staff) {}

    private static final class Agent {
        final String id;
        final boolean phantom;
        boolean onShift;
        boolean leaving;
        int inService;
        AgentStatus reported = AgentStatus.OFFLINE;
        long reportedAtMillis = Long.MIN_VALUE;

        Agent(String id, boolean phantom) {
            this.id = id;
            this.phantom = phantom;
        }
    }

    private final Scenario scenario;
    private final long menuId;
    private final String idPrefix;
    private final long epochMillis;
    private final Observer observer;
    private final SplittableRandom arrivalsRandom;
    private final SplittableRandom serviceRandom;
    private final SplittableRandom patienceRandom;
    /** Splits the streams of the simulation's users, after the simulation's own. */
    private final SplittableRandom root;

    private final int slotsPerAgent;
    private final PriorityQueue<Happening> calendar =
            new PriorityQueue<>((a, b) -> a.at != b.at ? Double.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
    private final List<Agent> agents = new ArrayList<>();
    private final List<Agent> phantoms = new ArrayList<>();
    /** Everyone in line in order, ghosts included: the potential waits are measured there. */
    private final PotentialWaitLine line;

    private long seq;
    private long contacts;
    private long events;
    /** Callers really waiting (ghosts apart): the true queue. */
    private int waiting;

    private double now;

    /**
     * @param replication which of the scenario's replications (each has its own random streams)
     * @param menuId      the menu the events name
     * @param idPrefix    starts every contact and agent id (and so every event id)
     * @param epochMillis the wall-clock time of the simulation's second 0, for the events' {@code occurred_at}
     */
    public SimulatedQueue(
            Scenario scenario, int replication, long menuId, String idPrefix, long epochMillis, Observer observer) {
        this.scenario = scenario;
        this.menuId = menuId;
        this.idPrefix = idPrefix;
        this.epochMillis = epochMillis;
        this.observer = observer;
        this.line = new PotentialWaitLine(observer::settled);
        this.root = new SplittableRandom(scenario.seed() * 1_000_003L + replication);
        // separate streams: a change in one process does not shift the others' samples
        this.arrivalsRandom = root.split();
        this.serviceRandom = root.split();
        this.patienceRandom = root.split();
        this.slotsPerAgent = scenario.channel() == Channel.CHAT ? scenario.chatConcurrency() : 1;
        for (Scenario.Step step : scenario.staffing()) {
            if (step.atSeconds() < scenario.horizonSeconds()) {
                schedule(step.atSeconds(), Kind.STAFFING, null, null, (int) step.value());
            }
        }
        scheduleNextArrival(0);
    }

    public Scenario scenario() {
        return scenario;
    }

    /** Seconds since the start: the time of the last happening. */
    public double now() {
        return now;
    }

    /**
     * A random stream of this replication's own for a user of the simulation (lossy delivery, sampling), split
     * after the simulation's: the same calls in the same order give the same streams, and the simulation's samples
     * do not depend on them.
     */
    public SplittableRandom split() {
        return root.split();
    }

    /** The callers really waiting (ghosts apart), in order of arrival: who is ahead of whom. */
    public List<Caller> waiting() {
        return line.waiting();
    }

    /** How many callers really wait (the true queue). */
    public int waitingCount() {
        return waiting;
    }

    /**
     * Reports the routing engine's truth as of {@code seconds} (the last happening's state) as a one-part
     * {@code queue_snapshot}: the callers really waiting with when they joined, and every agent's status as the
     * routing engine knows it.
     */
    public void reportSnapshot(double seconds) {
        List<QueueEvent.SnapshotContact> contacts = new ArrayList<>(waiting);
        for (Caller c : line.waiting()) {
            contacts.add(new QueueEvent.SnapshotContact(c.id(), millis(c.arrivedAt()), 0));
        }
        List<QueueEvent.SnapshotAgent> statuses = new ArrayList<>(agents.size() + phantoms.size());
        for (List<Agent> pool : List.of(agents, phantoms)) {
            for (Agent a : pool) {
                statuses.add(new QueueEvent.SnapshotAgent(a.id, status(a)));
            }
        }
        long asOf = millis(seconds);
        emit(new QueueEvent.SnapshotReported(
                idPrefix + "snap-" + asOf, asOf, menuId, scenario.channel(), 1, 1, contacts, statuses));
    }

    public boolean hasNext() {
        return !calendar.isEmpty();
    }

    /** The time of the next happening (a call to {@link #step} runs it). */
    public double nextAt() {
        return calendar.isEmpty() ? Double.POSITIVE_INFINITY : calendar.peek().at;
    }

    /** Runs every happening up to and including {@code seconds}. */
    public void advanceTo(double seconds) {
        while (!calendar.isEmpty() && calendar.peek().at <= seconds) {
            step();
        }
    }

    /** Runs the next happening. */
    public void step() {
        Happening h = calendar.poll();
        now = h.at;
        switch (h.kind) {
            case ARRIVAL -> arrive();
            case COMPLETION -> complete(h.agent, h.contact);
            case ABANDONMENT -> abandon(h.contact);
            case STAFFING -> staff(h.staff);
        }
        if (!line.isEmpty() && freeAgent() != null) {
            line.settleGhostsAtHead(now);
        }
    }

    /**
     * The queue closes at {@code seconds}: contacts with an agent end, those waiting abandon, agents log out, and
     * nothing happens after (the demo traffic leaves a kept table this way when the local runtime stops).
     */
    public void close(double seconds) {
        now = Math.max(now, seconds);
        List<Happening> inService = calendar.stream()
                .filter(h -> h.kind == Kind.COMPLETION)
                .sorted((a, b) -> Long.compare(a.seq, b.seq))
                .toList();
        calendar.clear();
        for (Happening h : inService) {
            h.agent.inService--;
            long handleSeconds = Math.min(86_400, Math.round(now - h.contact.servedAt));
            emit(new QueueEvent.ContactProgressed(
                    "e-" + h.contact.id, millis(now), h.contact.id, ContactState.ENDED, h.agent.id, handleSeconds));
        }
        for (Caller c : line.waiting()) {
            abandon(c);
        }
        for (List<Agent> pool : List.of(agents, phantoms)) {
            for (Agent a : pool) {
                a.onShift = false;
                a.leaving = false;
                report(a);
            }
        }
    }

    /** The queue events reported so far. */
    public long events() {
        return events;
    }

    /** Agents on shift and not about to leave: those really taking contacts (phantoms only pretend to). */
    public int agentsTakingContacts() {
        int n = 0;
        for (Agent a : agents) {
            n += a.onShift && !a.leaving ? 1 : 0;
        }
        return n;
    }

    /** Contacts an agent takes at once: the scenario's chat concurrency on chat, else 1. */
    public int slotsPerAgent() {
        return slotsPerAgent;
    }

    private void schedule(double at, Kind kind, Agent agent, Caller contact, int staff) {
        calendar.add(new Happening(at, seq++, kind, agent, contact, staff));
    }

    /** Non-homogeneous Poisson arrivals by thinning against the largest rate. */
    private void scheduleNextArrival(double from) {
        Scenario.Arrivals a = scenario.arrivals();
        double max = a.maxRate();
        double t = from;
        while (max > 0) {
            t += -Math.log(1 - arrivalsRandom.nextDouble()) / max;
            if (t >= scenario.horizonSeconds()) {
                return;
            }
            if (arrivalsRandom.nextDouble() * max < a.rate(t)) {
                schedule(t, Kind.ARRIVAL, null, null, 0);
                return;
            }
        }
    }

    private void arrive() {
        scheduleNextArrival(now);
        String id = idPrefix + "contact-" + ++contacts;
        Agent free = freeAgent();
        Caller c = new Caller(id, now, observer.arriving(now, free != null));
        emit(new QueueEvent.ContactQueued("q-" + id, millis(now), id, menuId, scenario.channel(), 0));
        if (free != null) {
            line.serveAtOnce(c, now);
            startService(free, c);
            return;
        }
        line.join(c);
        waiting++;
        double patience = patience();
        if (Double.isFinite(patience)) {
            schedule(now + patience, Kind.ABANDONMENT, null, c, 0);
        }
    }

    private Agent freeAgent() {
        for (Agent a : agents) {
            if (a.onShift && !a.leaving && a.inService < slotsPerAgent) {
                return a;
            }
        }
        return null;
    }

    private void startService(Agent agent, Caller c) {
        agent.inService++;
        emit(new QueueEvent.ContactProgressed("a-" + c.id, millis(now), c.id, ContactState.ASSIGNED, agent.id, null));
        report(agent);
        schedule(now + serviceTime(), Kind.COMPLETION, agent, c, 0);
    }

    private void complete(Agent agent, Caller c) {
        agent.inService--;
        long handleSeconds = Math.min(86_400, Math.round(now - c.servedAt));
        emit(new QueueEvent.ContactProgressed(
                "e-" + c.id, millis(now), c.id, ContactState.ENDED, agent.id, handleSeconds));
        if (agent.leaving && agent.inService == 0) {
            agent.onShift = false;
            agent.leaving = false;
            report(agent);
            return;
        }
        if (!agent.leaving) {
            chanceOfService(agent);
        }
        report(agent);
    }

    /** A slot of this agent is free: every ghost at the head of the line is settled, the next real contact served. */
    private void chanceOfService(Agent agent) {
        Caller next = line.chanceOfService(now);
        if (next != null) {
            waiting--;
            startService(agent, next);
        }
    }

    private void abandon(Caller c) {
        if (c.place != PotentialWaitLine.Place.WAITING) {
            return;
        }
        line.abandon(c);
        waiting--;
        emit(new QueueEvent.ContactProgressed("x-" + c.id, millis(now), c.id, ContactState.ABANDONED, null, null));
    }

    /** The shift now has {@code staff} agents: a fraction of them only pretend to be available (noise). */
    private void staff(int staff) {
        int pretending = (int) Math.round(scenario.unavailableAgentFraction() * staff);
        adjust(phantoms, pretending, true);
        adjust(agents, staff - pretending, false);
    }

    /**
     * Brings the agents on shift (and not leaving) to {@code target}. Leaving agents are kept first, then new
     * ones log in; going down, idle agents log out at once and busy ones after their current contact.
     */
    private void adjust(List<Agent> pool, int target, boolean phantom) {
        int active = 0;
        for (Agent a : pool) {
            active += a.onShift && !a.leaving ? 1 : 0;
        }
        for (int i = 0; i < pool.size() && active < target; i++) {
            Agent a = pool.get(i);
            if (a.onShift && a.leaving) {
                a.leaving = false;
                active++;
            }
        }
        for (int i = 0; active < target; i++) {
            if (i == pool.size()) {
                pool.add(new Agent(idPrefix + (phantom ? "phantom-" : "agent-") + (i + 1), phantom));
            }
            Agent a = pool.get(i);
            if (!a.onShift) {
                a.onShift = true;
                active++;
                report(a);
                if (!phantom) {
                    chanceOfService(a);
                }
            }
        }
        for (int i = pool.size() - 1; i >= 0 && active > target; i--) {
            Agent a = pool.get(i);
            if (a.onShift && !a.leaving) {
                active--;
                if (a.inService == 0) {
                    a.onShift = false;
                    report(a);
                } else {
                    a.leaving = true;
                }
            }
        }
    }

    /** Reports the agent's status when it changed; the timestamps of one agent strictly increase, as routing engines send them. */
    private void report(Agent a) {
        AgentStatus status = status(a);
        if (status == a.reported) {
            return;
        }
        a.reported = status;
        a.reportedAtMillis = Math.max(millis(now), a.reportedAtMillis + 1);
        emit(new QueueEvent.AgentStatusChanged(
                "s-" + a.id + "-" + a.reportedAtMillis,
                a.reportedAtMillis,
                a.id,
                status,
                status == AgentStatus.OFFLINE ? List.of() : List.of(menuId),
                List.of(scenario.channel()),
                slotsPerAgent,
                false));
    }

    /** What the routing engine knows of an agent: a phantom claims to be available. */
    private AgentStatus status(Agent a) {
        return !a.onShift
                ? AgentStatus.OFFLINE
                : a.phantom || a.inService < slotsPerAgent ? AgentStatus.AVAILABLE : AgentStatus.BUSY;
    }

    private void emit(QueueEvent e) {
        events++;
        observer.event(e);
    }

    private long millis(double seconds) {
        return epochMillis + Math.round(seconds * 1000);
    }

    private double serviceTime() {
        Scenario.Service s = scenario.service();
        return switch (s.distribution()) {
            case EXPONENTIAL -> exponential(serviceRandom, s.meanSeconds());
            case LOGNORMAL -> lognormal(serviceRandom, s.meanSeconds(), Math.sqrt(Math.log(1 + s.cv() * s.cv())));
            case ERLANG -> {
                int phases = (int) Math.round(1 / (s.cv() * s.cv()));
                double sum = 0;
                for (int i = 0; i < phases; i++) {
                    sum += exponential(serviceRandom, s.meanSeconds() / phases);
                }
                yield sum;
            }
        };
    }

    private double patience() {
        Scenario.Patience p = scenario.patience();
        return switch (p.distribution()) {
            case NONE -> Double.POSITIVE_INFINITY;
            case EXPONENTIAL -> exponential(patienceRandom, p.meanSeconds());
            case WEIBULL ->
                p.meanSeconds()
                        / Math.exp(logGamma(1 + 1 / p.shape()))
                        * Math.pow(-Math.log(1 - patienceRandom.nextDouble()), 1 / p.shape());
            case LOGNORMAL -> lognormal(patienceRandom, p.meanSeconds(), p.shape());
        };
    }

    private static double exponential(SplittableRandom r, double mean) {
        return -mean * Math.log(1 - r.nextDouble());
    }

    /** Lognormal with this mean and sigma of the log. */
    private static double lognormal(SplittableRandom r, double mean, double sigma) {
        return mean * Math.exp(sigma * r.nextGaussian() - sigma * sigma / 2);
    }

    /** Lanczos approximation (g = 7), enough for Weibull scales. */
    static double logGamma(double x) {
        double[] c = {
            0.99999999999980993,
            676.5203681218851,
            -1259.1392167224028,
            771.32342877765313,
            -176.61502916214059,
            12.507343278686905,
            -0.13857109526572012,
            9.9843695780195716e-6,
            1.5056327351493116e-7
        };
        double y = x - 1;
        double sum = c[0];
        for (int i = 1; i < c.length; i++) {
            sum += c[i] / (y + i);
        }
        double t = y + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(sum);
    }
}
