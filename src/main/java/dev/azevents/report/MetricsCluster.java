package dev.azevents.report;

import dev.azevents.cluster.CibResult;
import dev.azevents.cluster.Cluster;
import dev.azevents.cluster.ForwardingCluster;
import dev.azevents.engine.Action;
import dev.azevents.engine.ClusterSnapshot;
import dev.azevents.engine.NodeState;
import dev.azevents.engine.PullLease;
import dev.azevents.engine.Strategy;
import dev.azevents.ocf.AgentLog;
import dev.azevents.ocf.PassObserver;
import dev.azevents.ocf.PassResult;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The cluster as the pass uses it, gathering the snapshot and the drains and holds written; when
 * the pass ends, the metrics file is written from what was gathered.
 */
final class MetricsCluster extends ForwardingCluster implements PassObserver {

    private final PassFacts facts;
    private final Path file;
    private final Clock clock;

    MetricsCluster(Cluster real, PassFacts facts, Path file, Clock clock) {
        super(real);
        this.facts = facts;
        this.file = file;
        this.clock = clock;
    }

    @Override
    public CibResult<String> localNodeName() {
        CibResult<String> name = delegate.localNodeName();
        if (name instanceof CibResult.Ok<String> ok) {
            facts.self = Optional.of(ok.value());
        }
        return name;
    }

    @Override
    public CibResult<ClusterSnapshot> snapshot(Strategy strategy) {
        facts.strategy = Optional.of(strategy);
        CibResult<ClusterSnapshot> read = delegate.snapshot(strategy);
        if (read instanceof CibResult.Ok<ClusterSnapshot> ok) {
            facts.snapshot = Optional.of(ok.value());
        }
        return read;
    }

    @Override
    public CibResult<Void> apply(Strategy strategy, List<Action> actions) {
        CibResult<Void> written = delegate.apply(strategy, actions);
        if (written instanceof CibResult.Ok<Void>) {
            count(actions);
        }
        return written;
    }

    @Override
    public CibResult<Boolean> applyHolding(Strategy strategy, List<Action> actions,
            PullLease lease) {
        CibResult<Boolean> written = delegate.applyHolding(strategy, actions, lease);
        if (written instanceof CibResult.Ok<Boolean> ok && ok.value()) {
            count(actions);
        }
        return written;
    }

    /** Drains and holds among writes that landed. */
    private void count(List<Action> actions) {
        facts.written.addAll(actions);
        for (Action a : actions) {
            if (a instanceof Action.SetStandby s && s.on()
                    || a instanceof Action.SetHealth h && h.value() < 0) {
                facts.drains++;
            } else if (a instanceof Action.SetNodeState s && s.state() == NodeState.ON_HOLD) {
                facts.holds++;
            }
        }
    }

    @Override
    public void passEnded(PassResult result, boolean outageBefore, boolean outageNow,
            AgentLog log) {
        PassObserver.forward(delegate, result, outageBefore, outageNow, log);
        boolean ok = !(result instanceof PassResult.ImdsUnavailable
                || result instanceof PassResult.ClusterUnavailable);
        double seconds = (System.nanoTime() - facts.startedNanos) / 1e9;
        MetricsFile.write(file, facts, ok, seconds, clock.instant()).ifPresent(log::warn);
    }
}
