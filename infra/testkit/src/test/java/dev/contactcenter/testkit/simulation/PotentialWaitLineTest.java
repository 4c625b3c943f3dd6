package dev.contactcenter.testkit.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contactcenter.testkit.simulation.PotentialWaitLine.Caller;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The yardstick's definition of a potential wait, on a line built by hand. */
class PotentialWaitLineTest {
    private final Map<String, Double> settled = new LinkedHashMap<>();
    private final PotentialWaitLine line = new PotentialWaitLine(c -> settled.put(c.id, c.potentialWaitSeconds));

    private Caller join(String id, double at) {
        Caller c = new Caller(id, at, null);
        line.join(c);
        return c;
    }

    @Test
    void everyGhostAtTheHeadIsSettledAtTheSameChanceAndTheNextRealCallerTakesTheAgent() {
        Caller a = join("a", 0);
        Caller g1 = join("g1", 1);
        Caller g2 = join("g2", 2);
        Caller g3 = join("g3", 3);
        Caller b = join("b", 4);
        Caller g4 = join("g4", 5);
        Caller c = join("c", 6);
        line.abandon(g1);
        line.abandon(g2);
        line.abandon(g3);
        line.abandon(g4);

        // a real caller is still ahead of the ghosts: they wait for a later chance
        assertSame(a, line.chanceOfService(10));
        assertEquals(Map.of("a", 10.0), settled);

        // a, the only real caller ahead of g1..g3, has gone: all three would be served now, b takes the agent
        assertSame(b, line.chanceOfService(20));
        assertEquals(Map.of("a", 10.0, "g1", 19.0, "g2", 18.0, "g3", 17.0, "b", 16.0), settled);

        // g4 stood behind b: its wait ends at the next chance, which c takes
        assertSame(c, line.chanceOfService(30));
        assertEquals(25.0, settled.get("g4"));
        assertEquals(24.0, settled.get("c"));
        assertNull(line.chanceOfService(40));
        assertEquals(7, settled.size(), "a, g1, g2, g3, b, g4, c: each settled once");
    }

    @Test
    void ghostsAloneInLineAreSettledWhenAnAgentSitsIdle() {
        Caller g1 = join("g1", 0);
        Caller g2 = join("g2", 5);
        line.abandon(g1);
        line.abandon(g2);
        line.settleGhostsAtHead(12);
        assertEquals(Map.of("g1", 12.0, "g2", 7.0), settled);
        assertTrue(line.isEmpty());
    }
}
