package dev.azevents.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.azevents.engine.Strategy;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** At least 100,000 runs per strategy: {@code mvn -o -q test -Plong -Dtest=LongSimulationTest}. */
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
        int broken = 0;
        String first = "";
        for (long seed = FIRST_SEED; seed < FIRST_SEED + RUNS; seed++) {
            Simulation.Outcome o = Simulation.run(seed, strategy, Simulation.Protocol.LEASE,
                    line -> { });
            if (!o.held() && broken++ == 0) {
                first = o.violations().values() + "\n  reproduce: " + o.reproduce();
            }
        }
        System.out.printf("%s: %d runs in %.1f s, %d broken%n", strategy, RUNS,
                (System.nanoTime() - started) / 1e9, broken);
        assertEquals(0, broken, first);
    }
}
