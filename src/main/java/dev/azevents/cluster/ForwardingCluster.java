package dev.azevents.cluster;

import dev.azevents.engine.Action;
import dev.azevents.engine.ClusterSnapshot;
import dev.azevents.engine.PullLease;
import dev.azevents.engine.Strategy;
import java.util.List;

/**
 * A {@link Cluster} that passes every call to another: decorators (metrics, alerts, the
 * simulation's mutants) override only the calls they watch or change.
 */
public abstract class ForwardingCluster implements Cluster {

    protected final Cluster delegate;

    protected ForwardingCluster(Cluster delegate) {
        this.delegate = delegate;
    }

    @Override
    public CibResult<String> localNodeName() {
        return delegate.localNodeName();
    }

    @Override
    public CibResult<ClusterSnapshot> snapshot(Strategy strategy) {
        return delegate.snapshot(strategy);
    }

    @Override
    public CibResult<Boolean> acquireLease(Strategy strategy, PullLease lease) {
        return delegate.acquireLease(strategy, lease);
    }

    @Override
    public CibResult<Boolean> deleteLease(Strategy strategy, PullLease lease) {
        return delegate.deleteLease(strategy, lease);
    }

    @Override
    public CibResult<Void> apply(Strategy strategy, List<Action> actions) {
        return delegate.apply(strategy, actions);
    }

    @Override
    public CibResult<Boolean> applyHolding(Strategy strategy, List<Action> actions,
            PullLease lease) {
        return delegate.applyHolding(strategy, actions, lease);
    }
}
