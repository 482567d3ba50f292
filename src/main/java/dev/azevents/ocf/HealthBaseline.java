package dev.azevents.ocf;

import dev.azevents.cluster.CibResult;
import dev.azevents.cluster.Cluster;
import dev.azevents.engine.Action;
import dev.azevents.engine.ClusterNode;
import dev.azevents.engine.ClusterSnapshot;
import dev.azevents.engine.Strategy;
import java.util.List;
import java.util.Optional;

/**
 * {@code start} of the health agent gives its node {@code #health-azure=0} when the node has none,
 * so a node added to the cluster later needs no manual step (issue 11). An existing value is
 * never touched: a {@code -1000000} may be a drain in progress, the monitor pass's to undo. A
 * failure is logged and does not fail {@code start}: the monitor pass reads and writes the same
 * attribute every 10 seconds.
 */
final class HealthBaseline {

    static final int HEALTHY = 0;

    private HealthBaseline() {
    }

    /** The write done, or empty when nothing was needed or it could not be done (logged). */
    static Optional<Action.SetHealth> ensure(Cluster cluster, AgentLog log) {
        CibResult<String> self = cluster.localNodeName();
        if (self instanceof CibResult.Failed<String> f) {
            log.warn("#health-azure not checked: " + f.describe());
            return Optional.empty();
        }
        String node = ((CibResult.Ok<String>) self).value();
        CibResult<ClusterSnapshot> read = cluster.snapshot(Strategy.HEALTH);
        if (read instanceof CibResult.Failed<ClusterSnapshot> f) {
            log.warn("#health-azure of " + node + " not checked: " + f.describe());
            return Optional.empty();
        }
        Optional<ClusterNode> mine = ((CibResult.Ok<ClusterSnapshot>) read).value().node(node);
        if (mine.isPresent() && mine.get().record().healthAzure().isPresent()) {
            return Optional.empty();
        }
        Action.SetHealth write = new Action.SetHealth(node, HEALTHY,
                "start: node " + node + " had no #health-azure");
        CibResult<Void> written = cluster.apply(Strategy.HEALTH, List.of(write));
        if (written instanceof CibResult.Failed<Void> f) {
            log.warn("could not set #health-azure=0 on " + node + ": " + f.describe());
            return Optional.empty();
        }
        log.info("set #health-azure=0 on " + node + ", which had none");
        return Optional.of(write);
    }
}
