package dev.azevents.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.azevents.engine.ClusterSnapshot;
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

/** The pull lease on a real CIB file: atomic acquire, compare-and-delete release/break. */
class PacemakerLeaseTest {

    private static final Instant T = Instant.parse("2026-11-25T02:00:00Z");
    private static final PullLease NODE1 = new PullLease("node1", T);
    private static final PullLease NODE2 = new PullLease("node2", T.plusSeconds(5));

    @TempDir
    Path dir;

    private CibFile cib;
    private RecordingToolRunner tools;
    private PacemakerCluster cluster;

    private void open() {
        cib = CibFile.copy("three-nodes.xml", dir);
        tools = new RecordingToolRunner(cib.tools());
        cluster = new PacemakerCluster(tools, Map.of());
    }

    private static <T> T ok(CibResult<T> result) {
        if (result instanceof CibResult.Failed<T> f) {
            throw new AssertionError(f.describe());
        }
        return ((CibResult.Ok<T>) result).value();
    }

    private Optional<PullLease> leaseSeen(Strategy strategy) {
        ClusterSnapshot s = ok(cluster.snapshot(strategy));
        return s.lease();
    }

    @Test
    void acquireTakesAFreeLeaseInOneOperationAndSaysPulling() {
        open();
        List<Long> before = cib.version();

        assertEquals(true, ok(cluster.acquireLease(Strategy.STANDBY, NODE1)));

        assertEquals(List.of("cibadmin"), tools.tools(), "one process");
        assertEquals(before.get(0) + 1, cib.version().get(0), "one CIB operation");
        assertEquals(Optional.of(NODE1), leaseSeen(Strategy.STANDBY));
        assertEquals("PULLING", cib.pythonRead(Optional.empty(), "azure-events_globalPullState"));
        assertEquals(Optional.empty(), leaseSeen(Strategy.HEALTH), "leases are per strategy");
    }

    @Test
    void aSecondAcquireIsRefusedAndLeavesTheHolder() {
        open();
        ok(cluster.acquireLease(Strategy.STANDBY, NODE1));
        String before = cib.text();

        assertEquals(false, ok(cluster.acquireLease(Strategy.STANDBY, NODE2)));
        assertEquals(false, ok(cluster.acquireLease(Strategy.STANDBY, NODE1)),
                "not re-entrant: the holder must release first");

        assertEquals(before, cib.text(), "a refused acquire writes nothing");
        assertEquals(Optional.of(NODE1), leaseSeen(Strategy.STANDBY));
    }

    @Test
    void compareAndDeleteOfAnotherValueLeavesTheLease() {
        open();
        ok(cluster.acquireLease(Strategy.STANDBY, NODE1));
        String before = cib.text();

        ok(cluster.deleteLease(Strategy.STANDBY, NODE2));
        ok(cluster.deleteLease(Strategy.STANDBY, new PullLease("node1", T.plusSeconds(1))));
        ok(cluster.deleteLease(Strategy.STANDBY, new PullLease("NODE1", T)));

        assertEquals(before, cib.text(), "other holder, other expiry, other case: untouched");
        assertEquals(Optional.of(NODE1), leaseSeen(Strategy.STANDBY));
    }

    @Test
    void compareAndDeleteOfTheReadValueFreesItAndSaysIdle() {
        open();
        ok(cluster.acquireLease(Strategy.STANDBY, NODE1));
        PullLease read = leaseSeen(Strategy.STANDBY).orElseThrow();
        tools.clear();

        assertEquals(true, ok(cluster.deleteLease(Strategy.STANDBY, read)));

        assertEquals(List.of("cibadmin"), tools.tools());
        assertEquals(Optional.empty(), leaseSeen(Strategy.STANDBY));
        assertEquals("IDLE", cib.pythonRead(Optional.empty(), "azure-events_globalPullState"));
        assertEquals(true, ok(cluster.acquireLease(Strategy.STANDBY, NODE2)), "free again");
        assertEquals(Optional.of(NODE2), leaseSeen(Strategy.STANDBY));
    }

    @Test
    void anExpiryRewrittenByHandReadsExpiredAndIsFreedByItsHolderAlone() {
        open();
        ok(cluster.acquireLease(Strategy.STANDBY, NODE1));
        // The same instant, written otherwise than Instant.toString() would.
        cib.run("cibadmin", "--modify", "--scope", "crm_config", "--xml-text",
                "<cluster_property_set id=\"azure-events-pull-lease\"><nvpair"
                        + " id=\"azure-events-pull-lease-expiry\""
                        + " value=\"2026-11-25T02:00:00.000Z\"/></cluster_property_set>");
        PullLease read = leaseSeen(Strategy.STANDBY).orElseThrow();
        assertEquals(new PullLease("node1", Instant.EPOCH), read, "non-canonical: expired");

        assertEquals(true, ok(cluster.deleteLease(Strategy.STANDBY, read)),
                "a damaged lease is matched on its holder and freed");
        assertEquals(Optional.empty(), leaseSeen(Strategy.STANDBY));
    }

