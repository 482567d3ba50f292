package dev.azevents.cli;

import com.sun.net.httpserver.HttpServer;
import dev.azevents.ocf.AgentState;
import dev.azevents.ocf.StateFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Records the application class-data sharing archive: runs the installed wrapper once, exactly
 * as Pacemaker will, for one {@code monitor} pass with {@code -XX:ArchiveClassesAtExit} (through
 * {@code JAVA_TOOL_OPTIONS}, so the command line is the production one), against a copy of a
 * small CIB file and a loopback stand-in for IMDS that serves an empty events document. Nothing
 * leaves the machine and no live cluster is touched.
 */
final class CdsTraining {

    static final String EVENTS = "{\"DocumentIncarnation\":1,\"Events\":[]}";
    static final String INSTANCE = "{\"compute\":{\"name\":\"training-vm\",\"vmId\":\"0\","
            + "\"location\":\"local\",\"zone\":\"\",\"vmScaleSetName\":\"\",\"resourceId\":\"\"}}";
    /** A training pass takes about a second; beyond this something hangs. */
    static final long TIMEOUT_S = 120;

    private final Path lib;
    private final Path wrapper;

    CdsTraining(Path lib, Path wrapper) {
        this.lib = lib;
        this.wrapper = wrapper;
    }

    /** Builds {@code lib/azevents.jsa}; null when done, else what went wrong. */
    String run() throws IOException {
        Path work = Files.createTempDirectory("azevents-cds");
        HttpServer imds = HttpServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        try {
            imds.createContext("/metadata/scheduledevents", x -> answer(x, EVENTS));
            imds.createContext("/metadata/instance", x -> answer(x, INSTANCE));
            imds.start();
            Path cib = work.resolve("cib.xml");
            try (InputStream in = CdsTraining.class.getResourceAsStream("training-cib.xml")) {
                Files.copy(in, cib);
            }
            Map<String, String> env = Map.of("HA_RSCTMP", work.toString(),
                    "OCF_RESOURCE_INSTANCE", "training", "CIB_file", cib.toString(),
                    "OCF_RESKEY_CRM_meta_on_node", "node1",
                    "OCF_RESKEY_CRM_meta_interval", "10000",
                    "OCF_RESKEY_retry_count", "0",
                    "OCF_RESKEY_imds_url", "http://127.0.0.1:" + imds.getAddress().getPort()
                            + "/metadata",
                    "AZEVENTS_LIB", lib.toString());
            StateFile.forInstance(env, "azure-events-az").write(AgentState.started());
            return monitor(env, work);
        } finally {
            imds.stop(0);
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * Records into {@code azevents.jsa.new} and renames it into place: an agent started meanwhile
     * sees either no archive or a whole one, never a file the JVM is still writing.
     */
    private String monitor(Map<String, String> env, Path work) throws IOException {
        Path jsa = lib.resolve("azevents.jsa.new");
        ProcessBuilder pb = new ProcessBuilder(wrapper.toString(), "monitor")
                .redirectErrorStream(true).redirectOutput(work.resolve("training.log").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("HA_") || k.startsWith("OCF_")
                || k.startsWith("CIB_") || k.equals("JAVA_TOOL_OPTIONS"));
        pb.environment().putAll(env);
        pb.environment().put("JAVA_TOOL_OPTIONS", "-XX:ArchiveClassesAtExit=" + jsa);
        Process p = pb.start();
        try {
            if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "the training pass did not end within " + TIMEOUT_S + " s";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
        if (p.exitValue() != 0 || !Files.isRegularFile(jsa)) {
            Files.deleteIfExists(jsa);
            return "the training pass exited " + p.exitValue() + ": "
                    + Files.readString(work.resolve("training.log")).strip();
        }
        Files.move(jsa, lib.resolve("azevents.jsa"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        return null;
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
