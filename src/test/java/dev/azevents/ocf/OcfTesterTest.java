package dev.azevents.ocf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.azevents.sim.ImdsSimulator;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Pacemaker's {@code ocf-tester} on both wrapper scripts ({@code ocf/azure-events*}), run as
 * Pacemaker would run them, against the IMDS simulator and a CIB file configured for each
 * strategy. The wrappers run the classes of this build ({@code AZEVENTS_CLASSPATH}).
 */
class OcfTesterTest {

    static final Path OCF_TESTER = Path.of("/usr/sbin/ocf-tester");
    /** ocf-tester runs about 20 actions, each a JVM start and at most one pass. */
    static final long TIMEOUT_S = 300;

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"azure-events, /dev/azevents/cli/training-cib.xml, rsc_azure-events",
        "azure-events-az, health-cluster.xml, rsc_azure-events-az"})
    void passesAllTests(String agent, String fixture, String resource) throws Exception {
        assumeTrue(Files.isExecutable(OCF_TESTER) && Files.isExecutable(CibFileAgent.CIBADMIN),
                "ocf-tester or cibadmin absent: install resource-agents and pacemaker-cli-utils");
        Path cib = dir.resolve("cib.xml");
        try (InputStream in = getClass().getResourceAsStream(fixture)) {
            Files.copy(in, cib);
        }
        try (ImdsSimulator sim = ImdsSimulator.builder().vm("vm1").log(l -> { }).build()) {
            sim.start();
            ProcessBuilder pb = new ProcessBuilder(OCF_TESTER.toString(), "-n", resource,
                    "-o", "imds_url=" + sim.metadataUrl("vm1"), "-o", "retry_count=0",
                    Path.of("ocf", agent).toAbsolutePath().toString())
                    .redirectErrorStream(true);
            pb.environment().put("CIB_file", cib.toString());
            pb.environment().put("HA_RSCTMP", dir.resolve("rsctmp").toString());
            pb.environment().put("OCF_RESKEY_CRM_meta_on_node", "node1");
            pb.environment().put("AZEVENTS_CLASSPATH", System.getProperty("java.class.path"));
            Process tester = pb.start();
            String said = new String(tester.getInputStream().readAllBytes(),
                    StandardCharsets.UTF_8);
            assertTrue(tester.waitFor(TIMEOUT_S, TimeUnit.SECONDS), said);

            assertEquals(0, tester.exitValue(), said);
            assertTrue(said.contains("passed all tests"), said);
            List<String> posts = sim.requests().stream().map(r -> r.method())
                    .filter("POST"::equals).toList();
            assertEquals(List.of(), posts, "no event, nothing approved");
        }
    }
}
