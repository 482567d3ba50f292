package dev.azevents.ocf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.azevents.engine.Strategy;
import dev.azevents.imds.EventType;
import dev.azevents.sim.EventSpec;
import dev.azevents.sim.ImdsSimulator;
import dev.azevents.sim.SimEvent;
import dev.azevents.sim.SimSettings;
import dev.azevents.testing.CibFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code observe_only=true}: the real agent on a CIB file with the IMDS simulator decides as it
 * would act and says so, but the CIB's version never moves and the simulator records no POST.
 * The same pass without the parameter acts: the difference is the decorators, nothing else.
 */
class ObserveOnlyTest {

    static final Strategy S = Strategy.STANDBY;

    @TempDir
    Path dir;
    CibFile cib;
    ImdsSimulator imds;
    String said = "";

    @AfterEach
    void closeSimulator() {
        if (imds != null) {
            imds.close();
        }
    }

    OcfExit agent(String node, String action, boolean observeOnly) throws IOException {
        String vm = "vm" + node.substring("node".length());
        Map<String, String> env = new TreeMap<>(System.getenv());
        env.put("CIB_file", cib.path().toString());
        env.put("HA_RSCTMP", Files.createDirectories(dir.resolve("rsctmp-" + node)).toString());
        env.put("OCF_RESOURCE_INSTANCE", "azure-events:" + node.substring(4));
        env.put("OCF_RESKEY_CRM_meta_on_node", node);
        env.put("OCF_RESKEY_CRM_meta_interval", "10000");
        env.put("OCF_RESKEY_imds_url", imds.metadataUrl(vm).toString());
        env.put("OCF_RESKEY_retry_count", "0");
        env.put("OCF_RESKEY_observe_only", String.valueOf(observeOnly));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        OcfExit exit = new Agent(S, env, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                ProductionWiring.of(env)).run(action);
        said = err.toString(StandardCharsets.UTF_8);
        return exit;
    }

    void monitor(String node, boolean observeOnly) throws IOException {
        assertEquals(OcfExit.SUCCESS, agent(node, "monitor", observeOnly), said);
    }

    SimEvent.Phase phase(String id) {
        return imds.events().stream().filter(e -> e.eventId().equals(id)).findFirst()
                .orElseThrow().phase();
    }

    long posts() {
        return imds.requests().stream().filter(r -> r.method().equals("POST")).count();
    }

    @Test
    void drainAndApprovalAreLoggedAsWouldButNothingIsWrittenOrSent() throws IOException {
        cib = CibFile.copy("story-standby.xml", dir);
        imds = ImdsSimulator.builder().vm("vm1").vm("vm2").vm("vm3")
                .settings(SimSettings.defaults().withRequestsPerSecond(0))
                .log(line -> { }).build();
        imds.start();
        for (String n : List.of("node1", "node2", "node3")) {
            assertEquals(OcfExit.SUCCESS, agent(n, "start", false), said);
            monitor(n, false);
        }
        String id = imds.schedule(EventSpec.of(EventType.REBOOT, "vm2")).eventId();

        List<Long> before = cib.version();
        monitor("node2", true);
        assertEquals(before, cib.version(), "observe-only: no lease, no write\n" + said);
        assertTrue(said.contains("observe-only: would take the pull lease (node2 until "), said);
        assertTrue(said.contains("observe-only: would write node2: state STOPPING events ["
                + id + "] because "), said);
        assertTrue(said.contains("observe-only: would write node2: standby on because "), said);

        monitor("node2", false);
        cib.simulateReaction();
        assertTrue(cib.version().get(0) > before.get(0), "acting, node2 drained");

        before = cib.version();
        monitor("node1", true);
        assertEquals(before, cib.version(), said);
        assertTrue(said.contains("observe-only: would approve [" + id + "] (POST StartRequests);"
                + " nothing sent, Azure waits for NotBefore"), said);
        assertEquals(0, posts(), "no approval reached IMDS");
        assertEquals(SimEvent.Phase.SCHEDULED, phase(id));

        monitor("node1", false);
        assertEquals(1, posts(), "the same pass, acting, approves\n" + said);
        assertEquals(SimEvent.Phase.STARTED, phase(id));
    }

    @Test
    void observeOnlyIsInTheMetaDataAndMustBeABoolean() throws IOException {
        cib = CibFile.copy("story-standby.xml", dir);
        imds = ImdsSimulator.builder().vm("vm1").log(line -> { }).build();
        assertTrue(MetaData.document(S).contains("<parameter name=\"observe_only\""));
        Map<String, String> env = Map.of("OCF_RESKEY_observe_only", "maybe");

        ParameterValidator.Validation v = ParameterValidator.validate(S, env);

        assertEquals("observe_only='maybe' is not a boolean (true or false)",
                ((ParameterValidator.Validation.Invalid) v).reason());
    }
}
