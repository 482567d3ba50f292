package dev.azevents.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.azevents.engine.Action;
import dev.azevents.engine.ClusterSnapshot;
import dev.azevents.engine.NodeRecord;
import dev.azevents.engine.NodeState;
import dev.azevents.engine.Strategy;
import dev.azevents.testing.CibFile;
import dev.azevents.testing.RecordingToolRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code <prefix>_overriddenEventIDs} and the release of ownership (issue 10, item 8), written
 * and read back with the real tools.
 */
class OverrideAttributeTest {

    @TempDir
    Path dir;

    private static ClusterSnapshot snapshot(PacemakerCluster cluster) {
        return ((CibResult.Ok<ClusterSnapshot>) cluster.snapshot(Strategy.STANDBY)).value();
    }

    @Test
    void anOverrideReleasesOwnershipAndIsReadBack() {
        CibFile cib = CibFile.copy("three-nodes.xml", dir);
        PacemakerCluster cluster = new PacemakerCluster(new RecordingToolRunner(cib.tools()),
                Map.of());
        NodeRecord before = snapshot(cluster).node("node2").orElseThrow().record();
        assertEquals(NodeState.STOPPING, before.state());

        CibResult<Void> result = cluster.apply(Strategy.STANDBY, List.of(
                new Action.SetNodeState("node2", NodeState.AVAILABLE, List.of(), "test"),
                new Action.RecordOverride("node2", List.of("e1", "e2"), "test")));

        assertInstanceOf(CibResult.Ok.class, result, result.toString());
        NodeRecord after = snapshot(cluster).node("node2").orElseThrow().record();
        assertEquals(List.of("e1", "e2"), after.overriddenEventIds());
        assertFalse(after.drainedByAgent());
        assertEquals("e1,e2", cib.pythonRead(Optional.of("node2"),
                "azure-events_overriddenEventIDs"));
    }

    @Test
    void aStoppingNodeTheOriginalHasNotPutInStandbyYetIsNotDrainedByIt() {
        CibFile cib = CibFile.copy("three-nodes.xml", dir);
        cib.run("crm_attribute", "--node", "node1", "--name", "azure-events_curNodeState",
                "--update", "STOPPING");
        PacemakerCluster cluster = new PacemakerCluster(new RecordingToolRunner(cib.tools()),
                Map.of());
        assertFalse(snapshot(cluster).node("node1").orElseThrow().record().drainedByAgent(),
                "no standby yet: no drain to own, and no override to read");
    }
}
