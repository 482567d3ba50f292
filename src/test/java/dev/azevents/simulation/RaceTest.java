package dev.azevents.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.azevents.engine.Strategy;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The originals' read-then-write pull lock and split writes drain the whole cluster when two
 * nodes get events at once; the lease protocol, on the very same seeds, does not.
 */
class RaceTest {

    static final int SEEDS = 200;

    @Test
    void originalProtocolDrainsTheWholeClusterAndOursHoldsOnTheSameSeeds() {
        OptionalLong firstDrain = OptionalLong.empty();
        List<Long> oursBroken = new ArrayList<>();
        int originalsBroken = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            Simulation.Outcome original = Simulation.race(seed, Strategy.STANDBY,
                    Simulation.Protocol.ORIGINAL, line -> { });
            if (original.violations().containsKey(Invariants.Kind.LAST_NODE_DRAINED)) {
                originalsBroken++;
                if (firstDrain.isEmpty()) {
                    firstDrain = OptionalLong.of(seed);
                    System.out.println("originals drain the whole cluster: seed " + seed + ": "
                            + original.violations().get(Invariants.Kind.LAST_NODE_DRAINED)
                            + "\n  replay: " + original.reproduce());
                }
            }
            Simulation.Outcome ours = Simulation.race(seed, Strategy.STANDBY,
                    Simulation.Protocol.LEASE, line -> { });
            if (!ours.held()) {
                oursBroken.add(seed);
            }
        }
        System.out.println("race: originals broke " + originalsBroken + " of " + SEEDS
                + " seeds, ours " + oursBroken.size());
        assertTrue(firstDrain.isPresent(), "the race model must reproduce the originals' flaw");
        assertEquals(List.of(), oursBroken, "lease protocol broke on these seeds");
    }

    @Test
    void theRaceScenarioDrainsOneNodeUnderOurProtocol() {
        List<String> timeline = new ArrayList<>();
        Simulation.Outcome ours = Simulation.race(3, Strategy.STANDBY,
                Simulation.Protocol.LEASE, timeline::add);
        assertTrue(ours.held(), ours.violations().toString());
        assertTrue(timeline.stream().anyMatch(l -> l.contains("-> STOPPING")), "one drains");
        assertTrue(timeline.stream().anyMatch(l -> l.contains("-> ON_HOLD")), "one holds");
    }
}
