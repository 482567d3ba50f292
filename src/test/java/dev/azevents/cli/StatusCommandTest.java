package dev.azevents.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.azevents.imds.EventType;
import dev.azevents.sim.EventSpec;
import dev.azevents.sim.ImdsSimulator;
import dev.azevents.testing.CibFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code azevents status} on CIB files with the IMDS simulator: it finds the configured resource
 * and its parameters, says per node what it waits for, and writes nothing.
 */
class StatusCommandTest {

    @TempDir
    Path dir;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int status(Map<String, String> env, String outputAs, String... options) {
        StatusCommand command = new StatusCommand();
        command.outputAs = outputAs;
        for (int i = 0; i + 1 < options.length; i += 2) {
            switch (options[i]) {
                case "--agent" -> command.agent = options[i + 1];
                case "--resource" -> command.resource = options[i + 1];
                default -> throw new IllegalArgumentException(options[i]);
            }
        }
        return command.run(env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    ImdsSimulator simulator() throws IOException {
        ImdsSimulator sim = ImdsSimulator.builder().vm("vm1").vm("vm2").vm("vm3")
                .log(l -> { }).build();
        sim.start();
        return sim;
    }

    /** The configured resource points at the simulator: no OCF_RESKEY_imds_url anywhere. */
    static CibFile standbyCluster(Path dir, ImdsSimulator sim) {
        CibFile cib = CibFile.copy("story-standby.xml", dir);
        cib.run("crm_resource", "--resource", "azure-events", "--set-parameter", "imds_url",
                "--parameter-value", sim.metadataUrl("vm1").toString());
        cib.run("crm_resource", "--resource", "azure-events", "--set-parameter", "retry_count",
                "--parameter-value", "0");
        return cib;
    }

    static Map<String, String> on(CibFile cib, String node) {
        return Map.of("CIB_file", cib.path().toString(), "OCF_RESKEY_CRM_meta_on_node", node);
    }

    @Test
    void showsTheEventItsDeadlineAndThePlanAndWritesNothing() throws Exception {
        CibFile.assumeTools();
        Path cib = dir.resolve("cib.xml");
        try (InputStream in = getClass().getResourceAsStream("training-cib.xml")) {
            Files.copy(in, cib);
        }
        byte[] before = Files.readAllBytes(cib);
        try (ImdsSimulator sim = simulator()) {
            sim.schedule(EventSpec.of(EventType.REBOOT, "vm2").withEventId("ev-42")
                    .withNotBeforeSeconds(900));
            Map<String, String> env = Map.of("CIB_file", cib.toString(),
                    "OCF_RESKEY_CRM_meta_on_node", "node1",
                    "OCF_RESKEY_imds_url", sim.metadataUrl("vm1").toString(),
                    "OCF_RESKEY_retry_count", "0");

            assertEquals(0, status(env, "text", "--agent", "azure-events"),
                    err.toString(StandardCharsets.UTF_8));

            String text = printed();
            assertTrue(text.startsWith("Agent: azure-events, not configured in the CIB: default"
                    + " parameters; overridden: imds_url, retry_count\n"
                    + "Seen from: node1 (VM vm1)"), text);
            assertTrue(text.contains("ev-42  Reboot Scheduled"), text);
            assertTrue(text.contains("VMs [vm2]"), text);
            assertTrue(text.contains("(in 14m"), text);
            assertTrue(text.contains("Pull lease: free"), text);
            assertTrue(text.contains("record azName vm1 for node1"), text);
            assertTrue(sim.requests().stream().noneMatch(r -> r.method().equals("POST")));
        }
        assertEquals(new String(before, StandardCharsets.UTF_8),
                Files.readString(cib), "status writes nothing");
    }

    @Test
    void parametersComeFromTheConfiguredResourceNotFromDefaults() throws Exception {
        try (ImdsSimulator sim = simulator()) {
            CibFile cib = standbyCluster(dir, sim);

            assertEquals(0, status(on(cib, "node1"), "text"),
                    err.toString(StandardCharsets.UTF_8));

            assertTrue(printed().startsWith("Agent: azure-events (ocf:azevents:azure-events),"
                    + " parameters from the CIB\n"), printed());
            assertTrue(sim.requests().stream().anyMatch(r -> r.path().contains(
                    "scheduledevents")), "the events were read from the CIB's imds_url");
        }
    }

    @Test
    void aStoppingNodeSaysWhichResourceItWaitsForAndWhenItsEventMayStart() throws Exception {
        try (ImdsSimulator sim = simulator()) {
            CibFile cib = standbyCluster(dir, sim);
            sim.schedule(EventSpec.of(EventType.REBOOT, "vm2").withEventId("9A2F6C1B-ev")
                    .withEventSource("Platform").withDurationSeconds(300)
                    .withNotBeforeSeconds(1000));
            cib.run("crm_attribute", "--node", "node2", "--name", "azName", "--update", "vm2");
            cib.run("crm_attribute", "--node", "node2", "--name", "azure-events_curNodeState",
                    "--update", "STOPPING");
            cib.run("crm_attribute", "--node", "node2", "--name",
                    "azure-events_pendingEventIDs", "--update", "9A2F6C1B-ev");
            List<Long> version = cib.version();

            assertEquals(0, status(on(cib, "node1"), "text"),
                    err.toString(StandardCharsets.UTF_8));

            String text = printed();
            assertTrue(text.contains("  * node2: STOPPING  online  VM vm2\n"
                    + "      drain: none; resources: dummy2 (running); recorded events"
                    + " [9A2F6C1B-ev]\n"
                    + "      event 9A2F6C1B-ev  Reboot Scheduled (Platform)  VMs [vm2] = nodes"
                    + " [node2]  NotBefore "), text);
            assertTrue(text.contains("      STOPPING: waiting for dummy2 to stop on node2; event"
                    + " 9A2F6C1B... (Reboot, Platform) may start at "), text);
            assertTrue(text.matches("(?s).*may start at \\d\\d:\\d\\d:\\d\\d UTC, in 1[56]m"
                    + " \\d+s\n.*"), text);
            assertEquals(version, cib.version(), "status writes nothing");
        }
    }

    @Test
    void twoConfiguredAgentsAreNotGuessedBetween() throws Exception {
        try (ImdsSimulator sim = simulator()) {
            CibFile cib = standbyCluster(dir, sim);
            cib.run("cibadmin", "--create", "--scope", "resources", "--xml-text",
                    "<primitive id=\"old-agent\" class=\"ocf\" provider=\"heartbeat\""
                    + " type=\"azure-events-az\"/>");

            assertEquals(2, status(on(cib, "node1"), "text"));

            assertEquals("status: 2 agent resources are configured (azure-events"
                    + " (ocf:azevents:azure-events), old-agent (ocf:heartbeat:azure-events-az));"
                    + " say which one to show with --resource azure-events\n",
                    err.toString(StandardCharsets.UTF_8));
            assertEquals("", printed());
        }
    }

    @Test
    void resourceOptionPicksOneOfSeveral() throws Exception {
        try (ImdsSimulator sim = simulator()) {
            CibFile cib = standbyCluster(dir, sim);
            cib.run("cibadmin", "--create", "--scope", "resources", "--xml-text",
                    "<primitive id=\"old-agent\" class=\"ocf\" provider=\"heartbeat\""
                    + " type=\"azure-events-az\"/>");

            assertEquals(0, status(on(cib, "node1"), "text", "--resource", "azure-events"),
                    err.toString(StandardCharsets.UTF_8));
            assertTrue(printed().startsWith("Agent: azure-events (ocf:azevents:azure-events)"),
                    printed());
        }
    }

    @Test
    void noConfiguredAgentAsksForOne() throws Exception {
        CibFile cib = CibFile.copy("three-nodes.xml", dir);
        Map<String, String> env = new HashMap<>(on(cib, "node1"));
        cib.run("cibadmin", "--delete", "--xpath", "//clone[primitive[starts-with(@type,"
                + "'azure-events')]]");

        assertEquals(2, status(env, "text"));

        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no azure-events or"
                + " azure-events-az resource is configured in the CIB; name the agent with"
                + " --agent"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void xmlValidatesAgainstTheShippedSchema() throws Exception {
        try (ImdsSimulator sim = simulator()) {
            CibFile cib = standbyCluster(dir, sim);
            sim.schedule(EventSpec.of(EventType.REDEPLOY, "vm2").withEventSource("User")
                    .withDurationSeconds(-1).withNotBeforeSeconds(600));
            cib.run("crm_attribute", "--node", "node2", "--name", "azure-events_curNodeState",
                    "--update", "ON_HOLD");

            assertEquals(0, status(on(cib, "node1"), "xml"),
                    err.toString(StandardCharsets.UTF_8));

            assertTrue(printed().contains("waiting-for=\"ON_HOLD: not drained"), printed());
            assertValid(printed());
        }
    }

    @Test
    void unreachableImdsIsExitCodeOneWithTheReasonInTheOutput() throws Exception {
        CibFile cib = CibFile.copy("story-standby.xml", dir);
        Map<String, String> env = Map.of("CIB_file", cib.path().toString(),
                "OCF_RESKEY_CRM_meta_on_node", "node1",
                "OCF_RESKEY_imds_url", "http://127.0.0.1:9/metadata",
                "OCF_RESKEY_retry_count", "0");

        assertEquals(1, status(env, "json"));
        assertTrue(printed().contains("\"problem\" : \"IMDS"), printed());
        out.reset();
        assertEquals(1, status(env, "xml"));
        assertValid(printed());
    }

    @Test
    void badOutputFormatIsUsageError() {
        assertEquals(2, status(Map.of(), "yaml"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("text, xml or json"));
    }

    void assertValid(String xml) throws Exception {
        RelaxNg.assertValid(xml, dir);
    }
}
