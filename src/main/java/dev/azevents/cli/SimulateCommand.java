package dev.azevents.cli;

import dev.azevents.engine.Strategy;
import dev.azevents.simulation.Simulation;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code azevents simulate}: replays seeded simulation runs, with their timeline. */
@Command(name = "simulate",
        mixinStandardHelpOptions = true,
        description = "Run deterministic simulations of the agent on an in-memory cluster; "
                + "a failing run prints the one line that replays it.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every invariant held", "1:an invariant was broken"})
public final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--seed", description = "First seed (default ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--runs", description = "Runs, seeds counting up (default ${DEFAULT-VALUE}).")
    int runs = 1;

    @Option(names = "--strategy", description = "standby or health (default ${DEFAULT-VALUE}).")
    String strategy = "standby";

    @Option(names = "--protocol", description = "lease (ours) or original (the Python agents' "
            + "read-then-write lock and split writes); default ${DEFAULT-VALUE}.")
    String protocol = "lease";

    @Option(names = "--race", description = "The two-node simultaneous-events scenario.")
    boolean race;

    @Option(names = "--quiet", description = "No timeline, only the verdicts.")
    boolean quiet;

    private final PrintStream out = System.out;

    @Override
    public Integer call() {
        Strategy s = Strategy.valueOf(strategy.toUpperCase());
        Simulation.Protocol p = Simulation.Protocol.valueOf(protocol.toUpperCase());
        int broken = 0;
        for (long run = seed; run < seed + runs; run++) {
            Simulation.Outcome o = race
                    ? Simulation.race(run, s, p, quiet ? line -> { } : out::println)
                    : Simulation.run(run, s, p, quiet ? line -> { } : out::println);
            if (!o.held()) {
                broken++;
                out.println("seed " + run + ": BROKEN");
                o.violations().values().forEach(v -> out.println("  " + v));
                out.println("  reproduce: " + o.reproduce());
            } else if (!quiet || runs == 1) {
                out.println("seed " + run + ": every invariant held (" + o.events() + " events, "
                        + o.approvals() + " approvals)");
            }
        }
        if (runs > 1) {
            out.println(broken + " of " + runs + " runs broke an invariant");
        }
        return broken == 0 ? 0 : 1;
    }
}
