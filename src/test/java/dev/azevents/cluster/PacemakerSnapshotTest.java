package dev.azevents.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.azevents.engine.ClusterNode;
import dev.azevents.engine.ClusterSnapshot;
import dev.azevents.engine.NodeState;
import dev.azevents.engine.Strategy;
import dev.azevents.testing.CibFile;
import dev.azevents.testing.RecordingToolRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snapshot read from real Pacemaker tools on CIB files made with {@code crm_simulate}:
 * three nodes, node1 running every Dummy, node2 in standby (drained by the agent, STOPPING),
 * node3 with {@code #health-azure=-1000000} under {@code node-health-strategy=custom} (red),
 * running only the {@code azure-events-az} clone.
 */
class PacemakerSnapshotTest {

    @TempDir
    Path dir;

    private ClusterSnapshot snapshot(CibFile cib, Strategy strategy, RecordingToolRunner tools) {
        CibResult<ClusterSnapshot> result = new PacemakerCluster(tools, Map.of())
                .snapshot(strategy);
        if (result instanceof CibResult.Failed<ClusterSnapshot> f) {
            throw new AssertionError("snapshot failed: " + f.describe());
        }
        return ((CibResult.Ok<ClusterSnapshot>) result).value();
    }

    @Test
    void snapshotOfThreeNodesReadsPacemakersViewAndTheAgentsRecordsWithTwoTools() {
        CibFile cib = CibFile.copy("three-nodes.xml", dir);
        RecordingToolRunner tools = new RecordingToolRunner(cib.tools());

        ClusterSnapshot s = snapshot(cib, Strategy.STANDBY, tools);

        assertEquals(List.of("cibadmin", "crm_mon"), tools.toolsSorted(),
                "exactly two processes");
        assertEquals(List.of("node1", "node2", "node3"),
                s.nodes().stream().map(ClusterNode::name).toList());
        ClusterNode node1 = s.node("node1").orElseThrow();
        ClusterNode node2 = s.node("node2").orElseThrow();
        ClusterNode node3 = s.node("node3").orElseThrow();
        assertTrue(node1.online() && node1.canHost() && node1.runsResources());
        assertFalse(node1.changingResources());

        assertTrue(node2.standby());
        assertFalse(node2.canHost());
        assertTrue(node2.drained(), "nothing but nothing runs on node2: its Dummy moved away");
        assertEquals(NodeState.STOPPING, node2.record().state());
        assertEquals(List.of("ev-1", "ev-2"), node2.record().pendingEventIds());
        assertEquals(Optional.of("7"), node2.record().lastDocVersion());
        assertEquals(Optional.of("vm-two"), node2.record().azName());
        assertTrue(node2.record().drainedByAgent());

        assertFalse(node3.healthy(), "red under node-health-strategy=custom");
        assertEquals(OptionalInt.of(-1_000_000), node3.record().healthAzure());
        assertTrue(node3.runsResources(),
                "for the standby agent, the azure-events-az clone is any other resource");
        assertEquals(NodeState.AVAILABLE, node3.record().state(),
                "the other strategy's attributes are not ours");

        assertEquals(Map.of("vm-one", "node1", "vm-two", "node2"), s.hostNames());
        assertEquals(Optional.empty(), s.lease());
        assertFalse(s.transitionInFlight());
        assertFalse(s.maintenanceMode());
    }

    @Test
    void healthStrategyExcludesItsOwnCloneAndReadsItsOwnPrefix() {
        CibFile cib = CibFile.copy("three-nodes.xml", dir);

        ClusterSnapshot s = snapshot(cib, Strategy.HEALTH,
                new RecordingToolRunner(cib.tools()));

        ClusterNode node3 = s.node("node3").orElseThrow();
        assertFalse(node3.runsResources(), "only our own azure-events-az clone runs there");
        assertTrue(node3.drained());
        assertEquals(NodeState.ON_HOLD, node3.record().state());
        ClusterNode node2 = s.node("node2").orElseThrow();
        assertEquals(NodeState.AVAILABLE, node2.record().state());
        assertFalse(node2.record().drainedByAgent(), "azure-events_drainedByAgent is not ours");
        assertEquals(OptionalInt.of(0), node2.record().healthAzure());
    }

    @Test
    void pendingStopOnADrainingNodeMeansItIsStillChanging() {
        CibFile cib = CibFile.copy("three-nodes-pending-stop.xml", dir);

        ClusterSnapshot s = snapshot(cib, Strategy.STANDBY, new RecordingToolRunner(cib.tools()));

        ClusterNode node2 = s.node("node2").orElseThrow();
        assertTrue(node2.changingResources(), "a stop of dummy1 is recorded pending on node2");
        assertFalse(node2.drained());
        assertTrue(s.transitionInFlight());
        assertFalse(s.node("node3").orElseThrow().changingResources(),
                "nothing pending concerns node3");
    }

    @Test
    void nineNodesCostTheSameTwoProcessesAndTheHeartbeatOriginalCountsAsOurClone() {
        CibFile cib = CibFile.copy("nine-nodes.xml", dir);
        RecordingToolRunner tools = new RecordingToolRunner(cib.tools());

        ClusterSnapshot s = snapshot(cib, Strategy.STANDBY, tools);

        assertEquals(List.of("cibadmin", "crm_mon"), tools.toolsSorted());
        assertEquals(9, s.nodes().size());
        // Each node runs one Dummy and an ocf:heartbeat:azure-events clone instance (the Python
        // agent, replaced in place): the Dummy counts, the clone does not.
        assertTrue(s.nodes().stream().allMatch(ClusterNode::runsResources));
    }

    @Test
    void aNodeRunningOnlyTheHeartbeatCloneIsDrained() {
        CibFile cib = CibFile.copy("nine-nodes.xml", dir);
        cib.run("crm_attribute", "--node", "node4", "--name", "standby", "--update", "on");
        cib.simulateReaction();

        ClusterSnapshot s = snapshot(cib, Strategy.STANDBY, new RecordingToolRunner(cib.tools()));

        ClusterNode node4 = s.node("node4").orElseThrow();
        assertTrue(node4.standby());
        assertTrue(node4.drained(), "dummy4 moved away, the clone stopped: nothing else there");
        assertFalse(s.transitionInFlight());
    }

    @Test
    void theWholeCibIsOneQueryForConfigurationReaders() {
        CibFile cib = CibFile.copy("three-nodes.xml", dir);
        RecordingToolRunner tools = new RecordingToolRunner(cib.tools());

        CibResult<String> xml = new PacemakerCluster(tools, Map.of()).cibXml();

        String text = ((CibResult.Ok<String>) xml).value();
        assertTrue(text.contains("<cib ") && text.contains("node-health-strategy"), text);
        assertEquals(List.of(List.of("cibadmin", "--query")), tools.started());
    }

    @Test
    void aTransientHealthAttributeShowsInPacemakersViewNotInTheAgentsRecord() {
        CibFile cib = CibFile.copy("three-nodes.xml", dir);
        cib.run("crm_attribute", "--node", "node1", "--name", "#health-azure", "--update",
                "-1000000", "--lifetime", "reboot");

        ClusterNode node1 = snapshot(cib, Strategy.HEALTH, new RecordingToolRunner(cib.tools()))
                .node("node1").orElseThrow();

        assertFalse(node1.healthy(), "Pacemaker counts the transient value");
        assertEquals(OptionalInt.of(0), node1.record().healthAzure(),
                "the record is the permanent value the agent wrote");
    }

    @Test
    void maintenanceOfTheClusterAndOfANodeAreReadFromPacemakersView() {
        CibFile cib = CibFile.copy("three-nodes.xml", dir);
        cib.run("crm_attribute", "--type", "crm_config", "--name", "maintenance-mode",
                "--update", "true");
        cib.run("crm_attribute", "--node", "node3", "--name", "maintenance", "--update", "on");

        ClusterSnapshot s = snapshot(cib, Strategy.STANDBY, new RecordingToolRunner(cib.tools()));

        assertTrue(s.maintenanceMode());
        ClusterNode node3 = s.node("node3").orElseThrow();
        assertTrue(node3.maintenance());
        assertFalse(node3.canHost());
    }

    @Test
    void aStandbyTheOriginalAgentSetIsOursToUndoAnAdministratorsIsNot() {
        CibFile cib = CibFile.copy("three-nodes.xml", dir);
        // node1 drained by the Python azure-events (it never writes drainedByAgent).
        cib.run("crm_attribute", "--node", "node1", "--name", "azure-events_curNodeState",
                "--update", "IN_EVENT");
        cib.run("crm_attribute", "--node", "node1", "--name", "standby", "--update", "on");
        // node3 put in standby by an administrator.
        cib.run("crm_attribute", "--node", "node3", "--name", "standby", "--update", "on");
        // node2: STOPPING, but our agent recorded explicitly that the drain is not its own.
        cib.run("crm_attribute", "--node", "node2", "--name", "azure-events_drainedByAgent",
                "--update", "false");

        ClusterSnapshot s = snapshot(cib, Strategy.STANDBY, new RecordingToolRunner(cib.tools()));

        assertTrue(s.node("node1").orElseThrow().record().drainedByAgent());
        assertFalse(s.node("node3").orElseThrow().record().drainedByAgent());
        assertFalse(s.node("node2").orElseThrow().record().drainedByAgent(),
                "an explicit value wins over the inference");
    }

    @Test
    void aDrainedHealthLeftByTheOriginalAgentIsOursToReset() {
        CibFile cib = CibFile.copy("three-nodes.xml", dir);

        ClusterSnapshot s = snapshot(cib, Strategy.HEALTH, new RecordingToolRunner(cib.tools()));

        assertTrue(s.node("node3").orElseThrow().record().drainedByAgent(),
                "#health-azure=-1000000 with no drainedByAgent: azure-events-az's");
        assertFalse(s.node("node1").orElseThrow().record().drainedByAgent(), "healthy: nothing");
    }
}
