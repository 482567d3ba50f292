package dev.azevents.report;

import dev.azevents.cluster.CibResult;
import dev.azevents.cluster.Cluster;
import dev.azevents.cluster.ForwardingCluster;
import dev.azevents.cluster.ToolOutput;
import dev.azevents.cluster.ToolRunner;
import dev.azevents.engine.Action;
import dev.azevents.engine.ClusterNode;
import dev.azevents.engine.ClusterSnapshot;
import dev.azevents.engine.PullLease;
import dev.azevents.engine.Strategy;
import dev.azevents.ocf.AgentLog;
import dev.azevents.ocf.PassObserver;
import dev.azevents.ocf.PassResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code status_attribute}: after a pass wrote a node's state or drain to the CIB, the node's
 * transient attribute {@code <agent>_status} is updated through pacemaker-attrd (Pacemaker
 * calls alert agents only for attributes that attrd writes, measured on 2.1.5: none for a
 * permanent attribute or for standby). Idle passes write nothing and call nothing; the updates
 * run once the pass is over (lease released), one {@code attrd_updater} per changed node.
 */
final class AlertingCluster extends ForwardingCluster implements PassObserver {

    private final ToolRunner tools;
    private Optional<ClusterSnapshot> before = Optional.empty();
    private Optional<Strategy> strategy = Optional.empty();
    private Optional<String> self = Optional.empty();
    private final Map<String, String> updates = new LinkedHashMap<>();

    AlertingCluster(Cluster real, ToolRunner tools) {
        super(real);
        this.tools = tools;
    }

    /**
     * The strategy, known from the parameters before any cluster call: a pass whose identity
     * fails (IMDS down) never reads a snapshot, and its outage must still be reported.
     */
    void strategy(Strategy s) {
        strategy = Optional.of(s);
    }

    @Override
    public CibResult<String> localNodeName() {
        CibResult<String> name = delegate.localNodeName();
        if (name instanceof CibResult.Ok<String> ok) {
            self = Optional.of(ok.value());
        }
        return name;
    }

    @Override
    public CibResult<ClusterSnapshot> snapshot(Strategy s) {
        strategy = Optional.of(s);
        CibResult<ClusterSnapshot> read = delegate.snapshot(s);
        if (read instanceof CibResult.Ok<ClusterSnapshot> ok) {
            before = Optional.of(ok.value());
        }
        return read;
    }

    @Override
    public CibResult<Void> apply(Strategy s, List<Action> actions) {
        CibResult<Void> written = delegate.apply(s, actions);
        if (written instanceof CibResult.Ok<Void>) {
            written(s, actions);
        }
        return written;
    }

    @Override
    public CibResult<Boolean> applyHolding(Strategy s, List<Action> actions, PullLease lease) {
        CibResult<Boolean> written = delegate.applyHolding(s, actions, lease);
        if (written instanceof CibResult.Ok<Boolean> ok && ok.value()) {
            written(s, actions);
        }
        return written;
    }

    /** The status attribute values these writes changed, sent once the pass has ended. */
    private void written(Strategy s, List<Action> actions) {
        if (before.isPresent()) {
            ClusterSnapshot after = Overlay.after(before.get(), actions);
            for (ClusterNode was : before.get().nodes()) {
                ClusterNode is = after.node(was.name()).orElseThrow();
                String value = StatusAttribute.value(is, s);
                if (!value.equals(StatusAttribute.value(was, s))) {
                    updates.put(was.name(), value);
                }
            }
        }
    }

    @Override
    public void passEnded(PassResult result, boolean outageBefore, boolean outageNow,
            AgentLog log) {
        PassObserver.forward(delegate, result, outageBefore, outageNow, log);
        if (strategy.isEmpty()) {
            return;
        }
        List<List<String>> calls = new ArrayList<>();
        updates.forEach((node, value) -> calls.add(update(node,
                StatusAttribute.name(strategy.get()), value)));
        if (self.isPresent() && outageNow != outageBefore) {
            calls.add(update(self.get(), StatusAttribute.imdsName(strategy.get()), outageNow
                    ? "unreachable: Azure events are not being handled on this node"
                    : "answering again"));
        }
        for (List<String> argv : calls) {
            CibResult<ToolOutput> run = tools.run(argv, Optional.empty());
            if (run instanceof CibResult.Failed<ToolOutput> f) {
                log.warn("status_attribute: " + f.describe() + "; no alert for this change");
            } else if (((CibResult.Ok<ToolOutput>) run).value().exitCode() != 0) {
                log.warn("status_attribute: " + String.join(" ", argv.subList(0, 5)) + ": "
                        + ((CibResult.Ok<ToolOutput>) run).value().describe()
                        + "; no alert for this change");
            }
        }
    }

    /** Through attrd (lifetime reboot): the only writes that Pacemaker's alerts are told of. */
    static List<String> update(String node, String name, String value) {
        return List.of("attrd_updater", "--node", node, "--name", name, "--update", value);
    }
}
