package dev.azevents.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.azevents.engine.Action;
import dev.azevents.engine.NodeState;
import dev.azevents.engine.PullLease;
import dev.azevents.engine.Strategy;
import dev.azevents.testing.CibFile;
import dev.azevents.testing.RecordingToolRunner;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plan's write is fenced by the pull lease, on a real CIB file: one {@code cibadmin
 * --modify --xpath} that Pacemaker applies only while our holder and expiry are recorded.
 */
class PacemakerFencedWriteTest {

    private static final Instant T = Instant.parse("2026-11-25T02:00:00Z");
    private static final PullLease NODE1 = new PullLease("node1", T);
    private static final PullLease NODE2 = new PullLease("node2", T.plusSeconds(5));
    private static final List<Action> DRAIN = List.of(
            new Action.SetNodeState("node1", NodeState.STOPPING, List.of("e1"), "event e1"),
            new Action.SetStandby("node1", true, "event e1"),
            new Action.RecordIdentity("node1", "vm-one", "first pass"));

    @TempDir
    Path dir;

    private static <T> T ok(CibResult<T> result) {
        if (result instanceof CibResult.Failed<T> f) {
            throw new AssertionError(f.describe());
        }
        return ((CibResult.Ok<T>) result).value();
    }

    @Test
    void aWriteUnderALeaseStillOursLandsInOneOperation() {
        CibFile cib = CibFile.copy("three-nodes.xml", dir);
        RecordingToolRunner tools = new RecordingToolRunner(cib.tools());
        PacemakerCluster cluster = new PacemakerCluster(tools, Map.of());
        ok(cluster.acquireLease(Strategy.STANDBY, NODE1));
        List<Long> before = cib.version();

        assertEquals(true, ok(cluster.applyHolding(Strategy.STANDBY, DRAIN, NODE1)));

        assertEquals(before.get(0) + 1, cib.version().get(0), "one CIB operation");
        assertEquals("STOPPING", cib.pythonRead(Optional.of("node1"),
                "azure-events_curNodeState"));
        assertEquals("on", cib.pythonRead(Optional.of("node1"), "standby"));
        assertEquals("node1", cib.pythonRead(Optional.empty(), "hostName_vm-one"),
                "crm_config written in the same update");
        assertEquals("node1", cib.pythonRead(Optional.empty(), "azure-events_pullLeaseHolder"),
                "the lease untouched");
    }

    @Test
    void aWriteWithALeaseNoLongerOursChangesNothingAndSaysSo() {
        CibFile cib = CibFile.copy("three-nodes.xml", dir);
        PacemakerCluster cluster = new PacemakerCluster(cib.tools(), Map.of());
        ok(cluster.acquireLease(Strategy.STANDBY, NODE1));
        // node1 stalled; node2 broke its lease and holds its own now.
        ok(cluster.deleteLease(Strategy.STANDBY, NODE1));
        ok(cluster.acquireLease(Strategy.STANDBY, NODE2));
        String before = cib.text();

        assertEquals(false, ok(cluster.applyHolding(Strategy.STANDBY, DRAIN, NODE1)));

        assertEquals(before, cib.text(), "nothing written");
    }

    @Test
    void aWriteWithNoLeaseRecordedChangesNothing() {
        CibFile cib = CibFile.copy("three-nodes.xml", dir);
        PacemakerCluster cluster = new PacemakerCluster(cib.tools(), Map.of());
        ok(cluster.acquireLease(Strategy.STANDBY, NODE1));
        ok(cluster.deleteLease(Strategy.STANDBY, NODE1));
        String before = cib.text();

        assertEquals(false, ok(cluster.applyHolding(Strategy.STANDBY, DRAIN, NODE1)));
        assertEquals(false, ok(cluster.applyHolding(Strategy.HEALTH, List.of(
                new Action.SetHealth("node1", -1_000_000, "event e1")), NODE1)),
                "the other strategy's lease is another lease");

        assertEquals(before, cib.text(), "nothing written");
    }
}
