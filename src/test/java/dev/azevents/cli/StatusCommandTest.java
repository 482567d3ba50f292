package dev.azevents.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.azevents.imds.EventType;
import dev.azevents.sim.EventSpec;
import dev.azevents.sim.ImdsSimulator;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code azevents status} on a CIB file with the IMDS simulator: it shows, and writes nothing. */
class StatusCommandTest {

    @TempDir
    Path dir;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int status(Map<String, String> env, String outputAs) {
        StatusCommand command = new StatusCommand();
        command.agent = "azure-events";
        command.outputAs = outputAs;
        return command.run(env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void showsTheEventItsDeadlineAndThePlanAndWritesNothing() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/cibadmin")),
                "Pacemaker's tools absent: install pacemaker-cli-utils");
        Path cib = dir.resolve("cib.xml");
        try (InputStream in = getClass().getResourceAsStream("training-cib.xml")) {
            Files.copy(in, cib);
        }
        byte[] before = Files.readAllBytes(cib);
        try (ImdsSimulator sim = ImdsSimulator.builder().vm("vm1").vm("vm2").log(l -> { })
                .build()) {
            sim.start();
            sim.schedule(EventSpec.of(EventType.REBOOT, "vm2").withEventId("ev-42")
                    .withNotBeforeSeconds(900));
            Map<String, String> env = Map.of("CIB_file", cib.toString(),
                    "OCF_RESKEY_CRM_meta_on_node", "node1",
                    "OCF_RESKEY_imds_url", sim.metadataUrl("vm1").toString(),
                    "OCF_RESKEY_retry_count", "0");

            assertEquals(0, status(env, "text"), err.toString(StandardCharsets.UTF_8));

            String text = out.toString(StandardCharsets.UTF_8);
            assertTrue(text.startsWith("azure-events on node1 (VM vm1)"), text);
            assertTrue(text.contains("ev-42  Reboot Scheduled  VMs [vm2]"), text);
            assertTrue(text.contains("(in 14m"), text);
            assertTrue(text.contains("record azName vm1 for node1"), text);
            assertTrue(sim.requests().stream().noneMatch(r -> r.method().equals("POST")));
        }
        assertEquals(new String(before, StandardCharsets.UTF_8),
                Files.readString(cib), "status writes nothing");
    }

    @Test
    void unreachableImdsIsExitCodeOneWithTheReasonInTheOutput() {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/cibadmin")),
                "Pacemaker's tools absent: install pacemaker-cli-utils");
        Map<String, String> env = Map.of("OCF_RESKEY_CRM_meta_on_node", "node1",
                "OCF_RESKEY_imds_url", "http://127.0.0.1:9/metadata",
                "OCF_RESKEY_retry_count", "0", "CIB_file", dir.resolve("none.xml").toString());

        assertEquals(1, status(env, "json"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("\"problem\" : \"IMDS"),
                out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void badOutputFormatIsUsageError() {
        assertEquals(2, status(Map.of(), "yaml"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("text, xml or json"));
    }
}
