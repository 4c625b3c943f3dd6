package dev.contactcenter.core.ewt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contactcenter.core.domain.Channel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each predictor on states small enough to compute by hand. */
class PredictorsTest {
    private static final long NOW = 1_800_000_000_000L;
    /** Sum of squares of 100 exponential handle times of mean 200 s, in expectation: 100 * 2 * 200^2. */
    private static final double EXPONENTIAL_SQUARES = 100 * 2 * 200.0 * 200;

    private static Estimate estimate(String method, QueueSnapshot q, long priority) {
        return Predictors.byName(method).orElseThrow().estimate(q, priority, NOW);
    }

    private static List<WaitingContact> waiting(long... priorities) {
        List<WaitingContact> out = new ArrayList<>();
        for (int i = 0; i < priorities.length; i++) {
            out.add(new WaitingContact(priorities[i], NOW - (i + 1) * 30_000L));
        }
        return out;
    }

    private static AgentPresence busy(double share) {
        return new AgentPresence(AgentStatus.BUSY, share, 1, false);
    }

    private static QueueSnapshot voice(List<WaitingContact> waiting, List<AgentPresence> agents, long defaultHandle) {
        return new QueueSnapshot(Channel.VOICE_CALL, defaultHandle, waiting, agents, 0, 0, 0, 0, null, null);
    }

    @Test
    void queueLengthIsNPlusOneOverSMuWithAnErlangP90() {
        // 2 busy agents, 120 s handle time, 3 ahead: 4 / (2/120) = 240 s; Erlang(4, 1/60) p90 = 60 * 6.6808 = 400.8
        Estimate e = estimate("ql", voice(waiting(0, 0, 0), List.of(busy(1), busy(1)), 120), 0);
        assertEquals(240, e.seconds());
        assertEquals(401, e.p90Seconds());
        assertTrue(e.estimable());
        assertEquals("ql", e.method());
    }

    @Test
    void onlyContactsOfEqualOrHigherPriorityCountAhead() {
        QueueSnapshot q = voice(waiting(0, 5, 5, 9), List.of(busy(1)), 60);
        assertEquals(3, q.waitingAhead(5));
        assertEquals(4 * 60, estimate("ql", q, 5).seconds());
        assertEquals(5 * 60, estimate("ql", q, 0).seconds());
    }

    @Test
    void aContactInLineWaitsWhatANewContactFindingAsManyAheadWould() {
        // 4 waiting; the one 3rd in line (2 ahead) has left what a new contact finding 2 ahead would wait
        QueueSnapshot line = voice(waiting(0, 0, 0, 0), List.of(busy(1), busy(1)), 120);
        QueueSnapshot shorter = voice(waiting(0, 0), List.of(busy(1), busy(1)), 120);
        assertEquals(
                3 * 60,
                Predictors.byName("ql")
                        .orElseThrow()
                        .estimateBehind(line, 0, 2, NOW)
                        .seconds());
        for (String method : Predictors.NAMES) {
            Predictor p = Predictors.byName(method).orElseThrow();
            assertEquals(p.estimate(line, 0, NOW), p.estimateBehind(line, 0, line.waitingAhead(0), NOW), method);
        }
        for (String method : List.of("ccai_formula", "ql", "ql_abandon", "default")) {
            Predictor p = Predictors.byName(method).orElseThrow();
            assertTrue(
                    p.estimateBehind(line, 0, 2, NOW).seconds()
                            < p.estimate(line, 0, NOW).seconds(),
                    method);
        }
        // without abandonment the default depends on the line only through the count ahead
        Predictor d = Predictors.defaultPredictor();
        assertEquals(
                d.estimate(shorter, 0, NOW).seconds(),
                d.estimateBehind(line, 0, 2, NOW).seconds());
    }

    @Test
    void queueLengthWithAbandonmentSumsOneOverSMuPlusITheta() {
        // mu = 1/100, theta = 1 abandonment / 1000 s waited: 1/0.01 + 1/0.011 = 190.9 s
        QueueSnapshot q =
                new QueueSnapshot(Channel.VOICE_CALL, 100, waiting(0), List.of(busy(1)), 0, 0, 1, 1000, null, null);
        Estimate e = estimate("ql_abandon", q, 0);
        assertEquals(191, e.seconds());
        assertTrue(e.p90Seconds() > e.seconds() && e.p90Seconds() < 2 * 191 * 2.31);
    }

