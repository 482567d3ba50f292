package dev.azevents.ocf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.azevents.imds.EventType;
import dev.azevents.sim.EventSpec;
import dev.azevents.sim.FaultSpec;
import dev.azevents.sim.ImdsSimulator;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The standby agent end to end on node1 of a 2-node CIB file, with the IMDS simulator: an idle
 * pass writes nothing, and bad input from IMDS is logged, never a crash, never a write, never a
 * resource failure.
 */
class AgentOnCibFileTest {

    static final String FIXTURE = "/dev/azevents/cli/training-cib.xml";

    @TempDir
    Path dir;
    ImdsSimulator sim;
    CibFileAgent node1;

    @BeforeEach
    void startSimulatorAndAgent() throws Exception {
        sim = ImdsSimulator.builder().vm("vm1").vm("vm2").log(line -> { }).build();
        sim.start();
        node1 = new CibFileAgent(dir, getClass(), FIXTURE, "node1",
                sim.metadataUrl("vm1").toString());
        assertEquals(OcfExit.SUCCESS, node1.run("azure-events", "start"));
        assertEquals(OcfExit.SUCCESS, node1.run("azure-events", "monitor"), node1.stderr);
    }

    @AfterEach
    void stopSimulator() {
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void firstPassRecordsTheIdentityThenAnIdlePassChangesNothingInTheCib() throws Exception {
        assertTrue(node1.query().contains("name=\"hostName_vm1\" value=\"node1\""));
        String before = node1.version();

        assertEquals(OcfExit.SUCCESS, node1.run("azure-events", "monitor"));

        assertEquals(before, node1.version(), "no CIB change on an idle pass");
        assertEquals("", node1.stderr);
    }

    @Test
    void imdsAnswering500ChangesNothingAndIsNotAFailure() throws Exception {
        String before = node1.version();
        sim.fault("vm1", new FaultSpec.FailRequests(500, 10));

        assertEquals(OcfExit.SUCCESS, node1.run("azure-events", "monitor"));

        assertEquals(before, node1.version());
        assertTrue(node1.stderr.contains("IMDS answered HTTP 500"), node1.stderr);
        assertEquals(List.of(), node1.exitReasons());
    }

    @Test
    void malformedTruncatedOrHugeDocumentsChangeNothing() throws Exception {
        String before = node1.version();
        for (FaultSpec fault : List.of(new FaultSpec.MalformedBody(),
                new FaultSpec.TruncatedBody(),
                new FaultSpec.HugeBody(FaultSpec.DEFAULT_HUGE_BYTES))) {
            sim.fault("vm1", fault);

            assertEquals(OcfExit.SUCCESS, node1.run("azure-events", "monitor"), fault.toString());
            assertTrue(node1.stderr.contains("WARN: pass failed"), node1.stderr);
        }
        assertEquals(before, node1.version());
    }

    @Test
    void imdsDownForOutagePassesIsReportedOnceAsDegradedNothingWritten() throws Exception {
        node1.env.put("OCF_RESKEY_outage_passes", "2");
        String before = node1.version();
        sim.close();

        OcfExit first = node1.run("azure-events", "monitor");
        OcfExit second = node1.run("azure-events", "monitor");
        String reasons = String.join("", node1.exitReasons());
        OcfExit third = node1.run("azure-events", "monitor");

        assertEquals(List.of(OcfExit.SUCCESS, OcfExit.DEGRADED, OcfExit.SUCCESS),
                List.of(first, second, third));
        assertTrue(reasons.startsWith("ocf-exit-reason:2 monitor passes in a row failed, Azure"
                + " events are not being handled on this node (services are not moved): IMDS"
                + " unreachable at"), reasons);
        assertEquals(before, node1.version());
        sim = null;
    }

    @Test
    void eventIdsPacemakerCannotStoreFaithfullyAreSetAsideNothingRecordedNothingApproved()
            throws Exception {
        String before = node1.version();
        for (String id : List.of("ev1,ev2", "ev1\nINFO: forged")) {
            sim.schedule(EventSpec.of(EventType.REBOOT, "vm1").withEventId(id));

            assertEquals(OcfExit.SUCCESS, node1.run("azure-events", "monitor"), node1.stderr);

            assertEquals(List.of(), pendingIds("node1"), id);
            assertTrue(node1.stderr.contains("ignored: its id cannot be recorded in the CIB"),
                    node1.stderr);
            assertTrue(node1.stderr.lines().allMatch(l -> l.startsWith("azure-events(")),
                    "one log line per message: " + node1.stderr);
        }
        assertTrue(sim.requests().stream().noneMatch(r -> r.method().equals("POST")));
        assertEquals(before, node1.version(), "not even a lease: no CIB change at all");
    }

    @Test
    void eventIdWithQuotesAngleBracketsSpacesAndShellCharactersIsRecordedExactly()
            throws Exception {
        String hostile = "ev\"1'<x>&y z;$(reboot)`id`|rm -rf /";
        sim.schedule(EventSpec.of(EventType.REBOOT, "vm1").withEventId(hostile));

        assertEquals(OcfExit.SUCCESS, node1.run("azure-events", "monitor"), node1.stderr);

        assertEquals(List.of(hostile), pendingIds("node1"));
        assertTrue(node1.stderr.contains(hostile), node1.stderr);
        assertTrue(sim.requests().stream().noneMatch(r -> r.method().equals("POST")),
                "draining starts with STOPPING; approval waits for a later pass");
    }

    @Test
    void vmNameAzureWouldNeverGiveIsRefusedNeverCachedNeverWrittenAndReportedOnce()
            throws Exception {
        String hostile = "vm1\"/><nvpair name=\"standby\" value=\"on\"/>;$(reboot)";
        try (ImdsSimulator lying = ImdsSimulator.builder().vm(hostile).log(l -> { }).build()) {
            lying.start();
            CibFileAgent node2 = new CibFileAgent(dir, getClass(), FIXTURE, "node2",
                    lying.metadataUrl(hostile).toString());
            node2.env.put("OCF_RESKEY_outage_passes", "2");
            assertEquals(OcfExit.SUCCESS, node2.run("azure-events", "start"));
            String before = node2.query();

            OcfExit first = node2.run("azure-events", "monitor");
            OcfExit second = node2.run("azure-events", "monitor");

            assertEquals(List.of(OcfExit.SUCCESS, OcfExit.DEGRADED), List.of(first, second));
            assertEquals(1, node2.exitReasons().size(), node2.stderr);
            assertFalse(node2.query().contains("reboot"), "nothing of it written");
            assertFalse(node2.query().contains("name=\"standby\""));
            assertEquals(before, node2.query(), "no lease taken, nothing written");
            assertTrue(node2.exitReasons().get(0).contains("compute.name is not an Azure VM"
                    + " name"), node2.stderr);
            assertFalse(Files.readString(Path.of(node2.env.get("HA_RSCTMP"),
                    "azevents-rsc_azure-events.state")).contains("reboot"), "never cached");
        }
    }

    /** {@code azure-events_pendingEventIDs} of a node, split as the agents split it. */
    private List<String> pendingIds(String node) throws Exception {
        Document cib = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(node1.query())));
        NodeList pairs = cib.getElementsByTagName("nvpair");
        for (int i = 0; i < pairs.getLength(); i++) {
            Element nv = (Element) pairs.item(i);
            if (nv.getAttribute("name").equals("azure-events_pendingEventIDs")) {
                return List.of(nv.getAttribute("value").split(","));
            }
        }
        return List.of();
    }
}
