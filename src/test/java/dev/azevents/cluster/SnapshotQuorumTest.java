package dev.azevents.cluster;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.azevents.engine.ClusterSnapshot;
import dev.azevents.engine.Strategy;
import dev.azevents.testing.CibFile;
import dev.azevents.testing.RecordingToolRunner;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Quorum as the snapshot reads it from crm_mon on a CIB file (issue 10, item 13). */
class SnapshotQuorumTest {

    @TempDir
    Path dir;

    private static ClusterSnapshot snapshot(CibFile cib) {
        CibResult<ClusterSnapshot> result = new PacemakerCluster(
                new RecordingToolRunner(cib.tools()), Map.of()).snapshot(Strategy.STANDBY);
        if (result instanceof CibResult.Failed<ClusterSnapshot> f) {
            throw new AssertionError("snapshot failed: " + f.describe());
        }
        return ((CibResult.Ok<ClusterSnapshot>) result).value();
    }

    @Test
    void aPartitionWithQuorumIsQuorate() {
        assertTrue(snapshot(CibFile.copy("three-nodes.xml", dir)).quorate());
    }

    @Test
    void aPartitionWithoutQuorumIsNot() {
        CibFile cib = CibFile.copy("three-nodes.xml", dir);
        cib.run("cibadmin", "--modify", "--xml-text", "<cib have-quorum=\"0\"/>");
        assertFalse(snapshot(cib).quorate());
    }
}
