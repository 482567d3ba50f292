package dev.azevents.ocf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code start} ends inside its own timeout even when the CIB read hangs: a start that times out
 * leaves a node drained by the health strategy at {@code #health-azure=-1000000} for good.
 */
class StartTimeoutTest {

    @TempDir
    Path dir;

    @Test
    void toolTimeoutsStayInsideTheOperationTimeout() {
        assertEquals(Duration.ofSeconds(15), ProductionWiring.toolTimeout(Duration.ofSeconds(20)));
        assertEquals(Duration.ofSeconds(30), ProductionWiring.toolTimeout(Duration.ofSeconds(240)));
        assertEquals(Duration.ofSeconds(2), ProductionWiring.toolTimeout(Duration.ofSeconds(4)));
        assertEquals(Duration.ofSeconds(1), ProductionWiring.toolTimeout(Duration.ofSeconds(1)));
        assertEquals(Duration.ofSeconds(15), ProductionWiring.tools(Map.of()).timeout(),
                "no CRM_meta_timeout: Pacemaker's default 20 s");
        assertEquals(Duration.ofSeconds(6), ProductionWiring.tools(Map.of(
                "OCF_RESKEY_CRM_meta_timeout", "8000")).timeout());
    }

    @Test
    void aStartWhoseCibReadHangsStillStartsInsideItsTimeout() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path cibadmin = bin.resolve("cibadmin");
        Files.writeString(cibadmin, "#!/bin/sh\nexec sleep 60\n");
        cibadmin.toFile().setExecutable(true);
        ProcessBuilder pb = new ProcessBuilder("ocf/azure-events-az", "start");
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("HA_RSCTMP", dir.resolve("rsctmp").toString());
        pb.environment().put("OCF_RESOURCE_INSTANCE", "health-azure-events");
        pb.environment().put("OCF_RESKEY_CRM_meta_timeout", "5000");
        pb.environment().put("AZEVENTS_CLASSPATH", System.getProperty("java.class.path"));
        pb.environment().put("AZEVENTS_LIB", dir.resolve("nolib").toString());
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("out").toFile());

        long t0 = System.nanoTime();
        Process start = pb.start();
        boolean ended = start.waitFor(5, TimeUnit.SECONDS);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        String said = Files.readString(dir.resolve("out"));
        if (!ended) {
            start.descendants().forEach(ProcessHandle::destroyForcibly);
            start.destroyForcibly();
        }

        assertTrue(ended, "start outlived its 5 s timeout: " + said);
        assertEquals(0, start.exitValue(), said);
        assertTrue(said.contains("WARN: configuration not checked: cibadmin --query"), said);
        assertTrue(Files.exists(dir.resolve("rsctmp/azevents-health-azure-events.state")));
        System.out.println("start with a hanging cibadmin ended after " + ms + " ms");
    }
}
