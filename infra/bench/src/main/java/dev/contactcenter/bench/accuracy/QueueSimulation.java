package dev.contactcenter.bench.accuracy;

import dev.contactcenter.bench.accuracy.PotentialWaitLine.Caller;
import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.ewt.AgentPresence;
import dev.contactcenter.core.ewt.AgentStatus;
import dev.contactcenter.core.ewt.Estimate;
import dev.contactcenter.core.ewt.Predictor;
import dev.contactcenter.core.ewt.Predictors;
import dev.contactcenter.core.ewt.QueueSnapshot;
import dev.contactcenter.core.queue.ContactState;
import dev.contactcenter.core.queue.LiveQueues;
import dev.contactcenter.core.queue.QueueEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * One replication of a scenario: a discrete-event simulation of a multi-server FCFS queue with abandonment.
 * Everything that happens is reported as the queue events production receives and applied to production's
 * {@link LiveQueues}; the predictors read production's {@link QueueSnapshot} of it. Only the oracle is told the
 * truth (the scenario's handle time, patience and the agents really taking contacts).
 * <p>
 * Each arrival after the warm-up that finds no free agent is scored: every predictor's estimate at that
 * moment, against the arrival's potential wait, measured on a {@link PotentialWaitLine}: an abandoning contact
 * stays in line as a ghost, and its potential wait ends at the first chance of service after every real contact
 * ahead of it has gone. Every minute the contacts in line are also asked their remaining wait ({@link RemainingWaits}).
 */
final class QueueSimulation {
    static final long MENU_ID = 1;
    /** What the menu is configured with: deliberately not the scenario's truth, the predictors must learn it. */
    static final long MENU_DEFAULT_HANDLE_SECONDS = 180;

    static final long EPOCH_MILLIS = Instant.parse("2026-11-23T00:00:00Z").toEpochMilli();
    /** Weight of the newest wait in the EWMA baseline. */
    static final double EWMA_WEIGHT = 0.1;
    /** Stands for "infinitely many" observations in the oracle's snapshot. */
    private static final double TRUTH_WEIGHT = 1e9;

    /** The predictors in table order: production's by name, then the two the benchmark computes itself. */
    static final List<String> PREDICTORS = List.of("default", "oracle", "ccai_formula", "les", "hol", "ewma", "ql");

    static final List<String> BASELINES = List.of("ccai_formula", "les", "hol", "ewma", "ql");
    private static final List<Predictor> PRODUCTION = List.of(
            Predictors.byName("default").orElseThrow(),
            Predictors.byName("ccai_formula").orElseThrow(),
            Predictors.byName("les").orElseThrow(),
            Predictors.byName("hol").orElseThrow(),
            Predictors.byName("ql").orElseThrow());
    private static final int[] PRODUCTION_COLUMN = {0, 2, 3, 4, 6};
    private static final int ORACLE = 1;
    private static final int EWMA = 5;
    private static final Predictor QL_ABANDON = Predictors.byName("ql_abandon").orElseThrow();

    /** A scored arrival: the estimates it was given and the potential wait it then had. */
    record Forecast(double[] predicted, double potentialWaitSeconds) {}

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
    private final SplittableRandom arrivalsRandom;
    private final SplittableRandom serviceRandom;
    private final SplittableRandom patienceRandom;
    private final int slotsPerAgent;
    private final LiveQueues live = new LiveQueues();
    private final PriorityQueue<Happening> calendar =
            new PriorityQueue<>((a, b) -> a.at != b.at ? Double.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
    private final List<Agent> agents = new ArrayList<>();
    private final List<Agent> phantoms = new ArrayList<>();
    private final List<Forecast> forecasts = new ArrayList<>();
    /** Everyone in line in order, ghosts included: the potential waits are measured there. */
    private final PotentialWaitLine line = new PotentialWaitLine(this::settled);
    /** Contacts in line asked their remaining wait every minute (issue 18, part 3). */
    private final RemainingWaits remainingWaits;

    private long seq;
    private long contacts;
    private long events;
    private int unresolved;
    private double now;
    private double ewma = Double.NaN;
    private double nextAsking;

    /** {@code askRemainingWaits} false: the arrivals alone are scored (the same figures, in less time). */
    QueueSimulation(Scenario scenario, int replication, boolean askRemainingWaits) {
        this.scenario = scenario;
        SplittableRandom root = new SplittableRandom(scenario.seed() * 1_000_003L + replication);
        // separate streams: a change in one process does not shift the others' samples
        this.arrivalsRandom = root.split();
        this.serviceRandom = root.split();
        this.patienceRandom = root.split();
        this.slotsPerAgent = scenario.channel() == Channel.CHAT ? scenario.chatConcurrency() : 1;
        this.remainingWaits = new RemainingWaits(root.split());
        this.nextAsking = askRemainingWaits ? scenario.warmupSeconds() : Double.POSITIVE_INFINITY;
    }

    List<Forecast> forecasts() {
        return forecasts;
    }

    RemainingWaits.Score remainingWaits() {
        return remainingWaits.score();
    }

    void run() {
        for (Scenario.Step step : scenario.staffing()) {
            if (step.atSeconds() < scenario.horizonSeconds()) {
                schedule(step.atSeconds(), Kind.STAFFING, null, null, (int) step.value());
            }
        }
        scheduleNextArrival(0);
        while (!calendar.isEmpty()
                && (now < scenario.horizonSeconds() || unresolved > 0 || remainingWaits.waitingForAnswers())) {
            Happening h = calendar.poll();
            askRemainingWaits(Math.min(h.at, scenario.horizonSeconds()));
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
    }

    long events() {
        return events;
    }

    /** The moments of asking up to {@code until} (the state between two events is constant, so asked as it stands). */
    private void askRemainingWaits(double until) {
        for (; nextAsking < until; nextAsking += RemainingWaits.EVERY_SECONDS) {
            List<Caller> waiting = line.waiting();
            if (!waiting.isEmpty()) {
                long at = millis(nextAsking);
                QueueSnapshot seen = live.snapshot(MENU_ID, scenario.channel(), MENU_DEFAULT_HANDLE_SECONDS, at);
                remainingWaits.ask(nextAsking, at, waiting, scenario.channel(), seen, truth(seen));
            }
        }
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
        String id = "contact-" + ++contacts;
        Agent free = freeAgent();
        boolean scored = free == null && now >= scenario.warmupSeconds();
        Caller c = new Caller(id, now, scored ? predict() : null);
        emit(new QueueEvent.ContactQueued("q-" + id, millis(now), id, MENU_ID, scenario.channel(), 0));
        if (free != null) {
            line.serveAtOnce(c, now);
            startService(free, c);
            return;
        }
        if (scored) {
            unresolved++;
        }
        line.join(c);
        double patience = patience();
        if (Double.isFinite(patience)) {
            schedule(now + patience, Kind.ABANDONMENT, null, c, 0);
        }
    }

    private double[] predict() {
        long at = millis(now);
        QueueSnapshot seen = live.snapshot(MENU_ID, scenario.channel(), MENU_DEFAULT_HANDLE_SECONDS, at);
        double[] p = new double[PREDICTORS.size()];
        for (int i = 0; i < PRODUCTION.size(); i++) {
            p[PRODUCTION_COLUMN[i]] = seconds(PRODUCTION.get(i).estimate(seen, 0, at));
        }
        p[ORACLE] = seconds(QL_ABANDON.estimate(truth(seen), 0, at));
        p[EWMA] = Double.isNaN(ewma) ? 0 : ewma;
        return p;
    }

    /** An estimate a predictor cannot give (no agents, no data) is scored as 0 s: what "no wait known" shows. */
    private static double seconds(Estimate e) {
        return e.seconds() == null ? 0 : e.seconds();
    }

    /** The line production sees, with the scenario's true handle time, patience and agents taking contacts. */
    private QueueSnapshot truth(QueueSnapshot seen) {
        List<AgentPresence> serving = new ArrayList<>();
        for (Agent a : agents) {
            if (a.onShift && !a.leaving) {
                serving.add(new AgentPresence(AgentStatus.BUSY, 1, slotsPerAgent, false));
            }
        }
        Scenario.Patience p = scenario.patience();
        double theta = p.distribution() == Scenario.PatienceDistribution.NONE ? 0 : 1 / p.meanSeconds();
        return new QueueSnapshot(
                scenario.channel(),
                MENU_DEFAULT_HANDLE_SECONDS,
                seen.waiting(),
                serving,
                1,
                scenario.service().meanSeconds(),
                theta * TRUTH_WEIGHT,
                TRUTH_WEIGHT,
                null,
                null);
    }

    private Agent freeAgent() {
        for (Agent a : agents) {
            if (a.onShift && !a.leaving && a.inService < slotsPerAgent) {
                return a;
            }
        }
        return null;
    }

    /** A caller's potential wait is known: scored if it was, and the EWMA baseline learns the waits of those served. */
    private void settled(Caller c) {
        remainingWaits.settled(c);
        if (c.predicted != null) {
            forecasts.add(new Forecast(c.predicted, c.potentialWaitSeconds));
            unresolved--;
        }
    }

    private void startService(Agent agent, Caller c) {
        double waited = c.potentialWaitSeconds;
        ewma = Double.isNaN(ewma) ? waited : ewma + EWMA_WEIGHT * (waited - ewma);
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
            startService(agent, next);
        }
    }

    private void abandon(Caller c) {
        if (c.place != PotentialWaitLine.Place.WAITING) {
            return;
        }
        line.abandon(c);
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
                pool.add(new Agent((phantom ? "phantom-" : "agent-") + (i + 1), phantom));
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
        AgentStatus status = !a.onShift
                ? AgentStatus.OFFLINE
                : a.phantom || a.inService < slotsPerAgent ? AgentStatus.AVAILABLE : AgentStatus.BUSY;
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
                status == AgentStatus.OFFLINE ? List.of() : List.of(MENU_ID),
                List.of(scenario.channel()),
                slotsPerAgent,
                false));
    }

    private void emit(QueueEvent e) {
        events++;
        live.apply(e, e.occurredAtMillis());
    }

    static long millis(double seconds) {
        return EPOCH_MILLIS + Math.round(seconds * 1000);
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
