package dev.azevents.ocf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.azevents.engine.ClusterNode;
import dev.azevents.engine.ClusterSnapshot;
import dev.azevents.engine.Engine;
import dev.azevents.engine.NodeIdentity;
import dev.azevents.engine.NodeState;
import dev.azevents.imds.EventType;
import dev.azevents.imds.ImdsClient;
import dev.azevents.imds.ImdsConfig;
import dev.azevents.sim.EventSpec;
import dev.azevents.sim.ImdsSimulator;
import dev.azevents.sim.SimSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A lease-free re-approval (issue 10 item 6) rests on the same conditions as the first approval,
 * judged when it is sent: the cluster may change between the pass's first read and its
 * REAPPROVE step. Found by the simulation: a re-approval from a node whose partition had lost
 * quorum ({@code --seed 1006872 --strategy health --fault approved_stays_scheduled}) and one
 * for a node an administrator had taken back, running resources again
 * ({@code --seed 1028869 --strategy health}).
 */
class ReapprovalRecheckTest {

    final SteppingClock clock = new SteppingClock(Instant.parse("2026-11-25T02:00:00Z"));
    final RecordingLog log = new RecordingLog();

    @Test
    void noReapprovalAfterQuorumIsLostMidPass() {
        assertEquals(0, posts(c -> c.quorate = false), log.lines.toString());
        assertTrue(log.lines.stream().anyMatch(l -> l.startsWith("INFO: re-approval of [")
                && l.contains("not sent: the cluster changed since this pass read it")
                && l.contains("no quorum")), log.lines.toString());
    }

    @Test
    void noReapprovalWhenTheNodeRunsResourcesAgainMidPass() {
        assertEquals(0, posts(c -> c.base = snapshot(c.base.nodes().get(1).record()
                .pendingEventIds(), false)), log.lines.toString());
        assertTrue(log.lines.stream().anyMatch(l -> l.contains("not sent: the cluster changed")),
                log.lines.toString());
    }

    @Test
    void reapprovedWhenNothingChanged() {
        assertEquals(1, posts(c -> { }), log.lines.toString());
    }

    /** One pass of node1 stepped by hand, {@code change} applied after its first read. */
    private long posts(Consumer<ScriptedCluster> change) {
        try (ImdsSimulator sim = ImdsSimulator.builder().vm("vm1").vm("vm2").vm("vm3")
                .clock(clock).log(l -> { })
                .settings(SimSettings.defaults().withApprovalStartsAtOnce(false)).build()) {
            sim.start();
            String id = sim.schedule(EventSpec.of(EventType.REBOOT, "vm2")).eventId();
            ScriptedCluster cluster = new ScriptedCluster();
            cluster.base = snapshot(List.of(id), true);
            ImdsClient imds = new ImdsClient(ImdsConfig.azureEvents().withBaseUrl(
                    sim.metadataUrl("vm1")).withRetries(0, Duration.ofSeconds(1),
                            Duration.ofSeconds(5)));
            MonitorPass pass = new MonitorPass(ReapprovalPassTest.parameters(
                    sim.metadataUrl("vm1")), cluster, imds,
                    (s, d, self, p, now) -> new Engine().decide(s, d, self, p, now), clock,
                    clock.sleeper(), log);
            MonitorPass.Steps steps = pass.start(new NodeIdentity("node1", "vm1"));
            steps.step();
            change.accept(cluster);
            MonitorPass.Step step;
            do {
                step = steps.step();
            } while (!(step instanceof MonitorPass.Step.Done));
            assertInstanceOf(MonitorPass.Step.Done.class, step);
            assertEquals(0, cluster.writes(), cluster.calls.toString());
            return sim.requests().stream().filter(r -> r.method().equals("POST")).count();
        }
    }

    /** node2 IN_EVENT for {@code ids}: drained, or taken back and running resources again. */
    static ClusterSnapshot snapshot(List<String> ids, boolean drained) {
        ClusterNode node2 = ReapprovalPassTest.node("node2", "vm2", NodeState.IN_EVENT, ids,
                drained);
        return new ClusterSnapshot(List.of(
                ReapprovalPassTest.node("node1", "vm1", NodeState.AVAILABLE, List.of(), false),
                node2,
                ReapprovalPassTest.node("node3", "vm3", NodeState.AVAILABLE, List.of(), false)),
                Optional.empty(), Map.of("vm1", "node1", "vm2", "node2", "vm3", "node3"),
                false, false, true);
    }
}
