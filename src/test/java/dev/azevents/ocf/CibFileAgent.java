package dev.azevents.ocf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agent run in-process with its real edges (IMDS client, Pacemaker adapter, engine) against
 * a CIB file read and written by Pacemaker's own tools, as node {@code node}. Records what each
 * action printed.
 */
final class CibFileAgent {

    static final Path CIBADMIN = Path.of("/usr/sbin/cibadmin");
    private static final Pattern EPOCH = Pattern.compile(
            "epoch=\"(\\d+)\" num_updates=\"(\\d+)\"");

    final Path cib;
    final Map<String, String> env = new HashMap<>();
    String stdout = "";
    String stderr = "";

    /** @param fixture a CIB on the class path (relative to {@code anchor}) */
    CibFileAgent(Path dir, Class<?> anchor, String fixture, String node, String metadataUrl)
            throws IOException {
        assumeTrue(Files.isExecutable(CIBADMIN),
                "Pacemaker's tools absent: install pacemaker-cli-utils to run the agent on CIBs");
        cib = dir.resolve("cib.xml");
        if (!Files.exists(cib)) {
            try (InputStream in = anchor.getResourceAsStream(fixture)) {
                Files.copy(in, cib);
            }
        }
        env.put("CIB_file", cib.toString());
        env.put("HA_RSCTMP", dir.resolve("rsctmp-" + node).toString());
        env.put("OCF_RESOURCE_INSTANCE", "rsc_azure-events");
        env.put("OCF_RESKEY_CRM_meta_on_node", node);
        env.put("OCF_RESKEY_CRM_meta_interval", "10000");
        env.put("OCF_RESKEY_CRM_meta_timeout", "60000");
        env.put("OCF_RESKEY_imds_url", metadataUrl);
        env.put("OCF_RESKEY_retry_count", "0");
        env.put("OCF_RESKEY_request_timeout", "2");
        env.put("OCF_RA_VERSION_MAJOR", "1");
        env.put("OCF_RA_VERSION_MINOR", "1");
    }

    OcfExit run(String agent, String action) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        OcfExit exit = AgentMain.run(new String[] {agent, action}, env,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        stdout = out.toString(StandardCharsets.UTF_8);
        stderr = err.toString(StandardCharsets.UTF_8);
        return exit;
    }

    List<String> exitReasons() {
        return stderr.lines().filter(l -> l.startsWith("ocf-exit-reason:")).toList();
    }

    /** {@code epoch.num_updates}: any CIB change moves it. */
    String version() throws Exception {
        Matcher m = EPOCH.matcher(query());
        assertTrue(m.find());
        return m.group(1) + "." + m.group(2);
    }

    String query() throws Exception {
        return tool("cibadmin", "--query");
    }

    String tool(String... argv) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(List.of(argv)))
                .redirectErrorStream(true);
        pb.environment().put("CIB_file", cib.toString());
        Process p = pb.start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), String.join(" ", argv) + ": " + said);
        return said;
    }
}
