package dev.azevents.cli;

import dev.azevents.engine.Strategy;
import dev.azevents.simulation.DemoRun;
import dev.azevents.simulation.Story;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code azevents demo}: a maintenance story on a simulated 3-node cluster, in seconds. */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        description = "Play a maintenance story on an in-memory 3-node cluster against the IMDS "
                + "simulator (real HTTP on loopback), on virtual time, and print its timeline.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:the story ended with every invariant holding",
            "1:an invariant was broken or the story did not end as it should",
            "2:bad arguments"})
public final class DemoCommand implements Callable<Integer> {

    static final int EXIT_OK = 0;
    static final int EXIT_BROKEN = 1;
    static final int EXIT_USAGE = 2;

    @Option(names = "--strategy", description = "standby (azure-events) or health "
            + "(azure-events-az); default ${DEFAULT-VALUE}.")
    String strategy = "standby";

    @Option(names = "--story", description = "reboot, preempt, last-node or crash; default "
            + "${DEFAULT-VALUE}.")
    String story = "reboot";

    private final PrintStream out;
    private final PrintStream err;

    public DemoCommand() {
        this(System.out, System.err);
    }

    DemoCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        Optional<Story> chosen = Story.fromLabel(story);
        if (chosen.isEmpty()) {
            err.println("demo: unknown story '" + story + "'; choose one of "
                    + Arrays.stream(Story.values()).map(Story::label)
                            .collect(Collectors.joining(", ")));
            return EXIT_USAGE;
        }
        Optional<Strategy> s = Arrays.stream(Strategy.values())
                .filter(v -> v.name().equalsIgnoreCase(strategy)).findFirst();
        if (s.isEmpty()) {
            err.println("demo: unknown strategy '" + strategy + "'; choose standby or health");
            return EXIT_USAGE;
        }
        DemoRun.Result result = DemoRun.play(chosen.get(), s.get(), out::println);
        return result.ok() ? EXIT_OK : EXIT_BROKEN;
    }
}
