package dev.azevents.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.azevents.cluster.CibResult;
import dev.azevents.cluster.Cluster;
import dev.azevents.cluster.ToolOutput;
import dev.azevents.cluster.ToolRunner;
import dev.azevents.engine.Action;
import dev.azevents.engine.ClusterNode;
import dev.azevents.engine.ClusterSnapshot;
import dev.azevents.engine.NodeRecord;
import dev.azevents.engine.NodeState;
import dev.azevents.engine.PullLease;
import dev.azevents.engine.Strategy;
import dev.azevents.ocf.AgentLog;
import dev.azevents.ocf.PassResult;
import java.util.ArrayList;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * {@code status_attribute}: a pass that changes a node's state or drain ends with one
 * {@code attrd_updater} per changed node; a pass that changes neither calls nothing.
 */
class AlertingClusterTest {

    final List<List<String>> calls = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    final ToolRunner recording = (argv, stdin) -> {
        calls.add(argv);
        return new CibResult.Ok<>(new ToolOutput(0, "", ""));
    };
    final AgentLog log = (level, message) -> warnings.add(level + " " + message);

    static ClusterNode node(String name, NodeRecord record, boolean standby) {
        return new ClusterNode(name, true, standby, false, false, true, false, false, false, true,
                record);
    }

    static final ClusterSnapshot TWO_AVAILABLE = new ClusterSnapshot(List.of(
            node("node1", NodeRecord.fresh(), false), node("node2", NodeRecord.fresh(), false)),
            Optional.empty(), Map.of(), false, false, true);

    /** A cluster port that reads {@code snapshot} and accepts every write. */
    static Cluster accepting(ClusterSnapshot snapshot) {
        return new Cluster() {
            public CibResult<String> localNodeName() {
                return new CibResult.Ok<>("node1");
            }

            public CibResult<ClusterSnapshot> snapshot(Strategy s) {
                return new CibResult.Ok<>(snapshot);
            }

            public CibResult<Boolean> acquireLease(Strategy s, PullLease l) {
                return new CibResult.Ok<>(true);
            }

            public CibResult<Boolean> deleteLease(Strategy s, PullLease l) {
                return new CibResult.Ok<>(true);
            }

            public CibResult<Void> apply(Strategy s, List<Action> actions) {
                return new CibResult.Ok<>(null);
            }

            public CibResult<Boolean> applyHolding(Strategy s, List<Action> actions,
                    PullLease l) {
                return new CibResult.Ok<>(true);
            }
        };
    }

    @Test
    void drainingANodeUpdatesItsStatusAttributeThroughAttrdOnceThePassEnds() {
        AlertingCluster c = new AlertingCluster(accepting(TWO_AVAILABLE), recording);
        c.localNodeName();
        c.snapshot(Strategy.STANDBY);
        c.applyHolding(Strategy.STANDBY, List.of(
                new Action.SetNodeState("node2", NodeState.STOPPING,
                        List.of("9A2F6C1B-0000-4e5f"), "event for vm2"),
                new Action.SetStandby("node2", true, "drain")),
                new PullLease("node1", Instant.parse("2026-12-07T15:00:00Z")));
        assertEquals(List.of(), calls, "nothing before the pass is over");

        c.passEnded(new PassResult.Idle(List.of()), false, false, log);

        assertEquals(List.of(List.of("attrd_updater", "--node", "node2", "--name",
                "azure-events_status", "--update",
                "STOPPING, draining for 9A2F6C1B..., standby by the agent")), calls);
    }

    @Test
    void healthDrainIsShownWithItsValueAndWhoSetIt() {
        NodeRecord drained = new NodeRecord(NodeState.STOPPING, List.of("ev-1"),
                Optional.empty(), Optional.empty(), true, OptionalInt.of(-1000000));
        assertEquals("STOPPING, draining for ev-1, #health-azure=-1000000 by the agent",
                StatusAttribute.value(node("node2", drained, false), Strategy.HEALTH));
        assertEquals("azure-events-az_status", StatusAttribute.name(Strategy.HEALTH));
    }

    @Test
    void aPassThatChangesNoStateOrDrainCallsNothing() {
        AlertingCluster c = new AlertingCluster(accepting(TWO_AVAILABLE), recording);
        c.snapshot(Strategy.HEALTH);
        c.apply(Strategy.HEALTH, List.of(new Action.RecordDocVersion("node1", 3, "handled"),
                new Action.RecordIdentity("node1", "vm1", "first pass")));

        c.passEnded(new PassResult.Idle(List.of()), false, false, log);

        assertEquals(List.of(), calls);
    }

    /** IMDS down at the identity step: no snapshot is ever read, the outage is still told. */
    @Test
    void aSustainedImdsOutageAndItsEndAreReportedOnThisNode() {
        AlertingCluster c = new AlertingCluster(accepting(TWO_AVAILABLE), recording);
        c.strategy(Strategy.HEALTH);
        c.localNodeName();

        c.passEnded(new PassResult.ClusterUnavailable("x"), false, true, log);
        c.passEnded(new PassResult.ClusterUnavailable("x"), true, true, log);
        c.passEnded(new PassResult.Idle(List.of()), true, false, log);

        assertEquals(List.of(
                List.of("attrd_updater", "--node", "node1", "--name", "azure-events-az_imds",
                        "--update", "unreachable: Azure events are not being handled on this"
                        + " node"),
                List.of("attrd_updater", "--node", "node1", "--name", "azure-events-az_imds",
                        "--update", "answering again")), calls);
    }

    @Test
    void aFailingAttrdIsAWarningNeverAFailedPass() {
        ToolRunner failing = (argv, stdin) -> new CibResult.Ok<>(new ToolOutput(102, "",
                "Could not connect to attrd"));
        AlertingCluster c = new AlertingCluster(accepting(TWO_AVAILABLE), failing);
        c.snapshot(Strategy.STANDBY);
        c.apply(Strategy.STANDBY, List.of(new Action.SetNodeState("node2", NodeState.ON_HOLD,
                List.of("ev-1"), "last node")));

        c.passEnded(new PassResult.Idle(List.of()), false, false, log);

        assertEquals(1, warnings.size(), warnings.toString());
        assertEquals(true, warnings.get(0).startsWith("WARN status_attribute: attrd_updater"
                + " --node node2 --name azure-events_status: "), warnings.get(0));
        assertEquals(true, warnings.get(0).endsWith("; no alert for this change"));
    }
}
