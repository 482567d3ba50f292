package dev.azevents.ocf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.azevents.cluster.CibResult;
import dev.azevents.cluster.ClusterConfiguration;
import dev.azevents.engine.Strategy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code allow-unhealthy-nodes} belongs on the clone (issue 10 item 14, the originals' ClusterLabs
 * #2025). Pacemaker's scheduler, run by {@code crm_simulate} on the documented health set-up with
 * node2 unhealthy, places our clone on node2 only when the meta attribute is on the clone; on the
 * primitive it is ignored and the clone is banned from the very node it must bring back. The
 * configuration check says so, and how to fix it.
 */
class AllowUnhealthyOnCloneTest {

    static final Path CRM_SIMULATE = Path.of("/usr/sbin/crm_simulate");
    static final Pattern START =
            Pattern.compile("Start\\s+rsc_azure-events-az:\\d+\\s+\\( (\\S+) \\)");
    static final String ON_CLONE = """
            <meta_attributes id="health-azure-events-meta">
                      <nvpair id="health-azure-events-unhealthy" name="allow-unhealthy-nodes" \
            value="true"/>
                    </meta_attributes>
                    <primitive id="rsc_azure-events-az" class="ocf" provider="azevents" \
            type="azure-events-az">""";
    static final String ON_PRIMITIVE = """
            <primitive id="rsc_azure-events-az" class="ocf" provider="azevents" \
            type="azure-events-az">
                      <meta_attributes id="health-azure-events-meta">
                        <nvpair id="health-azure-events-unhealthy" name="allow-unhealthy-nodes" \
            value="true"/>
                      </meta_attributes>""";

    @TempDir
    Path dir;

    @Test
    void pacemakerKeepsTheCloneOnTheUnhealthyNodeOnlyWhenTheMetaIsOnTheClone() throws Exception {
        assumeTrue(Files.isExecutable(CRM_SIMULATE), "crm_simulate absent: install pacemaker");
        assertEquals(List.of("node1", "node2", "node3"), healthCloneNodes(cib(false)));
        assertEquals(List.of("node1", "node3"), healthCloneNodes(cib(true)),
                "on the primitive, the clone is banned from node2, the node it drains");
    }

    @Test
    void configurationCheckRefusesItOnThePrimitiveAndSaysWhereItGoes() throws Exception {
        assertEquals(List.of(), check(cib(false)).problems());

        List<String> problems = check(cib(true)).problems();

        assertEquals(List.of("meta allow-unhealthy-nodes=true is on the primitive"
                + " 'rsc_azure-events-az', where Pacemaker ignores it: put it on the clone"
                + " 'health-azure-events' (crm_resource --resource health-azure-events --meta"
                + " --set-parameter allow-unhealthy-nodes --parameter-value true), else the clone"
                + " stops on the node it drains and the node never comes back"), problems);
    }

    /** The documented health set-up, node2 unhealthy, the meta attribute where asked. */
    private Path cib(boolean onPrimitive) throws IOException {
        String xml;
        try (InputStream in = getClass().getResourceAsStream("health-cluster.xml")) {
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String moved = onPrimitive ? xml.replace(ON_CLONE.strip(), ON_PRIMITIVE.strip()) : xml;
        assertNotEquals(onPrimitive, moved.equals(xml), "fixture changed: update ON_CLONE");
        for (int n = 1; n <= 3; n++) {
            String score = n == 2 ? "-1000000" : "0";
            moved = moved.replace("<node id=\"" + n + "\" uname=\"node" + n + "\"/>",
                    "<node id=\"" + n + "\" uname=\"node" + n + "\"><instance_attributes id=\"n"
                    + n + "\"><nvpair id=\"n" + n + "h\" name=\"#health-azure\" value=\"" + score
                    + "\"/></instance_attributes></node>");
        }
        moved = moved.replace("<nvpair id=\"opt-stonith\"", "<nvpair id=\"opt-nq\""
                + " name=\"no-quorum-policy\" value=\"ignore\"/><nvpair id=\"opt-stonith\"");
        Path file = dir.resolve(onPrimitive ? "on-primitive.xml" : "on-clone.xml");
        Files.writeString(file, moved);
        return file;
    }

    private static List<String> healthCloneNodes(Path cib) throws Exception {
        Process p = new ProcessBuilder(CRM_SIMULATE.toString(), "--xml-file", cib.toString(),
                "--node-up", "node1", "--node-up", "node2", "--node-up", "node3", "--simulate")
                .redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), said);
        assertEquals(0, p.exitValue(), said);
        assertTrue(said.contains("Node node2: online (health is RED)"), said);
        TreeSet<String> nodes = new TreeSet<>();
        Matcher m = START.matcher(said);
        while (m.find()) {
            nodes.add(m.group(1));
        }
        return List.copyOf(nodes);
    }

    private static ConfigurationCheck.Report check(Path cib) throws IOException {
        CibResult<ClusterConfiguration> read = ClusterConfiguration.parse(Files.readString(cib));
        ClusterConfiguration config = ((CibResult.Ok<ClusterConfiguration>) read).value();
        return ConfigurationCheck.check(Strategy.HEALTH, config,
                Optional.of("rsc_azure-events-az"));
    }
}
