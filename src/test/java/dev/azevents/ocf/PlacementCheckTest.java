package dev.azevents.ocf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.azevents.engine.EventScope;
import dev.azevents.engine.Strategy;
import dev.azevents.imds.ImdsFailure;
import dev.azevents.imds.ImdsResult;
import dev.azevents.imds.InstanceCompute;
import dev.azevents.sim.ImdsSimulator;
import dev.azevents.sim.Scope;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standby strategy refuses to run where VMs see only their own events (issue 10, item 3;
 * DESIGN.md section 3, ClusterLabs #1986): validate-all and start exit 6 with a reason that
 * points to azure-events-az.
 */
class PlacementCheckTest {

    static final String ZONAL_REASON = "ocf-exit-reason:VM vm1 is in availability zone 1, where"
            + " each VM sees only its own scheduled events: the standby strategy of azure-events"
            + " cannot tell when a drained node's maintenance is over and would put it back"
            + " online too early (ClusterLabs #1986); use azure-events-az (the health strategy)"
            + " on this cluster";

    @TempDir
    Path dir;

    static InstanceCompute vm(String zone, String scaleSet) {
        return new InstanceCompute("vm1", "id", "westeurope", zone, scaleSet, "", "vm1");
    }

    @Test
    void scopeFromPlacement() {
        assertEquals(EventScope.OWN_VM, EventScope.forPlacement("1", ""));
        assertEquals(EventScope.OWN_VM, EventScope.forPlacement("2", "vmss"), "zonal scale set");
        assertEquals(EventScope.EVERY_VM, EventScope.forPlacement("", "vmss"));
        assertEquals(EventScope.UNKNOWN, EventScope.forPlacement("", ""),
                "an availability set and a standalone VM look the same");
    }

    @Test
    void onlyTheStandbyStrategyInAZoneIsRefused() {
        RecordingLog log = new RecordingLog();
        assertTrue(PlacementCheck.problem(Strategy.STANDBY, new ImdsResult.Ok<>(vm("1", "")),
                log).isPresent());
        assertEquals(Optional.empty(), PlacementCheck.problem(Strategy.HEALTH,
                new ImdsResult.Ok<>(vm("1", "")), log));
        assertEquals(Optional.empty(), PlacementCheck.problem(Strategy.STANDBY,
                new ImdsResult.Ok<>(vm("", "")), log));
        assertEquals(Optional.empty(), PlacementCheck.problem(Strategy.STANDBY,
                new ImdsResult.Ok<>(vm("", "vmss")), log));
    }

    @Test
    void anUnreachableMetadataServiceDoesNotFailTheStart() {
        RecordingLog log = new RecordingLog();
        assertEquals(Optional.empty(), PlacementCheck.problem(Strategy.STANDBY,
                new ImdsResult.Failed<>(new ImdsFailure.Malformed("http://127.0.0.1/x", "bad",
                        "")), log));
        assertEquals(1, log.at(AgentLog.Level.WARN).size(), log.lines.toString());
    }

    @Test
    void validateAllAndStartRefuseTheStandbyStrategyOnAZonalVm() throws Exception {
        try (ImdsSimulator sim = ImdsSimulator.builder().scope(Scope.STANDALONE).vm("vm1")
                .vm("vm2").log(line -> { }).build()) {
            sim.start();
            CibFileAgent node1 = new CibFileAgent(dir, getClass(), AgentOnCibFileTest.FIXTURE,
                    "node1", sim.metadataUrl("vm1").toString());
            for (String action : List.of("validate-all", "start")) {
                assertEquals(OcfExit.ERR_CONFIGURED, node1.run("azure-events", action), action);
                assertEquals(List.of(ZONAL_REASON), node1.exitReasons(), action);
            }
            assertEquals(OcfExit.NOT_RUNNING, node1.run("azure-events", "monitor"),
                    "start refused: nothing runs");
            node1.run("azure-events-az", "validate-all");
            assertTrue(node1.exitReasons().stream().noneMatch(r -> r.contains("zone")),
                    "the health strategy is the one for zones: " + node1.stderr);
        }
    }
}
