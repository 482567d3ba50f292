package dev.azevents.ocf;

import dev.azevents.cluster.CibResult;
import dev.azevents.cluster.Cluster;
import dev.azevents.cluster.ForwardingCluster;
import dev.azevents.engine.Action;
import dev.azevents.engine.PullLease;
import dev.azevents.engine.Strategy;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code observe_only}: the cluster as the pass sees it, with every write replaced by a log line.
 * Reads go through; the lease is "taken" and "released" without a CIB operation (so the pass goes
 * on to decide under it, as it would), and a plan's writes are reported and dropped. The pass
 * therefore logs the same decisions as an acting agent, and the CIB epoch never moves. Reads
 * are forwarded by {@link ForwardingCluster}.
 */
final class ObservingCluster extends ForwardingCluster {

    static final String PREFIX = "observe-only: would ";

    private final Consumer<String> log;

    ObservingCluster(Cluster real, Consumer<String> log) {
        super(real);
        this.log = log;
    }

    @Override
    public CibResult<Boolean> acquireLease(Strategy strategy, PullLease lease) {
        log.accept(PREFIX + "take the pull lease (" + lease.holder() + " until "
                + lease.expiry() + "); nothing written");
        return new CibResult.Ok<>(true);
    }

    @Override
    public CibResult<Boolean> deleteLease(Strategy strategy, PullLease lease) {
        // The release of the lease this pass never took: nothing to say twice.
        return new CibResult.Ok<>(true);
    }

    @Override
    public CibResult<Void> apply(Strategy strategy, List<Action> actions) {
        for (Action a : actions) {
            log.accept(PREFIX + "write " + MonitorPass.describe(a) + "; nothing written");
        }
        return new CibResult.Ok<>(null);
    }

    @Override
    public CibResult<Boolean> applyHolding(Strategy strategy, List<Action> actions,
            PullLease lease) {
        apply(strategy, actions);
        return new CibResult.Ok<>(true);
    }
}