    @Test
    void theDefaultFallsBackToTheMenusHandleTimeAndNoAbandonmentWithoutData() {
        QueueSnapshot q = voice(waiting(0, 0, 0), List.of(busy(1), busy(1)), 120);
        assertEquals(estimate("ql", q, 0).seconds(), estimate("default", q, 0).seconds());
        assertEquals(
                estimate("ql", q, 0).p90Seconds(), estimate("default", q, 0).p90Seconds());
        assertEquals("default", estimate("default", q, 0).method());
    }

    @Test
    void theDefaultLearnsHandleTimeFromEndedContactsOverTheLongMemory() {
        // long memory: 3 prior contacts at 120 s and 9 observed at 200 s: (360 + 1800) / 12 = 180 s; 1 agent, nobody
        // ahead
        QueueSnapshot q = new QueueSnapshot(
                Channel.VOICE_CALL, 120, List.of(), List.of(busy(1)), 9, 1800, 0, 0, null, null, 9, 1800, 0);
        assertEquals(180, estimate("default", q, 0).seconds());
    }

    @Test
    void theDefaultFollowsTheLastHourWhenHandleTimeHasShifted() {
        // long memory 100 contacts at 200 s; the last hour 20 contacts (worth about 40) at 400 s, far beyond 4 standard
        // errors (200 / sqrt(40) = 32 s): a shift, so the recent mean shrunk by the 3-contact prior: (8000 + 360) / 23
        // = 363 s
        QueueSnapshot shifted = new QueueSnapshot(
                Channel.VOICE_CALL,
                120,
                List.of(),
                List.of(busy(1)),
                20,
                8000,
                0,
                0,
                null,
                null,
                100,
                20_000,
                EXPONENTIAL_SQUARES);
        assertEquals(363, estimate("default", shifted, 0).seconds());
        // the last hour at 240 s is within the noise of one hour's data: the long memory stands
        QueueSnapshot noisy = new QueueSnapshot(
                Channel.VOICE_CALL,
                120,
                List.of(),
                List.of(busy(1)),
                20,
                4800,
                0,
                0,
                null,
                null,
                100,
                20_000,
                EXPONENTIAL_SQUARES);
        assertEquals(
                Math.round((20_000 + 360) / 103.0),
                estimate("default", noisy, 0).seconds());
    }

    @Test
    void theDefaultWaitsAResidualHandleTimeForTheFirstAgentToFreeUp() {
        // 100 contacts of 200 s, all alike (c^2 = 0): the renewal residual is half an interval; 1 busy agent, 2 ahead:
        // 100 + 200 + 200 s. Exponential variability gives the plain 3 * 200 s.
        QueueSnapshot regular = new QueueSnapshot(
                Channel.VOICE_CALL,
                200,
                waiting(0, 0),
                List.of(busy(1)),
                0,
                0,
                0,
                0,
                null,
                null,
                100,
                20_000,
                100 * 200.0 * 200);
        assertEquals(500, estimate("default", regular, 0).seconds());
        QueueSnapshot exponential = new QueueSnapshot(
                Channel.VOICE_CALL,
                200,
                waiting(0, 0),
                List.of(busy(1)),
                0,
                0,
                0,
                0,
                null,
                null,
                100,
                20_000,
                EXPONENTIAL_SQUARES);
        assertEquals(600, estimate("default", exponential, 0).seconds());
    }

    @Test
    void theDefaultFreesAgentsByHowFarAlongTheirContactsAre() {
        // handle times of 200 s with c^2 = 0.25; one busy agent, one contact ahead
        double squares = 100 * 1.25 * 200.0 * 200;
        long now = NOW / 1000;
        long[] unknown = {};
        long[] late = {now - 190};
        long[] fresh = {now - 10};
        // 325 s as if in equilibrium: a residual of (1 + c^2) / 2 * 200 s, then a whole contact
        long none = estimate("default", regularWithServiceStarts(squares, unknown), 0)
                .seconds();
        assertEquals(325, none);
        assertTrue(
                estimate("default", regularWithServiceStarts(squares, late), 0).seconds() < 0.92 * none);
        assertTrue(
                estimate("default", regularWithServiceStarts(squares, fresh), 0).seconds() > 1.1 * none);
        // exponential handle times have no memory: the service start says nothing
        assertEquals(
                estimate("default", regularWithServiceStarts(EXPONENTIAL_SQUARES, unknown), 0)
                        .seconds(),
                estimate("default", regularWithServiceStarts(EXPONENTIAL_SQUARES, late), 0)
                        .seconds());
    }

