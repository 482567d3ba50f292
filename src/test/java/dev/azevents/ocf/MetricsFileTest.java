package dev.azevents.ocf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.azevents.engine.Strategy;
import dev.azevents.imds.EventType;
import dev.azevents.sim.EventSpec;
import dev.azevents.sim.ImdsSimulator;
import dev.azevents.sim.SimSettings;
import dev.azevents.testing.CibFile;
import dev.azevents.testing.PrometheusParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code metrics_file}: the real agent on a CIB file with the IMDS simulator rewrites a
 * Prometheus text file after each pass, parsed strictly here; counters survive from pass to
 * pass (each pass is a process), and only node, strategy and type are labels.
 */
class MetricsFileTest {

    static final Strategy S = Strategy.STANDBY;

    @TempDir
    Path dir;
    CibFile cib;
    ImdsSimulator imds;
    String said = "";
    Map<String, String> extra = new TreeMap<>();

    @BeforeEach
    void cluster() throws IOException {
        cib = CibFile.copy("story-standby.xml", dir);
        imds = ImdsSimulator.builder().vm("vm1").vm("vm2").vm("vm3")
                .settings(SimSettings.defaults().withRequestsPerSecond(0))
                .log(line -> { }).build();
        imds.start();
    }

    @AfterEach
    void closeSimulator() {
        imds.close();
    }

    Path metrics(String node) {
        return dir.resolve(node + ".prom");
    }

    OcfExit agent(String node, String action) throws IOException {
        String vm = "vm" + node.substring("node".length());
        Map<String, String> env = new TreeMap<>(System.getenv());
        env.put("CIB_file", cib.path().toString());
        env.put("HA_RSCTMP", Files.createDirectories(dir.resolve("rsctmp-" + node)).toString());
        env.put("OCF_RESOURCE_INSTANCE", "azure-events:" + node.substring(4));
        env.put("OCF_RESKEY_CRM_meta_on_node", node);
        env.put("OCF_RESKEY_CRM_meta_interval", "10000");
        env.put("OCF_RESKEY_imds_url", imds.metadataUrl(vm).toString());
        env.put("OCF_RESKEY_retry_count", "0");
        env.put("OCF_RESKEY_metrics_file", metrics(node).toString());
        env.putAll(extra);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        OcfExit exit = new Agent(S, env, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                ProductionWiring.of(env)).run(action);
        said = err.toString(StandardCharsets.UTF_8);
        return exit;
    }

    PrometheusParser monitor(String node) throws IOException {
        assertEquals(OcfExit.SUCCESS, agent(node, "monitor"), said);
        return PrometheusParser.parse(Files.readString(metrics(node)));
    }

    static double v(PrometheusParser p, String name, String node, String... more) {
        String[] labels = new String[4 + more.length];
        labels[0] = "node";
        labels[1] = node;
        labels[2] = "strategy";
        labels[3] = "standby";
        System.arraycopy(more, 0, labels, 4, more.length);
        return p.value(name, labels);
    }

    @Test
    void aDrainAnApprovalAndAnOutageShowInTheFilesAndCountersAccumulate() throws IOException {
        for (String n : List.of("node1", "node2", "node3")) {
            assertEquals(OcfExit.SUCCESS, agent(n, "start"), said);
        }
        PrometheusParser idle = monitor("node2");
        assertEquals(0, v(idle, "azevents_node_state", "node2"));
        assertEquals(0, v(idle, "azevents_pending_events", "node2", "type", "Reboot"));
        assertEquals(1, v(idle, "azevents_pass_ok", "node2"));
        assertFalse(idle.has("azevents_next_not_before_seconds"), "no event, no deadline");

        imds.schedule(EventSpec.of(EventType.REBOOT, "vm2").withNotBeforeSeconds(900));
        PrometheusParser draining = monitor("node2");
        assertEquals(1, v(draining, "azevents_node_state", "node2"), "STOPPING");
        assertEquals(1, v(draining, "azevents_node_drained", "node2"));
        assertEquals(1, v(draining, "azevents_node_drained_by_agent", "node2"));
        assertEquals(1, v(draining, "azevents_pending_events", "node2", "type", "Reboot"));
        assertEquals(0, v(draining, "azevents_pending_events", "node2", "type", "Freeze"));
        double seconds = v(draining, "azevents_next_not_before_seconds", "node2");
        assertTrue(seconds > 800 && seconds <= 900, "seconds to NotBefore: " + seconds);
        assertEquals(1, v(draining, "azevents_drains_total", "node2"));
        assertTrue(v(draining, "azevents_pass_duration_seconds", "node2") > 0);
        assertEquals("counter", draining.types().get("azevents_drains_total"));
        assertEquals(Set.of("node", "strategy", "type"), draining.labelNames(),
                "no event id, no other label");

        cib.simulateReaction();
        monitor("node1");
        PrometheusParser approved = monitor("node1");
        assertEquals(1, v(approved, "azevents_approvals_total", "node1"), said);
        assertEquals(2, v(approved, "azevents_node_state", "node2"), "IN_EVENT");
        assertEquals(0, v(approved, "azevents_drains_total", "node1"));

        imds.close();
        PrometheusParser down = monitor("node1");
        assertEquals(0, v(down, "azevents_pass_ok", "node1"));
        assertEquals(1, v(down, "azevents_imds_errors_total", "node1"));
        assertEquals(1, v(down, "azevents_approvals_total", "node1"), "kept from the last file");
        assertEquals(List.of("node1.prom", "node2.prom"), files(), "no temporary left behind");
    }

    @Test
    void observeOnlyReportsTheDrainItWouldMake() throws IOException {
        assertEquals(OcfExit.SUCCESS, agent("node2", "start"), said);
        imds.schedule(EventSpec.of(EventType.REBOOT, "vm2").withNotBeforeSeconds(900));
        extra.put("OCF_RESKEY_observe_only", "true");
        List<Long> before = cib.version();

        PrometheusParser p = monitor("node2");

        assertEquals(before, cib.version());
        assertEquals(1, v(p, "azevents_drains_total", "node2"), said);
    }

    @Test
    void aRelativePathIsRefusedByValidation() throws IOException {
        extra.put("OCF_RESKEY_metrics_file", "azevents.prom");

        assertEquals(OcfExit.ERR_CONFIGURED, agent("node1", "validate-all"));
        assertTrue(said.contains("metrics_file='azevents.prom' is not an absolute file path"),
                said);
    }

    List<String> files() throws IOException {
        try (var list = Files.list(dir)) {
            return list.map(f -> f.getFileName().toString()).filter(f -> f.contains("prom"))
                    .sorted().toList();
        }
    }
}
