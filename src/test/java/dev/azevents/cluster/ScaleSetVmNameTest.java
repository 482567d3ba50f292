package dev.azevents.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.azevents.engine.Action;
import dev.azevents.engine.ClusterSnapshot;
import dev.azevents.engine.NodeIdentity;
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
 * VM names longer than 64 characters (issue 10, item 17): a Flexible scale-set instance is
 * {@code <scale set, up to 64>_<8 characters>}. Recorded and read back with the real tools.
 */
class ScaleSetVmNameTest {

    @TempDir
    Path dir;

    @Test
    void aFlexibleScaleSetInstanceNameIsRecordedAndReadBack() {
        String vm = "p".repeat(64) + "_1a2b3c4d";
        assertEquals(73, vm.length());
        CibFile cib = CibFile.copy("three-nodes.xml", dir);
        PacemakerCluster cluster = new PacemakerCluster(new RecordingToolRunner(cib.tools()),
                Map.of());

        CibResult<Void> result = cluster.apply(Strategy.STANDBY, List.of(
                new Action.RecordIdentity("node1", vm, "test")));

        assertInstanceOf(CibResult.Ok.class, result, result.toString());
        ClusterSnapshot s = ((CibResult.Ok<ClusterSnapshot>) cluster.snapshot(Strategy.STANDBY))
                .value();
        assertEquals(Optional.of(vm), s.node("node1").orElseThrow().record().azName());
        assertEquals("node1", s.hostNames().get(vm));
        assertEquals("node1", cib.pythonRead(Optional.empty(), "hostName_" + vm),
                "the Python agent reads the same property");
    }

    @Test
    void theNameRuleAcceptsWhatAzureAllowsAndNothingElse() {
        assertTrue(NodeIdentity.isVmName("p".repeat(64) + "_1a2b3c4d"));
        assertTrue(NodeIdentity.isVmName("aks-spottest-41185300-vmss_2"));
        assertTrue(NodeIdentity.isVmName("x".repeat(NodeIdentity.MAX_VM_NAME)));
        assertTrue(!NodeIdentity.isVmName("x".repeat(NodeIdentity.MAX_VM_NAME + 1)));
        for (String bad : new String[] {"", "vm;reboot", "vm 1", "vm/1", "vm\n1", "vm\u00e91",
                "vm:1", "\u0661", "vm$(id)", "vm@1", "vm\u00001"}) {
            assertTrue(!NodeIdentity.isVmName(bad), bad);
        }
    }
}
