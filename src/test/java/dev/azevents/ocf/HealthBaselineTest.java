package dev.azevents.ocf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code start} of the health agent on node1 of the documented health set-up (a CIB file, written
 * by Pacemaker's own tools): a node without {@code #health-azure} gets 0, so a node added later
 * needs no manual step; a value already there, such as a drain's -1000000, is left alone.
 */
class HealthBaselineTest {

    static final String FIXTURE = "health-cluster.xml";

    @TempDir
    Path dir;
    CibFileAgent node1;

    @BeforeEach
    void agentOnNode1() throws Exception {
        node1 = new CibFileAgent(dir, getClass(), FIXTURE, "node1", "http://127.0.0.1:9/metadata");
        node1.env.put("OCF_RESOURCE_INSTANCE", "rsc_azure-events-az:0");
    }

    @Test
    void startGivesItsNodeHealthZeroWhenAbsentAndOnlyItsOwnNode() throws Exception {
        assertEquals(null, health("node1"));

        assertEquals(OcfExit.SUCCESS, node1.run("azure-events-az", "start"), node1.stderr);

        assertEquals("0", health("node1"));
        assertEquals(null, health("node2"), "other nodes are theirs to set");
        assertTrue(node1.stderr.contains("set #health-azure=0 on node1, which had none"),
                node1.stderr);
    }

    @Test
    void startLeavesAnExistingValueAlone() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(CibFileAgent.CIBADMIN.toString(), "--modify",
                "--scope", "nodes", "--xml-text", "<node id=\"1\" uname=\"node1\">"
                + "<instance_attributes id=\"n1-attrs\"><nvpair id=\"n1-h\""
                + " name=\"#health-azure\" value=\"-1000000\"/></instance_attributes></node>")
                .inheritIO();
        pb.environment().put("CIB_file", node1.cib.toString());
        assertEquals(0, pb.start().waitFor());
        String before = node1.version();

        assertEquals(OcfExit.SUCCESS, node1.run("azure-events-az", "start"), node1.stderr);

        assertEquals("-1000000", health("node1"));
        assertEquals(before, node1.version(), "nothing written");
        assertFalse(node1.stderr.contains("set #health-azure"), node1.stderr);
    }

    /** node's permanent {@code #health-azure}, or null. */
    private String health(String node) throws Exception {
        String cib = node1.query();
        Matcher nodeXml = Pattern.compile("<node [^>]*uname=\"" + node
                + "\"[^>]*?(/>|>(.*?)</node>)", Pattern.DOTALL).matcher(cib);
        assertTrue(nodeXml.find(), cib);
        String body = nodeXml.group(2) == null ? "" : nodeXml.group(2);
        Matcher value = Pattern.compile("name=\"#health-azure\" value=\"([^\"]*)\"").matcher(body);
        return value.find() ? value.group(1) : null;
    }
}
