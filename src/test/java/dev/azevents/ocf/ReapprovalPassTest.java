package dev.azevents.ocf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.azevents.engine.ClusterNode;
import dev.azevents.engine.ClusterSnapshot;
import dev.azevents.engine.Engine;
import dev.azevents.engine.NodeIdentity;
import dev.azevents.engine.NodeRecord;
import dev.azevents.engine.NodeState;
import dev.azevents.engine.Strategy;
import dev.azevents.imds.EventType;
import dev.azevents.imds.ImdsClient;
import dev.azevents.imds.ImdsConfig;
import dev.azevents.sim.EventSpec;
import dev.azevents.sim.ImdsSimulator;
import dev.azevents.sim.SimSettings;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * An approved event that Azure keeps Scheduled is re-approved without the lease and without a
 * CIB write, from one node, at most once per {@link MonitorPass#REAPPROVAL_PERIOD}: the real
 * engine and the IMDS simulator, passes 10 s apart as Pacemaker runs them.
 */
class ReapprovalPassTest {

    final SteppingClock clock = new SteppingClock(Instant.parse("2026-11-25T02:00:00Z"));
    final RecordingLog log = new RecordingLog();

    static ClusterNode node(String name, String vm, NodeState state, List<String> ids,
            boolean drained) {
        return new ClusterNode(name, true, drained, false, false, true, !drained, false, false,
                !drained, new NodeRecord(state, ids, Optional.of("1"), Optional.of(vm), drained,
                        OptionalInt.empty()));
    }

    static AgentParameters parameters(URI imds) {
        return ((ParameterValidator.Validation.Valid) ParameterValidator.validate(
                Strategy.STANDBY, Map.of("OCF_RESKEY_imds_url", imds.toString(),
                        "OCF_RESKEY_retry_count", "0"))).parameters();
    }

    @Test
    void reapprovedFromOneNodeWithoutLeaseOrWriteOncePerPeriod() {
        try (ImdsSimulator sim = ImdsSimulator.builder().vm("vm1").vm("vm2").vm("vm3")
                .clock(clock).log(l -> { })
                .settings(SimSettings.defaults().withApprovalStartsAtOnce(false)).build()) {
            sim.start();
            String id = sim.schedule(EventSpec.of(EventType.REBOOT, "vm2")).eventId();
            ScriptedCluster cluster = new ScriptedCluster();
            cluster.base = new ClusterSnapshot(List.of(
                    node("node1", "vm1", NodeState.AVAILABLE, List.of(), false),
                    node("node2", "vm2", NodeState.IN_EVENT, List.of(id), true),
                    node("node3", "vm3", NodeState.AVAILABLE, List.of(), false)),
                    Optional.empty(), Map.of("vm1", "node1", "vm2", "node2", "vm3", "node3"),
                    false, false, true);
            Optional<Instant> last1 = Optional.empty();
            Optional<Instant> last3 = Optional.empty();
            for (int pass = 0; pass < 14; pass++) {
                last1 = pass(sim, cluster, "node1", "vm1", last1);
                last3 = pass(sim, cluster, "node3", "vm3", last3);
                clock.advance(Duration.ofSeconds(10));
            }

            List<Instant> posts = sim.requests().stream()
                    .filter(r -> r.method().equals("POST")).map(r -> r.at()).toList();
            assertEquals(3, posts.size(), "130 s of passes: one POST per 60 s, " + posts + log.lines + cluster.calls);
            assertTrue(sim.requests().stream().filter(r -> r.method().equals("POST"))
                    .allMatch(r -> r.vm().equals("vm1")), "only node1 (lowest name) re-approves");
            assertEquals(0, cluster.writes(), "no lease taken, no CIB write: " + cluster.calls);
            assertEquals(Optional.of(clock.instant().minusSeconds(20)), last1);
            assertEquals(Optional.empty(), last3);
            assertEquals(3, log.at(AgentLog.Level.INFO).size(), log.lines.toString());
            assertTrue(log.at(AgentLog.Level.INFO).get(0).startsWith("INFO: approve [" + id
                    + "] because approving again, still Scheduled: event " + id), log.lines
                    .toString());
            assertTrue(log.at(AgentLog.Level.INFO).get(0).endsWith("(no lease, no CIB write; at"
                    + " most every 60 s)"), log.lines.toString());
        }
    }

    Optional<Instant> pass(ImdsSimulator sim, ScriptedCluster cluster, String node, String vm,
            Optional<Instant> last) {
        ImdsClient imds = new ImdsClient(ImdsConfig.azureEvents().withBaseUrl(
                sim.metadataUrl(vm)).withRetries(0, Duration.ofSeconds(1),
                        Duration.ofSeconds(5)));
        MonitorPass pass = new MonitorPass(parameters(sim.metadataUrl(vm)), cluster, imds,
                (s, d, self, p, now) -> new Engine().decide(s, d, self, p, now), clock,
                clock.sleeper(), log).rememberingReapproval(last);
        pass.run(new NodeIdentity(node, vm));
        return pass.lastReapproval();
    }
}
