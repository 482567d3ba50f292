package dev.azevents.ocf;

import dev.azevents.cluster.CibResult;
import dev.azevents.cluster.Cluster;
import dev.azevents.cluster.ClusterConfiguration;
import dev.azevents.engine.Action;
import dev.azevents.engine.ClusterSnapshot;
import dev.azevents.engine.Plan;
import dev.azevents.engine.PullLease;
import dev.azevents.engine.Strategy;
import dev.azevents.imds.EventsDocument;
import dev.azevents.imds.Imds;
import dev.azevents.imds.ImdsFailure;
import dev.azevents.imds.ImdsResult;
import dev.azevents.imds.InstanceCompute;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** The real edges. Temporary: the adapters are wired when their branches land on main. */
public final class ProductionWiring {

    private ProductionWiring() {
    }

    public static Wiring of(Map<String, String> env) {
        return new Wiring(p -> new Unwired(), Unwired::new,
                () -> new CibResult.Failed<>("cibadmin --query", "not wired yet"),
                (s, d, self, policy, now) -> Plan.idle(), Clock.systemUTC(), Sleeper.REAL);
    }

    private static final class Unwired implements Imds, Cluster {
        private static final String WHY = "not wired yet";

        public ImdsResult<EventsDocument> events() {
            return new ImdsResult.Failed<>(new ImdsFailure.Unreachable("-", WHY, 0));
        }

        public ImdsResult<InstanceCompute> instance() {
            return new ImdsResult.Failed<>(new ImdsFailure.Unreachable("-", WHY, 0));
        }

        public ImdsResult<Void> approve(List<String> eventIds) {
            return new ImdsResult.Failed<>(new ImdsFailure.Unreachable("-", WHY, 0));
        }

        public CibResult<String> localNodeName() {
            return new CibResult.Failed<>("-", WHY);
        }

        public CibResult<ClusterSnapshot> snapshot(Strategy strategy) {
            return new CibResult.Failed<>("-", WHY);
        }

        public CibResult<Boolean> acquireLease(Strategy strategy, PullLease lease) {
            return new CibResult.Failed<>("-", WHY);
        }

        public CibResult<Boolean> deleteLease(Strategy strategy, PullLease lease) {
            return new CibResult.Failed<>("-", WHY);
        }

        public CibResult<Void> apply(Strategy strategy, List<Action> actions) {
            return new CibResult.Failed<>("-", WHY);
        }
    }
}
