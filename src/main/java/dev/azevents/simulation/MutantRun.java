package dev.azevents.simulation;

import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Hunts each {@link Mutant} with seeded runs until the oracle has caught it a few times, or a
 * bound of seeds is spent: proof that every verdict kind can fire.
 */
public final class MutantRun {

    /** Seeds a mutant may take before it counts as escaped. */
    public static final int MAX_SEEDS = 3_000;
    /** Catches that end the hunt (one could be luck of a single world). */
    public static final int ENOUGH_CATCHES = 3;
    /** Mutant seeds start here, away from the default suite's. */
    static final long FIRST_SEED = 500_000;

    /**
     * One mutant's hunt.
     *
     * @param seedsRun    seeds run
     * @param seedsCaught seeds whose verdicts include the expected kind
     * @param verdicts    how often each kind fired, over the seeds run
     * @param first       the first seed that caught it
     */
    public record Hunt(Mutant mutant, int seedsRun, int seedsCaught,
            Map<Invariants.Kind, Integer> verdicts, OptionalLong first) {

        public boolean caught() {
            return seedsCaught > 0;
        }

        /** One line: name, verdict kind, seeds run, seeds caught, and the replay line. */
        public String line() {
            return String.format("%-28s %-24s %5d seeds run, %d caught%s", mutant.name()
                    .toLowerCase(), mutant.expected(), seedsRun, seedsCaught, first.isPresent()
                    ? "; replay: bin/azevents simulate --seed " + first.getAsLong()
                    + Simulation.Setup.of(mutant.strategy()).mutant(mutant).options()
                    : "; ESCAPED");
        }
    }

    private MutantRun() {
    }

    public static Hunt hunt(Mutant mutant) {
        return hunt(mutant, MAX_SEEDS, ENOUGH_CATCHES);
    }

    /** Runs seeds until {@code enough} caught the mutant, at most {@code maxSeeds}. */
    public static Hunt hunt(Mutant mutant, int maxSeeds, int enough) {
        Simulation.Setup setup = Simulation.Setup.of(mutant.strategy()).mutant(mutant);
        Map<Invariants.Kind, Integer> verdicts = new EnumMap<>(Invariants.Kind.class);
        int run = 0;
        int caught = 0;
        OptionalLong first = OptionalLong.empty();
        for (long seed = FIRST_SEED; run < maxSeeds && caught < enough; seed++) {
            run++;
            Simulation.Outcome o = Simulation.run(seed, setup, line -> { });
            o.violations().keySet().forEach(k -> verdicts.merge(k, 1, Integer::sum));
            if (o.violations().containsKey(mutant.expected())) {
                caught++;
                if (first.isEmpty()) {
                    first = OptionalLong.of(seed);
                }
            }
        }
        return new Hunt(mutant, run, caught, verdicts, first);
    }

    /** Every mutant, one line each; true when every one was caught. */
    public static boolean all(Consumer<String> out) {
        boolean all = true;
        for (Mutant m : Mutant.values()) {
            Hunt h = hunt(m);
            out.accept(h.line());
            all &= h.caught();
        }
        out.accept(all ? "every mutant caught" : "a mutant escaped");
        return all;
    }
}
