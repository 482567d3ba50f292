package dev.azevents.cli;

import dev.azevents.cluster.CibResult;
import dev.azevents.cluster.PacemakerCluster;
import dev.azevents.engine.Action;
import dev.azevents.engine.ClusterSnapshot;
import dev.azevents.engine.PullLease;
import dev.azevents.engine.Strategy;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code azevents cleanup}: after an agent's clone was disabled or deleted in the middle of an
 * event, undo exactly what the agents left in the CIB ({@link CleanupPlan}), in one CIB update.
 * A dry run unless {@code --apply}. Honours {@code CIB_file}.
 */
@Command(name = "cleanup", mixinStandardHelpOptions = true,
        header = "Undo what the agents left behind (their standby or -1000000, node states, "
                + "a stale lease) after their clone was disabled or deleted mid-event.",
        description = {"Looks at both agents (azure-events, azure-events-az). Touches only what "
                + "the agent set: a standby or #health-azure an administrator set stays. Does "
                + "nothing for an agent whose clone still runs where it would act.",
            "Without --apply it only shows what it would do (exit 1 when there is something "
                + "to do, 0 when nothing). With --apply it writes everything in one CIB update "
                + "(CIB_file is honoured)."})
public final class CleanupCommand implements Callable<Integer> {

    @Option(names = "--apply", description = "Write the changes (default: dry run).")
    boolean apply;

    @Override
    public Integer call() {
        return run(System.getenv(), System.out, System.err);
    }

    int run(Map<String, String> env, PrintStream out, PrintStream err) {
        PacemakerCluster cluster = PacemakerCluster.of(env);
        List<CleanupPlan> plans = new ArrayList<>();
        for (Strategy strategy : Strategy.values()) {
            CibResult<ClusterSnapshot> read = cluster.snapshot(strategy);
            if (read instanceof CibResult.Failed<ClusterSnapshot> f) {
                err.println("cleanup: cannot read the cluster, nothing done: " + f.describe());
                return ExitCode.FAILED.code();
            }
            plans.add(CleanupPlan.of(strategy, ((CibResult.Ok<ClusterSnapshot>) read).value()));
        }
        plans.forEach(p -> p.leftAlone().forEach(l -> out.println("left alone: " + l)));
        Map<Strategy, List<Action>> actions = new EnumMap<>(Strategy.class);
        Map<Strategy, PullLease> leases = new EnumMap<>(Strategy.class);
        for (CleanupPlan p : plans) {
            p.lines().forEach(l -> out.println((apply ? "" : "would ") + l));
            if (!p.actions().isEmpty()) {
                actions.put(p.strategy(), p.actions());
            }
            p.lease().ifPresent(l -> leases.put(p.strategy(), l));
        }
        if (actions.isEmpty() && leases.isEmpty()) {
            out.println("nothing to clean up");
            return ExitCode.OK.code();
        }
        if (!apply) {
            out.println("dry run: nothing written; 'azevents cleanup --apply' writes the above"
                    + " in one CIB update");
            return ExitCode.FAILED.code();
        }
        CibResult<Boolean> written = cluster.applyCleanup(actions, leases);
        if (written instanceof CibResult.Failed<Boolean> f) {
            err.println("cleanup: nothing written: " + f.describe());
            return ExitCode.FAILED.code();
        }
        if (!((CibResult.Ok<Boolean>) written).value()) {
            err.println("cleanup: nothing written: the pull lease changed meanwhile (is an agent"
                    + " running?); look again with 'azevents cleanup'");
            return ExitCode.FAILED.code();
        }
        out.println("written in one CIB update");
        return ExitCode.OK.code();
    }
}