    @Test
    void deletingALeaseSomeoneElseAlreadyReleasedReportsItGone() {
        open();
        ok(cluster.acquireLease(Strategy.STANDBY, NODE1));
        ok(cluster.deleteLease(Strategy.STANDBY, NODE1));

        assertEquals(true, ok(cluster.deleteLease(Strategy.STANDBY, NODE1)));
    }

    @Test
    void aLeaseWithADamagedExpiryReadsAsExpiredAndCanBeBroken() {
        open();
        cib.run("cibadmin", "--create", "--scope", "crm_config", "--xml-text",
                "<cluster_property_set id=\"azure-events-pull-lease\">"
                        + "<nvpair id=\"azure-events-pull-lease-holder\""
                        + " name=\"azure-events_pullLeaseHolder\" value=\"node3\"/>"
                        + "<nvpair id=\"azure-events-pull-lease-expiry\""
                        + " name=\"azure-events_pullLeaseExpiry\" value=\"tomorrow\"/>"
                        + "</cluster_property_set>");

        PullLease read = leaseSeen(Strategy.STANDBY).orElseThrow();
        assertEquals(new PullLease("node3", Instant.EPOCH), read);
        assertTrue(read.expiredAt(T));
        assertEquals(true, ok(cluster.deleteLease(Strategy.STANDBY, read)));
        assertEquals(Optional.empty(), leaseSeen(Strategy.STANDBY));
    }

    @Test
    void aHolderWithQuotesIsMatchedExactly() {
        open();
        PullLease odd = new PullLease("it's \"odd\"", T);
        ok(cluster.acquireLease(Strategy.STANDBY, odd));

        assertEquals(Optional.of(odd), leaseSeen(Strategy.STANDBY));
        assertEquals(true, ok(cluster.deleteLease(Strategy.STANDBY, odd)));
        assertEquals(Optional.empty(), leaseSeen(Strategy.STANDBY));
    }

    @Test
    void aHolderPacemakerCannotStoreIsRefusedWithNothingWritten() {
        open();
        String before = cib.text();

        CibResult<Boolean> result = cluster.acquireLease(Strategy.STANDBY,
                new PullLease("node\n1", T));

        assertInstanceOf(CibResult.Failed.class, result);
        assertEquals(List.of(), tools.started());
        assertEquals(before, cib.text());
    }

    @Test
    void aLeaseLeftByAKilledHolderIsBrokenByAPeerThatSawItUnchangedForItsLength() {
        open();
        java.time.Duration length = java.time.Duration.ofSeconds(60);
        dev.azevents.engine.PullLock lock = new dev.azevents.engine.PullLock(length);
        // node1 takes the lease and is killed before releasing it.
        ok(cluster.acquireLease(Strategy.STANDBY, new PullLease("node1", T.plus(length))));

        PullLease read = leaseSeen(Strategy.STANDBY).orElseThrow();
        assertInstanceOf(dev.azevents.engine.PullLock.LeaseStep.Wait.class,
                lock.next(Optional.of(read), T, "node2", T.plusSeconds(59)), "still valid: wait");
        dev.azevents.engine.PullLock.LeaseStep step = lock.next(Optional.of(read), T, "node2",
                T.plusSeconds(61));
        var breakIt = assertInstanceOf(dev.azevents.engine.PullLock.LeaseStep.BreakStale.class,
                step);

        assertEquals(true, ok(cluster.deleteLease(Strategy.STANDBY, breakIt.stale())));
        assertEquals(true, ok(cluster.acquireLease(Strategy.STANDBY, breakIt.lease())));
        assertEquals(Optional.of(breakIt.lease()), leaseSeen(Strategy.STANDBY));
        assertEquals("node2", breakIt.lease().holder());
    }

    @Test
    void twoPeersBreakingTheSameStaleLeaseLeaveOneHolder() {
        open();
        PullLease stale = new PullLease("node1", T);
        ok(cluster.acquireLease(Strategy.STANDBY, stale));
        PullLease node2 = new PullLease("node2", T.plusSeconds(120));
        PullLease node3 = new PullLease("node3", T.plusSeconds(121));

        // Both read the same stale lease; node2 breaks it and takes it first.
        assertEquals(true, ok(cluster.deleteLease(Strategy.STANDBY, stale)));
        assertEquals(true, ok(cluster.acquireLease(Strategy.STANDBY, node2)));
        // node3's compare-and-delete of the stale value must not remove node2's lease; it
        // reports the stale one gone, and node3's acquire then fails.
        assertEquals(true, ok(cluster.deleteLease(Strategy.STANDBY, stale)));
        assertEquals(false, ok(cluster.acquireLease(Strategy.STANDBY, node3)));

        assertEquals(Optional.of(node2), leaseSeen(Strategy.STANDBY));
    }
}
