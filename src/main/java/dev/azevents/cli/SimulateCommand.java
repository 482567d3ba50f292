package dev.azevents.cli;

import dev.azevents.engine.Strategy;
import dev.azevents.simulation.Fault;
import dev.azevents.simulation.MutantRun;
import dev.azevents.simulation.Mutant;
import dev.azevents.simulation.Simulation;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code azevents simulate}: replays seeded simulation runs, with their timeline. */
@Command(name = "simulate",
        mixinStandardHelpOptions = true,
        description = "Run deterministic simulations of the agent that ships (MonitorPass) on an "
                + "in-memory cluster; a failing run prints the one line that replays it. "
                + "--mutants: exit 0 only when every mutant was caught.")
public final class SimulateCommand implements Callable<Integer> {

    static final int EXIT_OK = ExitCode.OK.code();
    static final int EXIT_BROKEN = ExitCode.FAILED.code();
    static final int EXIT_USAGE = ExitCode.USAGE.code();

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

    @Option(names = "--fault", description = "Also draw this fault kind (repeatable), e.g. one "
            + "left out of the default swarm until its fix lands: node_removed, clock_skew...")
    List<String> faults = new ArrayList<>();

    @Option(names = "--mutant", description = "Run with this deliberately broken engine, "
            + "adapter or clock (see --mutants).")
    String mutant;

    @Option(names = "--mutants", description = "Run every mutant until caught; one line each: "
            + "name, verdict kind, seeds run, seeds caught.")
    boolean mutants;

    @Option(names = "--quiet", description = "No timeline, only the verdicts.")
    boolean quiet;

    private final PrintStream out;
    private final PrintStream err;

    public SimulateCommand() {
        this(System.out, System.err);
    }

    SimulateCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        if (mutants) {
            return MutantRun.all(out::println) ? EXIT_OK : EXIT_BROKEN;
        }
        Optional<Simulation.Setup> setup = setup();
        if (setup.isEmpty()) {
            return EXIT_USAGE;
        }
        int broken = 0;
        for (long run = seed; run < seed + runs; run++) {
            Simulation.Outcome o = Simulation.run(run, setup.get(),
                    quiet ? line -> { } : out::println);
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
        return broken == 0 ? EXIT_OK : EXIT_BROKEN;
    }

    /** The run's setup from the options, or empty after a one-line usage message. */
    private Optional<Simulation.Setup> setup() {
        Optional<Strategy> s = parse(Strategy.class, strategy, "strategy");
        Optional<Simulation.Protocol> p = parse(Simulation.Protocol.class, protocol, "protocol");
        Set<Fault> extra = EnumSet.noneOf(Fault.class);
        for (String f : faults) {
            Optional<Fault> fault = parse(Fault.class, f, "fault");
            if (fault.isEmpty()) {
                return Optional.empty();
            }
            extra.add(fault.get());
        }
        Optional<Mutant> m = mutant == null ? Optional.empty()
                : parse(Mutant.class, mutant, "mutant");
        if (s.isEmpty() || p.isEmpty() || mutant != null && m.isEmpty()) {
            return Optional.empty();
        }
        Simulation.Setup setup = Simulation.Setup.of(s.get()).protocol(p.get()).withFaults(extra);
        if (m.isPresent()) {
            setup = setup.mutant(m.get());
        }
        return Optional.of(race ? setup.racing() : setup);
    }

    private <E extends Enum<E>> Optional<E> parse(Class<E> type, String value, String what) {
        Optional<E> found = Arrays.stream(type.getEnumConstants())
                .filter(v -> v.name().equalsIgnoreCase(value.replace('-', '_'))).findFirst();
        if (found.isEmpty()) {
            err.println("simulate: unknown " + what + " '" + value + "'; choose one of "
                    + Arrays.stream(type.getEnumConstants()).map(v -> v.name().toLowerCase())
                            .collect(Collectors.joining(", ")));
        }
        return found;
    }
}
