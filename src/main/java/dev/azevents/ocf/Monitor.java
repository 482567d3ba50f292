package dev.azevents.ocf;

import dev.azevents.cluster.Cluster;
import dev.azevents.engine.NodeIdentity;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * The {@code monitor} action: one {@link MonitorPass}, then its result mapped to an OCF exit code
 * in {@link #conclude}, the one place where that happens.
 *
 * <p>An IMDS outage or a failing Pacemaker tool is never a resource failure: a failed monitor
 * makes Pacemaker stop and start the clone (which cures neither) and raises its fail-count, and
 * with a low {@code migration-threshold} bans the agent from the node exactly when events must be
 * handled there. So a failed pass is logged as a warning and the monitor still succeeds; once
 * {@code outage_passes} passes in a row have failed, the outage is reported, at ERROR and with
 * an {@code ocf-exit-reason:} line, and again every {@code outage_passes} failed passes while
 * it lasts, with {@link OcfExit#DEGRADED} where Pacemaker speaks OCF 1.1
 * (shown in {@code crm_mon}, no recovery) and 0 elsewhere; never by moving a service. An
 * unexpected exception in a pass is such a failed pass too, never a monitor failure.
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
    /** How long a recorded event must stay missing to count as over: the monitor interval. */
    private java.time.Duration confirmation = dev.azevents.engine.EventAbsences.CONFIRMATION;

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

    /** Counts a recorded event as over once missing for {@code interval} (its own interval). */
    Monitor confirmingEndsAfter(java.time.Duration interval) {
        confirmation = interval;
        return this;
    }

    OcfExit run(boolean probe) {
        if (probe) {
            // A probe only asks "is it running": the state file says yes. Nothing is read from
            // IMDS and nothing is written to the cluster.
            log.debug("probe: running (state file " + stateFile.path() + ")");
            return OcfExit.SUCCESS;
        }
        AgentState saved = stateFile.read();
        AgentState[] state = {saved};
        Cluster cluster = wiring.cluster().get();
        PassResult result;
        try {
            result = pass(cluster, state);
        } catch (RuntimeException e) {
            // A bug (or a surprise from a library) must not become a monitor failure: that
            // restarts the clone and raises its fail-count on every node at once, and cures
            // nothing. The pass stops where it was (its lease, if any, was released on the way
            // out) and counts as a failed pass, so a lasting one is reported like an outage.
            log.error("unexpected error in the monitor pass, nothing more written, counted as a"
                    + " failed pass (a bug: please report it with the debug log): " + e);
            traceAtDebug(e);
            return failed("unexpected error " + e, state[0], saved);
        }
        String failure = failure(result);
        OcfExit exit;
        if (failure != null) {
            exit = failed(failure, state[0], saved);
        } else {
            if (state[0].outageReported()) {
                log.info("answers again after " + state[0].failedPasses() + " failed passes");
            }
            save(saved, waiting(result, state[0].passSucceeded()));
            exit = OcfExit.SUCCESS;
        }
        if (cluster instanceof PassObserver observer) {
            // metrics_file, status_attribute: report.Metrics, report.Alerting
            observer.passEnded(result, saved.outageReported(), concluded.outageReported(), log);
        }
        return exit;
    }

    /** Identity, then the pass; the VM name learnt on the way is put in {@code state[0]}. */
    private PassResult pass(Cluster cluster, AgentState[] state) {
        MonitorPass pass = new MonitorPass(parameters, cluster,
                wiring.imds().apply(parameters, log), wiring.decider(), wiring.clock(),
                wiring.sleeper(), log).rememberingLease(state[0].leaseSeen())
                .rememberingReapproval(state[0].lastReapproval())
                .rememberingIdle(state[0].idle()).rememberingAbsences(state[0].absences()
                        .withConfirmation(confirmation));
        // Forgotten unless this pass ends idle: after an exception or an unknown identity the
        // next pass reads the cluster.
        state[0] = state[0].withIdle(Optional.empty());
        MonitorPass.Identity identity = pass.identify(state[0].azName());
        if (identity instanceof MonitorPass.Identity.Known known) {
            NodeIdentity self = known.self();
            state[0] = state[0].withAzName(self.azName());
            PassResult result = pass.run(self);
            state[0] = state[0].withLeaseSeen(pass.leaseSeen())
                    .withLastReapproval(pass.lastReapproval()).withIdle(pass.idleMemory())
                    .withAbsences(pass.absences());
            return result;
        }
        return ((MonitorPass.Identity.Unknown) identity).why();
    }

    /**
     * A failed pass: a warning, and every {@code outage_passes} failed passes in a row the
     * outage is reported (again), because Pacemaker forgets a reported failure after the
     * clone's {@code failure-timeout} while the outage may go on for hours.
     */
    private OcfExit failed(String failure, AgentState before, AgentState saved) {
        AgentState after = before.passFailed();
        int every = parameters.outagePasses();
        if (after.failedPasses() % every == 0) {
            String reason = after.failedPasses() + " monitor passes in a row failed, Azure events"
                    + " are not being handled on this node (services are not moved): " + failure;
            log.error(reason);
            err.println(Agent.EXIT_REASON_PREFIX + AgentLog.oneLine(reason));
            save(saved, after.outageWasReported());
            return degraded;
        }
        log.warn("pass failed (" + after.failedPasses() + " in a row; reported every "
                + every + "), not a resource failure: " + failure);
        save(saved, after);
        return OcfExit.SUCCESS;
    }

    /** The stack trace, one DEBUG line per frame (a log line is one line). */
    private void traceAtDebug(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            log.debug((t == e ? "" : "caused by: ") + t);
            for (StackTraceElement frame : t.getStackTrace()) {
                log.debug("    at " + frame);
            }
        }
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
