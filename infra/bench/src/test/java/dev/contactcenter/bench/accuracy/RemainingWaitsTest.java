package dev.contactcenter.bench.accuracy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.ewt.AgentPresence;
import dev.contactcenter.core.ewt.AgentStatus;
import dev.contactcenter.core.ewt.Predictors;
import dev.contactcenter.core.ewt.QueueSnapshot;
import dev.contactcenter.core.ewt.WaitingContact;
import dev.contactcenter.core.queue.ContactWaits;
import dev.contactcenter.testkit.simulation.PotentialWaitLine;
import dev.contactcenter.testkit.simulation.PotentialWaitLine.Caller;
import dev.contactcenter.testkit.simulation.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The remaining-wait scoring on a line built by hand: who is asked, what is scored against what, and the weights. */
class RemainingWaitsTest {
    private static final List<AgentPresence> ONE_BUSY_AGENT = List.of(new AgentPresence(AgentStatus.BUSY, 1, 1, false));

    private final RemainingWaits remaining = new RemainingWaits(new SplittableRandom(18));
    private final PotentialWaitLine line = new PotentialWaitLine(remaining::settled);

    private Caller join(String id, double at) {
        Caller c = new Caller(id, at, null);
        line.join(c);
        return c;
    }

    /** What production sees of these callers, at the event clock, with one agent busy and nothing learnt yet. */
    private static QueueSnapshot seen(List<Caller> waiting) {
        List<WaitingContact> contacts = new ArrayList<>();
        for (Caller c : waiting) {
            contacts.add(new WaitingContact(0, QueueSimulation.millis(c.arrivedAt())));
        }
        return new QueueSnapshot(Channel.VOICE_CALL, 100, contacts, ONE_BUSY_AGENT, 0, 0, 0, 0, null, null);
    }

    /** The oracle's truth: one agent, handle time 100 s, nobody abandons: (ahead + 1) x 100 s. */
    private static QueueSnapshot truth(List<Caller> waiting) {
        QueueSnapshot s = seen(waiting);
        return new QueueSnapshot(Channel.VOICE_CALL, 100, s.waiting(), ONE_BUSY_AGENT, 1e9, 100e9, 0, 1e9, null, null);
    }

    private static double defaultAnswer(Caller c, int ahead, QueueSnapshot seen, long atMillis) {
        return ContactWaits.waiting(
                        c.id(), 1, Channel.VOICE_CALL, 0, QueueSimulation.millis(c.arrivedAt()), seen, atMillis)
                .remaining()
                .seconds();
    }

    @Test
    void everyoneInLineIsAskedAndScoredAgainstTheEndOfItsPotentialWait() {
        Caller a = join("a", 40);
        Caller b = join("b", 41);
        Caller c = join("c", 43);
        List<Caller> waiting = line.waiting();
        QueueSnapshot seen = seen(waiting);
        long at = QueueSimulation.millis(60);
        remaining.ask(60, at, waiting, Channel.VOICE_CALL, seen, truth(waiting));

        // b gives up: production no longer sees it, but its answer waits for its potential wait as a ghost
        line.abandon(b);
        line.chanceOfService(100);
        assertEquals(1, remaining.score().asked, "only a is settled");
        assertTrue(remaining.waitingForAnswers());
        // b's chance comes with c's service: both settled at 250
        line.chanceOfService(250);
        assertFalse(remaining.waitingForAnswers());

        RemainingWaits.Score score = remaining.score();
        double[] realized = {100 - 60, 250 - 60, 250 - 60};
        double[] oracle = {100, 200, 300};
        double[] answered = {defaultAnswer(a, 0, seen, at), defaultAnswer(b, 1, seen, at), defaultAnswer(c, 2, seen, at)
        };
        assertEquals(3, score.asked);
        assertEquals(3, score.weight, 1e-9);
        assertEquals((40 + 190 + 190) / 3.0, score.meanRemaining(), 1e-9);
        assertEquals(Math.sqrt((60 * 60 + 10 * 10 + 110 * 110) / 3.0), score.rmse("oracle"), 1e-9);
        assertEquals((60 + 10 + 110) / 3.0, score.bias("oracle"), 1e-9);
        double squared = 0;
        for (int i = 0; i < 3; i++) {
            squared += Math.pow(answered[i] - realized[i], 2);
        }
        assertEquals(Math.sqrt(squared / 3), score.rmse("default"), 1e-9);
        assertEquals(score.rmse("default") / score.rmse("oracle"), score.ratioToOracle(scenario(false)), 1e-12);
        // a joined 40 s into the minute, b 41 s, c 43 s: read from the count of their five seconds, b and c are placed
        // one too far forward (2 others spread over the five seconds), a exactly
        assertEquals(2 / 3.0, score.positionError / score.weight, 1e-9);
        assertEquals(1 / 3.0, score.positionExact / score.weight, 1e-9);
        // the default at the true position: the predictor alone, without the position's error
        double atTrue = 0;
        for (int i = 0; i < 3; i++) {
            double e =
                    Predictors.defaultPredictor().estimateBehind(seen, 0, i, at).seconds() - realized[i];
            atTrue += e * e;
        }
        assertEquals(Math.sqrt(atTrue / 3), score.rmse("default_true_position"), 1e-9);
        assertTrue(Double.isNaN(score.ratioToOracle(scenario(true))), "no oracle ratio where staffing varies");
    }

    @Test
    void aDeepLineIsSampledAndEachAnswerStandsForItsShareOfTheLine() {
        int deep = RemainingWaits.SAMPLED + 8;
        for (int i = 0; i < deep; i++) {
            join("c" + i, i);
        }
        List<Caller> waiting = line.waiting();
        remaining.ask(deep, QueueSimulation.millis(deep), waiting, Channel.VOICE_CALL, seen(waiting), truth(waiting));
        for (int i = 0; i < deep; i++) {
            line.chanceOfService(1000 + i);
        }
        RemainingWaits.Score score = remaining.score();
        assertEquals(RemainingWaits.SAMPLED, score.asked);
        assertEquals(deep, score.weight, 1e-9, "the answers stand for everyone in line");
        assertFalse(remaining.waitingForAnswers());
    }

    private static Scenario scenario(boolean staffingVaries) {
        return new Scenario(
                "hand-built",
                1,
                1,
                0,
                3600,
                Channel.VOICE_CALL,
                1,
                staffingVaries
                        ? List.of(new Scenario.Step(0, 1), new Scenario.Step(60, 2))
                        : List.of(new Scenario.Step(0, 1)),
                null,
                null,
                null,
                0);
    }
}
