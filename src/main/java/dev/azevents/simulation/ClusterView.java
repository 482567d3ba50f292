package dev.azevents.simulation;

import dev.azevents.cluster.CibResult;
import dev.azevents.cluster.Cluster;
import dev.azevents.engine.Action;
import dev.azevents.engine.ClusterSnapshot;
import dev.azevents.engine.PullLease;
import dev.azevents.engine.Strategy;
import java.util.List;

/**
 * The {@link Cluster} port on the simulated cluster, bound to one node, with the contracts the
 * real adapter honours: an atomic create of the lease that fails when one exists, a
 * compare-and-delete, one atomic apply, fenced by the lease when asked.
 */
final class ClusterView implements Cluster {

    private final SimCluster cluster;
    private final String node;

    ClusterView(SimCluster cluster, String node) {
        this.cluster = cluster;
        this.node = node;
    }

    @Override
    public CibResult<String> localNodeName() {
        return new CibResult.Ok<>(node);
    }

    @Override
    public CibResult<ClusterSnapshot> snapshot(Strategy strategy) {
        return new CibResult.Ok<>(cluster.snapshot(node));
    }

    @Override
    public CibResult<Boolean> acquireLease(Strategy strategy, PullLease lease) {
        return new CibResult.Ok<>(cluster.createLease(node, lease));
    }

    @Override
    public CibResult<Boolean> deleteLease(Strategy strategy, PullLease lease) {
        return new CibResult.Ok<>(cluster.deleteLease(node, lease));
    }

    @Override
    public CibResult<Void> apply(Strategy strategy, List<Action> actions) {
        cluster.apply(node, actions);
        return new CibResult.Ok<>(null);
    }

    @Override
    public CibResult<Boolean> applyHolding(Strategy strategy, List<Action> actions,
            PullLease lease) {
        return new CibResult.Ok<>(cluster.applyHolding(node, actions, lease));
    }
}