    private static QueueSnapshot regularWithServiceStarts(double squares, long[] starts) {
        return new QueueSnapshot(
                Channel.VOICE_CALL,
                200,
                waiting(0),
                List.of(busy(1)),
                0,
                0,
                0,
                0,
                null,
                null,
                100,
                20_000,
                squares,
                starts);
    }

    @Test
    void theDefaultCountsNoAgentReportedAvailableWhileContactsWait() {
        // two agents busy, one reported available although two contacts wait: it is not taking contacts.
        // ql counts 3 serving and the available one free; the default serves the 3 in line with 2 agents: 3 * 120 / 2
        List<AgentPresence> agents = List.of(busy(1), busy(1), new AgentPresence(AgentStatus.AVAILABLE, 1, 1, false));
        QueueSnapshot q = voice(waiting(0, 0), agents, 120);
        assertEquals(180, estimate("default", q, 0).seconds());
        assertEquals(120, estimate("ql", q, 0).seconds());
        // with nobody in line an available agent is free as reported
        assertEquals(0, estimate("default", voice(waiting(), agents, 120), 0).seconds());
    }

    @Test
    void ccaiFormulaIsTheVendorsWithTenSecondsAdded() {
        // AHT 300 s; 2 active agents, one shared with another queue (shares 1.5); 5 queued, none available:
        // (300 / 2) * (1.5 / 2) * 5 + 10 = 572.5
        QueueSnapshot q = new QueueSnapshot(
                Channel.VOICE_CALL, 120, waiting(0, 0, 0, 0, 0), List.of(busy(1), busy(0.5)), 2, 600, 0, 0, null, null);
        assertEquals(573, estimate("ccai_formula", q, 0).seconds());
    }

    @Test
    void lesIsTheLastWaitToEnterServiceWhileRecent() {
        QueueSnapshot recent =
                new QueueSnapshot(Channel.VOICE_CALL, 120, waiting(0), List.of(busy(1)), 0, 0, 0, 0, 75L, NOW - 60_000);
        assertEquals(75, estimate("les", recent, 0).seconds());
        QueueSnapshot stale = new QueueSnapshot(
                Channel.VOICE_CALL, 120, waiting(0), List.of(busy(1)), 0, 0, 0, 0, 75L, NOW - 2 * 3_600_000);
        Estimate e = estimate("les", stale, 0);
        assertFalse(e.estimable());
        assertEquals(Estimate.INSUFFICIENT_DATA, e.reason());
    }

    @Test
    void holIsTheHeadOfLinesWaitSoFar() {
        // waiting(...) puts the i-th contact (i + 1) * 30 s back: the head has waited 60 s
        assertEquals(
                60,
                estimate("hol", voice(waiting(0, 0), List.of(busy(1)), 120), 0).seconds());
        assertEquals(
                Estimate.INSUFFICIENT_DATA,
                estimate("hol", voice(List.of(), List.of(busy(1)), 120), 0).reason());
    }

    @Test
    void noServingAgentMeansNoEstimate() {
        for (String method : Predictors.NAMES) {
            Estimate e = estimate(
                    method, voice(waiting(0), List.of(new AgentPresence(AgentStatus.AWAY, 1, 1, false)), 120), 0);
            assertNull(e.seconds(), method);
            assertFalse(e.estimable(), method);
            assertEquals(Estimate.NO_AGENTS, e.reason(), method);
        }
    }

    @Test
    void aFreeAgentMeansNoWait() {
        QueueSnapshot q = voice(waiting(), List.of(new AgentPresence(AgentStatus.AVAILABLE, 1, 1, false)), 120);
        for (String method : List.of("ql", "ql_abandon", "les", "hol", "default")) {
            assertEquals(0, estimate(method, q, 0).seconds(), method);
        }
        assertEquals(10, estimate("ccai_formula", q, 0).seconds());
    }

    @Test
    void chatAgentsServeAsManyContactsAsTheirConcurrency() {
        // one busy agent taking 3 chats at once, 300 s per chat, 2 ahead: 3 / (3/300) = 300 s
        QueueSnapshot chat = new QueueSnapshot(
                Channel.CHAT,
                300,
                waiting(0, 0),
                List.of(new AgentPresence(AgentStatus.BUSY, 1, 3, false)),
                0,
                0,
                0,
                0,
                null,
                null);
        assertEquals(300, estimate("ql", chat, 0).seconds());
    }
}
