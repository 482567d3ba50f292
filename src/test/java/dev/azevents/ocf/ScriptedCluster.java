package dev.azevents.ocf;

import dev.azevents.cluster.CibResult;
import dev.azevents.cluster.Cluster;
import dev.azevents.engine.Action;
import dev.azevents.engine.ClusterSnapshot;
import dev.azevents.engine.PullLease;
import dev.azevents.engine.Strategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An in-memory Pacemaker for the pass's tests: one snapshot (with the lease as it stands now),
 * an atomic create-if-absent lease and a compare-and-delete, and a record of every call.
 */
final class ScriptedCluster implements Cluster {

    final List<String> calls = new ArrayList<>();
    final List<List<Action>> applied = new ArrayList<>();
    ClusterSnapshot base = new ClusterSnapshot(List.of(), Optional.empty(), Map.of(), false,
            false, true);
    Optional<PullLease> lease = Optional.empty();
    String nodeName = "node1";
    boolean failSnapshot;
    /** This node's partition has quorum. */
    boolean quorate = true;
    boolean failApply;
    /** Another node breaks our lease and takes this one just before our write. */
    PullLease breakBeforeApply;
    /** Thrown by apply: a bug, or a surprise from a tool's output. */
    RuntimeException throwOnApply;
    /** Another node that takes the lease as soon as it is free, this many times. */
    int otherNodeGrabs;
    PullLease otherLease;

    @Override
    public CibResult<String> localNodeName() {
        calls.add("localNodeName");
        return new CibResult.Ok<>(nodeName);
    }

    @Override
    public CibResult<ClusterSnapshot> snapshot(Strategy strategy) {
        calls.add("snapshot");
        if (failSnapshot) {
            return new CibResult.Failed<>("cibadmin --query", "exit code 102: not connected");
        }
        return new CibResult.Ok<>(new ClusterSnapshot(base.nodes(), lease, base.hostNames(),
                base.transitionInFlight(), base.maintenanceMode(), quorate));
    }

    @Override
    public CibResult<Boolean> acquireLease(Strategy strategy, PullLease wanted) {
        calls.add("acquireLease");
        if (lease.isEmpty() && otherNodeGrabs > 0) {
            otherNodeGrabs--;
            lease = Optional.of(otherLease);
        }
        if (lease.isPresent()) {
            return new CibResult.Ok<>(false);
        }
        lease = Optional.of(wanted);
        return new CibResult.Ok<>(true);
    }

    @Override
    public CibResult<Boolean> deleteLease(Strategy strategy, PullLease expected) {
        calls.add("deleteLease " + expected.holder());
        if (lease.equals(Optional.of(expected))) {
            lease = Optional.empty();
        }
        return new CibResult.Ok<>(lease.isEmpty());
    }

    @Override
    public CibResult<Void> apply(Strategy strategy, List<Action> actions) {
        calls.add("apply");
        if (throwOnApply != null) {
            throw throwOnApply;
        }
        if (failApply) {
            return new CibResult.Failed<>("cibadmin --modify", "exit code 1: permission denied");
        }
        applied.add(List.copyOf(actions));
        return new CibResult.Ok<>(null);
    }

    @Override
    public CibResult<Boolean> applyHolding(Strategy strategy, List<Action> actions,
            PullLease held) {
        if (breakBeforeApply != null) {
            lease = Optional.of(breakBeforeApply);
        }
        if (!lease.equals(Optional.of(held))) {
            calls.add("apply refused");
            return new CibResult.Ok<>(false);
        }
        CibResult<Void> r = apply(strategy, actions);
        if (r instanceof CibResult.Failed<Void> f) {
            return new CibResult.Failed<>(f.what(), f.detail());
        }
        return new CibResult.Ok<>(true);
    }

    long writes() {
        return calls.stream().filter(c -> c.equals("apply") || c.equals("acquireLease")
                || c.startsWith("deleteLease")).count();
    }
}
