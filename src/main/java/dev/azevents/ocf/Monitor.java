package dev.azevents.ocf;

import dev.azevents.cluster.Cluster;
import dev.azevents.engine.NodeIdentity;
import java.io.PrintStream;
import java.util.List;

/**
 * The {@code monitor} action: one {@link MonitorPass}, then its result mapped to an OCF exit code
 * in {@link #conclude}, the one place where that happens.
 *
 * <p>An IMDS outage or a failing Pacemaker tool is never a resource failure: a failed monitor
 * makes Pacemaker stop and start the clone (which cures neither) and raises its fail-count, and
 * with a low {@code migration-threshold} bans the agent from the node exactly when events must be
 * handled there. So a failed pass is logged as a warning and the monitor still succeeds; once
 * {@code outage_passes} passes in a row have failed, the outage is reported once, at ERROR and with
 * an {@code ocf-exit-reason:} line, with {@link OcfExit#DEGRADED} where Pacemaker speaks OCF 1.1
 * (shown in {@code crm_mon}, no recovery) and 0 elsewhere; never by moving a service.
 */
final class Monitor {

    private final AgentParameters parameters;
    private final Wiring wiring;
    private final StateFile stateFile;
    private final AgentLog log;
    private final PrintStream err;
    private final OcfExit degraded;
    /** The state this pass ended in, set by {@link #save}, for the pass observers. */
    private AgentState concluded;

    /** @param degraded what a sustained outage returns: DEGRADED or, before OCF 1.1, SUCCESS */
    Monitor(AgentParameters parameters, Wiring wiring, StateFile stateFile, AgentLog log,
            PrintStream err, OcfExit degraded) {
        this.parameters = parameters;
        this.wiring = wiring;
        this.stateFile = stateFile;
        this.log = log;
        this.err = err;
        this.degraded = degraded;
    }

    OcfExit run(boolean probe) {
        if (probe) {
            // A probe only asks "is it running": the state file says yes. Nothing is read from
            // IMDS and nothing is written to the cluster.
            log.debug("probe: running (state file " + stateFile.path() + ")");
            return OcfExit.SUCCESS;
        }
        AgentState saved = stateFile.read();
        AgentState state = saved;
        Cluster cluster = wiring.cluster().get();
        MonitorPass pass = new MonitorPass(parameters, cluster,
                wiring.imds().apply(parameters, log), wiring.decider(), wiring.clock(),
                wiring.sleeper(), log);
        MonitorPass.Identity identity = pass.identify(state.azName());
        PassResult result;
        if (identity instanceof MonitorPass.Identity.Known known) {
            NodeIdentity self = known.self();
            state = state.withAzName(self.azName());
            result = pass.run(self);
        } else {
            result = ((MonitorPass.Identity.Unknown) identity).why();
        }
        OcfExit exit = conclude(result, state, saved);
        if (cluster instanceof PassObserver observer) {
            // metrics_file, status_attribute: report.Metrics, report.Alerting
            observer.passEnded(result, saved.outageReported(), concluded.outageReported(), log);
        }
        return exit;
    }

    private OcfExit conclude(PassResult result, AgentState before, AgentState saved) {
        String failure = failure(result);
        if (failure == null) {
            if (before.outageReported()) {
                log.info("answers again after " + before.failedPasses() + " failed passes");
            }
            save(saved, waiting(result, before.passSucceeded()));
            return OcfExit.SUCCESS;
        }
        AgentState after = before.passFailed();
        if (after.failedPasses() >= parameters.outagePasses() && !after.outageReported()) {
            String reason = after.failedPasses() + " monitor passes in a row failed, Azure events"
                    + " are not being handled on this node (services are not moved): " + failure;
            log.error(reason);
            err.println(Agent.EXIT_REASON_PREFIX + AgentLog.oneLine(reason));
            save(saved, after.outageWasReported());
            return degraded;
        } else {
            log.warn("pass failed (" + after.failedPasses() + " in a row; reported after "
                    + parameters.outagePasses() + "), not a resource failure: " + failure);
        }
        save(saved, after);
        return OcfExit.SUCCESS;
    }

    /**
     * What the plan waits for, at INFO when it changed since the last pass (then remembered),
     * else at DEBUG: an administrator reads each new reason to wait once, not every 10 s.
     */
    private AgentState waiting(PassResult result, AgentState state) {
        List<String> notes = List.of();
        if (result instanceof PassResult.Idle idle) {
            notes = idle.notes();
        } else if (result instanceof PassResult.Applied applied) {
            notes = applied.plan().notes();
        } else {
            return state;
        }
        int digest = notes.hashCode();
        AgentLog.Level level = digest == state.waitingFor() ? AgentLog.Level.DEBUG
                : AgentLog.Level.INFO;
        notes.forEach(n -> log.log(level, "waiting: " + n));
        return state.waitingFor(digest);
    }

    /** Why the pass failed, or null when it completed (including a busy lease). */
    private static String failure(PassResult result) {
        if (result instanceof PassResult.ImdsUnavailable imds) {
            return imds.failure().describe();
        }
        if (result instanceof PassResult.ClusterUnavailable cluster) {
            return cluster.what();
        }
        return null;
    }

    /**
     * Written only when it changed (an idle pass does no file I/O either), and never recreated
     * once {@code stop} removed it, so a monitor that raced a stop cannot revive the resource.
     */
    private void save(AgentState saved, AgentState after) {
        concluded = after;
        if (!after.equals(saved) && stateFile.exists()) {
            stateFile.write(after).ifPresent(log::warn);
        }
    }
}
