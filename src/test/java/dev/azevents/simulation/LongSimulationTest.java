package dev.azevents.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.azevents.engine.Strategy;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * At least 100,000 runs per strategy on the default swarm ({@code bin/test --long}, or
 * {@code mvn -o -q test -Plong -Dtest=LongSimulationTest}). Prints runs, seconds and the verdicts
 * per kind, with the first replay line of each kind.
 */
@Tag("long")
class LongSimulationTest {

    static final int RUNS = 100_000;
    /** Disjoint from the default suite's seeds. */
    static final long FIRST_SEED = 1_000_000;

    @Test
    void standbyHundredThousandRuns() {
        run(Strategy.STANDBY);
    }

    @Test
    void healthHundredThousandRuns() {
        run(Strategy.HEALTH);
    }

    static void run(Strategy strategy) {
        long started = System.nanoTime();
        Map<Invariants.Kind, Integer> verdicts = new EnumMap<>(Invariants.Kind.class);
        Map<Invariants.Kind, String> first = new EnumMap<>(Invariants.Kind.class);
        int broken = 0;
        long events = 0;
        long approvals = 0;
        for (long seed = FIRST_SEED; seed < FIRST_SEED + RUNS; seed++) {
            Simulation.Outcome o = Simulation.run(seed, strategy, Simulation.Protocol.LEASE,
                    line -> { });
            events += o.events();
            approvals += o.approvals();
            if (!o.held()) {
                broken++;
            }
            o.violations().forEach((kind, text) -> {
                verdicts.merge(kind, 1, Integer::sum);
                first.putIfAbsent(kind, text + "\n  reproduce: " + o.reproduce());
            });
        }
        System.out.printf("%s: %d runs in %.1f s, %d events, %d approvals, %d broken, "
                + "verdicts %s%n", strategy, RUNS, (System.nanoTime() - started) / 1e9, events,
                approvals, broken, verdicts);
        first.values().forEach(v -> System.out.println("  " + v));
        assertEquals(0, broken, first.toString());
    }
}
