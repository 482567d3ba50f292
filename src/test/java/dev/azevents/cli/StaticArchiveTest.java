package dev.azevents.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The static archive that {@code azevents install} builds, seen from the installed agents: every
 * action of both agents loads its classes from it, with its archived heap; and an archive that
 * does not fit (corrupt, another JDK's) changes neither an action's exit code nor meta-data's
 * stdout. Installs once, a jar of this build made by {@link TestJar}.
 */
class StaticArchiveTest {

    static final Path TEMURIN_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

    @TempDir
    static Path dir;
    static Path lib;
    static Path agents;
    static HttpServer imds;

    @BeforeAll
    static void install() throws Exception {
        InstallCommand install = new InstallCommand();
        install.prefix = dir.resolve("root");
        install.jar = TestJar.build(dir.resolve("azevents-test.jar"));
        assertEquals(0, install.call());
        lib = install.prefix.resolve(InstallCommand.LIB_DIR);
        agents = install.prefix.resolve(InstallCommand.PROVIDER_DIR);
        imds = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        imds.createContext("/metadata/scheduledevents", x -> answer(x, CdsTraining.EVENTS));
        imds.createContext("/metadata/instance", x -> answer(x, CdsTraining.INSTANCE));
        imds.start();
    }

    @AfterAll
    static void stop() {
        imds.stop(0);
    }

    /**
     * A java that logs class loading and CDS after the wrapper's {@code -Xlog:disable} (which
     * would silence an option given earlier), so the log shows where each class came from.
     */
    static Path loggingJava(Path log) throws IOException {
        Path shim = dir.resolve("logging-java");
        Files.writeString(shim, "#!/bin/bash\nargs=()\nfor a in \"$@\"; do\n    args+=(\"$a\")\n"
                + "    if [ \"$a\" = -Xlog:all=error:stderr ]; then\n"
                + "        args+=(-Xlog:class+load=info,cds=info:file=" + log + ")\n"
                + "    fi\ndone\nexec java \"${args[@]}\"\n");
        Files.setPosixFilePermissions(shim, PosixFilePermissions.fromString("rwxr-xr-x"));
        return shim;
    }

    @Test
    void everyTrainedActionOfBothAgentsRunsFromTheArchiveAndItsHeap() throws Exception {
        Path work = Files.createDirectories(dir.resolve("actions"));
        Path cib = work.resolve("cib.xml");
        try (InputStream in = CdsTraining.class.getResourceAsStream("cds-training-cib.xml")) {
            Files.copy(in, cib);
        }
        for (CdsTraining.Pass pass : CdsTraining.PASSES) {
            Path log = work.resolve(pass.agent() + "-" + pass.action() + ".log");
            Files.deleteIfExists(log);
            Map<String, String> env = Map.of("HA_RSCTMP", work.toString(), "CIB_file",
                    cib.toString(), "OCF_RESOURCE_INSTANCE", pass.instance(),
                    "OCF_RESKEY_CRM_meta_on_node", "node1", "OCF_RESKEY_CRM_meta_interval",
                    "10000", "OCF_RESKEY_imds_url", "http://127.0.0.1:"
                            + imds.getAddress().getPort() + "/metadata",
                    "AZEVENTS_JAVA", loggingJava(log).toString());
            assertEquals(0, run(pass.agent(), pass.action(), env).exit(), pass.toString());
            String loaded = Files.readString(log);
            List<String> notArchived = loaded.lines()
                    // Read from the jar or the JDK's modules; not classes spun at run time
                    // (JDK 17 archives most lambda proxies, not every one), nor JFR's events,
                    // which -Xshare:dump never archives.
                    .filter(l -> l.contains("[class,load]") && (l.contains("source: file:")
                            || l.contains("source: jrt:/")) && !l.contains("] jdk.internal.event."))
                    // Nor the JDK's lock queue nodes, loaded only when two threads contend (a
                    // tool's output reader and the pass): by timing, in training as here.
                    .filter(l -> !l.contains("] java.util.concurrent.locks."
                            + "AbstractQueuedSynchronizer$"))
                    .toList();
            assertEquals(List.of(), notArchived, pass + ": classes loaded outside the archive");
            assertTrue(loaded.contains("shared objects file"), pass + " mapped the archive");
            assertFalse(loaded.contains("CDS heap data is being ignored"), pass + ": " + loaded);
            assertFalse(loaded.contains("full module graph: disabled"), pass + " module graph");
        }
    }

    @Test
    void aCorruptArchiveChangesNothingAnAdministratorSees() throws Exception {
        Path corrupt = Files.createDirectories(dir.resolve("corrupt"));
        Files.copy(lib.resolve("azevents.jar"), corrupt.resolve("azevents.jar"));
        Files.writeString(corrupt.resolve("azevents.jsa"), "not an archive of any JVM");
        assertSameAsInstalled(corrupt);
    }

    @Test
    void anotherJdksArchiveChangesNothingAnAdministratorSees() throws Exception {
        assumeTrue(Files.isExecutable(TEMURIN_25), "no Temurin 25 to dump a foreign archive");
        Path foreign = Files.createDirectories(dir.resolve("foreign"));
        Path jar = Files.copy(lib.resolve("azevents.jar"), foreign.resolve("azevents.jar"));
        Process dump = new ProcessBuilder(TEMURIN_25.toString(), "-XX:+UseG1GC", "-Xmx64m",
                "-Xshare:dump", "-XX:SharedArchiveFile=" + foreign.resolve("azevents.jsa"),
                "-cp", jar.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(dump.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, dump.exitValue());
        assertSameAsInstalled(foreign);
    }

    /** Both agents. meta-data: exit code and stdout equal with the archive of {@code other}. */
    private static void assertSameAsInstalled(Path other) throws Exception {
        for (String agent : InstallCommand.AGENTS) {
            Result clean = run(agent, "meta-data", Map.of());
            Result odd = run(agent, "meta-data", Map.of("AZEVENTS_LIB", other.toString()));
            assertEquals(0, clean.exit());
            assertTrue(clean.out().startsWith("<?xml"), clean.out());
            assertEquals(clean, odd, agent + " meta-data with the archive of " + other);
        }
    }

    record Result(int exit, String out) {
    }

    private static Result run(String agent, String action, Map<String, String> env)
            throws Exception {
        ProcessBuilder pb = new ProcessBuilder(agents.resolve(agent).toString(), action)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().keySet().removeIf(k -> k.startsWith("OCF_") || k.startsWith("HA_")
                || k.startsWith("CIB_") || k.startsWith("AZEVENTS_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), agent + " " + action);
        return new Result(p.exitValue(), out);
    }

    private static void answer(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
