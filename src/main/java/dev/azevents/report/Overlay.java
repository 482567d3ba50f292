package dev.azevents.report;

import dev.azevents.engine.Action;
import dev.azevents.engine.ClusterNode;
import dev.azevents.engine.ClusterSnapshot;
import dev.azevents.engine.NodeRecord;
import java.util.List;
import java.util.OptionalInt;

/**
 * The snapshot as it is after the pass's writes: the pass read the cluster before writing, and
 * a metrics file must show the state the pass left (or, observing only, would have left) without
 * a second read of the cluster.
 */
final class Overlay {

    private Overlay() {
    }

    static ClusterSnapshot after(ClusterSnapshot before, List<Action> written) {
        List<ClusterNode> nodes = before.nodes().stream().map(n -> after(n, written)).toList();
        return new ClusterSnapshot(nodes, before.lease(), before.hostNames(),
                before.transitionInFlight(), before.maintenanceMode(), before.quorate());
    }

    private static ClusterNode after(ClusterNode n, List<Action> written) {
        boolean standby = n.standby();
        NodeRecord r = n.record();
        for (Action a : written) {
            if (a instanceof Action.SetNodeState s && s.node().equals(n.name())) {
                r = new NodeRecord(s.state(), s.eventIds(), r.lastDocVersion(), r.azName(),
                        r.drainedByAgent(), r.healthAzure());
            } else if (a instanceof Action.SetStandby s && s.node().equals(n.name())) {
                standby = s.on();
                r = new NodeRecord(r.state(), r.pendingEventIds(), r.lastDocVersion(),
                        r.azName(), s.on(), r.healthAzure());
            } else if (a instanceof Action.SetHealth h && h.node().equals(n.name())) {
                r = new NodeRecord(r.state(), r.pendingEventIds(), r.lastDocVersion(),
                        r.azName(), h.value() < 0, OptionalInt.of(h.value()));
            }
        }
        return new ClusterNode(n.name(), n.online(), standby, n.maintenance(), n.unclean(),
                n.healthy(), n.runsResources(), n.changingResources(), n.shuttingDown(),
                n.runsAgent(), r);
    }
}
