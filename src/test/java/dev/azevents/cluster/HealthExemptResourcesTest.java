package dev.azevents.cluster;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.azevents.engine.ClusterNode;
import dev.azevents.engine.ClusterSnapshot;
import dev.azevents.engine.Strategy;
import dev.azevents.testing.CibFile;
import dev.azevents.testing.RecordingToolRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resources exempt from node health (issue 10, item 16) keep running on a drained node by design:
 * Pacemaker's own health agents, any {@code health-*} resource, any resource with
 * {@code allow-unhealthy-nodes=true}. They must not hold the drain, or no event is ever approved.
 * The CIB is {@code three-nodes.xml} (node3 drained: {@code #health-azure=-1000000}, only our
 * clone on it) with those resources added by {@code cibadmin} and placed by {@code crm_simulate}.
 */
class HealthExemptResourcesTest {

    @TempDir
    Path dir;

    private static ClusterSnapshot snapshot(CibFile cib) {
        CibResult<ClusterSnapshot> result = new PacemakerCluster(
                new RecordingToolRunner(cib.tools()), Map.of()).snapshot(Strategy.HEALTH);
        if (result instanceof CibResult.Failed<ClusterSnapshot> f) {
            throw new AssertionError("snapshot failed: " + f.describe());
        }
        return ((CibResult.Ok<ClusterSnapshot>) result).value();
    }

    private static void addResource(CibFile cib, String xml) {
        cib.run("cibadmin", "--create", "--scope", "resources", "--xml-text", xml);
    }

    /**
     * Records {@code sysinfo} as found running on node3 (a probe that returned 0), as on a cluster
     * whose location rule does not ban it there; crm_simulate without {@code --simulate} keeps it.
     */
    private static void foundRunningOnNode3(CibFile cib, Path dir, String resource)
            throws IOException {
        Path out = dir.resolve("injected.xml");
        cib.run("crm_simulate", "--xml-file", cib.path().toString(), "--op-inject",
                resource + "_monitor_0@node3=0", "--save-output", out.toString());
        Files.move(out, cib.path(), StandardCopyOption.REPLACE_EXISTING);
    }

    private static String sysinfoClone(String meta) {
        return "<clone id=\"sysinfo-clone\"><meta_attributes id=\"sysinfo-meta\">" + meta
                + "</meta_attributes><primitive id=\"sysinfo\" class=\"ocf\""
                + " provider=\"pacemaker\" type=\"SysInfo\"/></clone>";
    }

    @Test
    void pacemakersHealthAgentOnTheDrainedNodeDoesNotHoldTheDrain() {
        CibFile cib = CibFile.copy("three-nodes.xml", dir);
        // Pacemaker's own health agent as its documentation configures it: allowed on unhealthy
        // nodes, and named health-* so the README's location rule (!health-.*) spares it.
        addResource(cib, "<clone id=\"health-cpu-clone\"><meta_attributes id=\"hc-meta\">"
                + "<nvpair id=\"hc-meta-auh\" name=\"allow-unhealthy-nodes\" value=\"true\"/>"
                + "</meta_attributes><primitive id=\"health-cpu\""
                + " class=\"ocf\" provider=\"pacemaker\" type=\"HealthCPU\"/></clone>");
        cib.simulateReaction();
        assertTrue(cib.run("crm_mon", "--one-shot").matches(
                "(?s).*health-cpu-clone \\[health-cpu\\]:\\s+\\* Started: \\[ node1 node3 \\].*"),
                "the scenario needs health-cpu running on the drained node3");

        ClusterNode node3 = snapshot(cib).node("node3").orElseThrow();

        assertFalse(node3.runsResources(), "health-cpu is exempt from node health");
        assertFalse(node3.changingResources());
        assertTrue(node3.drained());
    }

    @Test
    void resourceAllowedOnUnhealthyNodesDoesNotHoldTheDrain() throws IOException {
        CibFile cib = CibFile.copy("three-nodes.xml", dir);
        addResource(cib, sysinfoClone("<nvpair id=\"sysinfo-meta-auh\""
                + " name=\"allow-unhealthy-nodes\" value=\"yes\"/>"));
        cib.simulateReaction();
        foundRunningOnNode3(cib, dir, "sysinfo");

        ClusterNode node3 = snapshot(cib).node("node3").orElseThrow();

        assertFalse(node3.runsResources(), "sysinfo has allow-unhealthy-nodes on its clone");
        assertTrue(node3.drained());
    }

    @Test
    void resourceNamedHealthDoesNotHoldTheDrain() throws IOException {
        CibFile cib = CibFile.copy("three-nodes.xml", dir);
        addResource(cib, "<primitive id=\"health-mem\" class=\"ocf\" provider=\"pacemaker\""
                + " type=\"Dummy\"/>");
        cib.simulateReaction();
        foundRunningOnNode3(cib, dir, "health-mem");

        assertFalse(snapshot(cib).node("node3").orElseThrow().runsResources(),
                "health-mem is exempt by its id, as the README's location rule exempts it");
    }

    @Test
    void anOrdinaryResourceOnTheDrainedNodeStillHoldsIt() throws IOException {
        CibFile cib = CibFile.copy("three-nodes.xml", dir);
        addResource(cib, sysinfoClone("<nvpair id=\"sysinfo-meta-other\""
                + " name=\"target-role\" value=\"Started\"/>"));
        cib.simulateReaction();
        foundRunningOnNode3(cib, dir, "sysinfo");

        ClusterNode node3 = snapshot(cib).node("node3").orElseThrow();

        assertTrue(node3.runsResources(), "sysinfo is not exempt: it belongs to the drain");
    }
}
