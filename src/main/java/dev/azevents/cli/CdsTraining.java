package dev.azevents.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Builds the static application class-data sharing archive {@code azevents.jsa}. Training: the
 * installed wrappers run, exactly as Pacemaker runs them, the actions of {@link #PASSES} (both
 * agents' validate-all, start, a full idle monitor pass, then a shortcut pass on the state file
 * the full one left, meta-data) with {@code -XX:DumpLoadedClassList} (through
 * {@code JAVA_TOOL_OPTIONS}, so the command line is the production one), against a copy of a
 * small CIB file set up for both strategies and a loopback stand-in for IMDS that serves an
 * empty events document. Nothing leaves the machine and no live cluster is touched. Then
 * {@code java -Xshare:dump} writes one archive of every class those JVMs loaded, JDK classes
 * included, with the heap options of the wrapper (see {@link ArchiveJvm}).
 */
final class CdsTraining {

    static final String EVENTS = "{\"DocumentIncarnation\":1,\"Events\":[]}";
    static final String INSTANCE = "{\"compute\":{\"name\":\"training-vm\",\"vmId\":\"0\","
            + "\"location\":\"local\",\"zone\":\"\",\"vmScaleSetName\":\"\",\"resourceId\":\"\"}}";
    /** A training pass takes about a second; beyond this something hangs. */
    static final long TIMEOUT_S = 120;

    /** One training run of an installed wrapper. */
    record Pass(String agent, String action) {
        /** The agent's primitive in {@code cds-training-cib.xml}. */
        String instance() {
            return agent.equals("azure-events") ? "azure-events-standby" : "health-azure-events-az";
        }
    }

    /** In this order: start writes the state file, the first monitor the idle memory. */
    static final List<Pass> PASSES = InstallCommand.AGENTS.stream()
            .flatMap(agent -> Stream.of("validate-all", "start", "monitor", "monitor", "meta-data")
                    .map(action -> new Pass(agent, action)))
            .toList();

    private final Path lib;
    private final Path agents;

    CdsTraining(Path lib, Path agents) {
        this.lib = lib;
        this.agents = agents;
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
            try (InputStream in = CdsTraining.class.getResourceAsStream("cds-training-cib.xml")) {
                Files.copy(in, cib);
            }
            Map<String, String> env = Map.of("HA_RSCTMP", work.toString(), "CIB_file",
                    cib.toString(), "OCF_RESKEY_CRM_meta_on_node", "node1",
                    "OCF_RESKEY_CRM_meta_interval", "10000", "OCF_RESKEY_retry_count", "0",
                    "OCF_RESKEY_imds_url", "http://127.0.0.1:" + imds.getAddress().getPort()
                            + "/metadata",
                    "AZEVENTS_LIB", lib.toString());
            List<String> lists = new ArrayList<>();
            for (Pass pass : PASSES) {
                Path list = work.resolve(lists.size() + ".classlist");
                String problem = train(pass, env, list, work);
                if (problem != null) {
                    return problem;
                }
                lists.add(Files.readString(list));
            }
            Path classes = work.resolve("classes.lst");
            Files.writeString(classes, ClassList.merge(lists));
            return new ArchiveJvm(lib, work).dump(classes);
        } finally {
            imds.stop(0);
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** One pass of the installed wrapper recording its classes; null when it exited 0. */
    private String train(Pass pass, Map<String, String> base, Path list, Path work)
            throws IOException {
        Path log = work.resolve("training.log");
        ProcessBuilder pb = new ProcessBuilder(agents.resolve(pass.agent()).toString(),
                pass.action()).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = new HashMap<>(base);
        env.put("OCF_RESOURCE_INSTANCE", pass.instance());
        env.put("JAVA_TOOL_OPTIONS", "-XX:DumpLoadedClassList=" + list);
        pb.environment().keySet().removeIf(k -> k.startsWith("HA_") || k.startsWith("OCF_")
                || k.startsWith("CIB_") || k.equals("JAVA_TOOL_OPTIONS"));
        pb.environment().putAll(env);
        int exit = ArchiveJvm.await(pb.start(), TIMEOUT_S);
        if (exit != 0 || !Files.isRegularFile(list)) {
            return "the training pass '" + pass.agent() + " " + pass.action() + "' "
                    + ArchiveJvm.ended(exit) + ": " + Files.readString(log).strip();
        }
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
