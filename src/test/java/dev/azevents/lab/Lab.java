package dev.azevents.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A live N-node Pacemaker cluster in namespaces, driven through {@code lab/lab.sh}. Closing it
 * tears everything down (the script's own teardown is idempotent and safe after failures).
 */
final class Lab implements AutoCloseable {

    /** Bringing up includes corosync membership and quorum, about 25 s on 2 cores. */
    private static final Duration UP_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration NODE_COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration DOWN_TIMEOUT = Duration.ofMinutes(2);

    private final Path script;
    private final Path labDir;
    private final String id;
    private final int nodes;
    /** Tears the lab down if the JVM ends without closing it (Ctrl-C, a killed test run). */
    private final Thread onExit;

    private Lab(Path script, Path labDir, String id, int nodes) {
        this.script = script;
        this.labDir = labDir;
        this.id = id;
        this.nodes = nodes;
        this.onExit = new Thread(() -> lab(DOWN_TIMEOUT, List.of(script.toString(), "down")),
                "lab-teardown-" + id);
        Runtime.getRuntime().addShutdownHook(onExit);
    }

    /**
     * Brings a cluster up. {@code ocfDir}, when given, becomes
     * {@code /usr/lib/ocf/resource.d/azevents} inside every node (our agents as installed).
     */
    static Lab up(Path repo, int nodes, Path ocfDir) {
        Path script = repo.resolve("lab/lab.sh");
        List<String> argv = new ArrayList<>(List.of(script.toString(), "up", "-n",
                Integer.toString(nodes)));
        if (ocfDir != null) {
            argv.addAll(List.of("--ocf-dir", ocfDir.toString()));
        }
        ProcessRun.Outcome up = ProcessRun.run(UP_TIMEOUT, Map.of(), argv);
        String labDir = up.out().lines().filter(l -> l.startsWith("LAB_DIR="))
                .map(l -> l.substring("LAB_DIR=".length())).findFirst().orElse("");
        if (!up.ok()) {
            if (!labDir.isEmpty()) {
                ProcessRun.run(DOWN_TIMEOUT, Map.of("LAB_DIR", labDir),
                        List.of(script.toString(), "down"));
            }
            throw new IllegalStateException("lab did not come up: " + up.describe());
        }
        Path dir = Path.of(labDir);
        try {
            return new Lab(script, dir, Files.readString(dir.resolve("id")).strip(), nodes);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("lab state unreadable in " + dir, e);
        }
    }

    int nodes() {
        return nodes;
    }

    String nodeName(int k) {
        return "node" + k;
    }

    /** The network namespace of node k, for listeners made inside it (lab/imds-relay.py). */
    Path netns(int k) {
        return Path.of("/run/netns", id + "-n" + k);
    }

    Path dir() {
        return labDir;
    }

    /** Runs a command inside node k. */
    ProcessRun.Outcome exec(int k, String... argv) {
        List<String> all = new ArrayList<>(List.of(script.toString(), "exec",
                Integer.toString(k)));
        all.addAll(List.of(argv));
        return lab(NODE_COMMAND_TIMEOUT, all);
    }

    /** Like {@link #exec} but a failure is a broken lab, not a result. */
    String execOk(int k, String... argv) {
        ProcessRun.Outcome o = exec(k, argv);
        if (!o.ok()) {
            throw new IllegalStateException("node" + k + ": " + o.describe());
        }
        return o.out();
    }

    /** Kills node k's namespace init: every process of the node dies at once. */
    void crash(int k) {
        check(lab(NODE_COMMAND_TIMEOUT, List.of(script.toString(), "crash", Integer.toString(k))));
    }

    void boot(int k) {
        check(lab(NODE_COMMAND_TIMEOUT, List.of(script.toString(), "boot", Integer.toString(k))));
    }

    boolean isUp(int k) {
        return Files.exists(labDir.resolve("node" + k).resolve("init.pid"));
    }

    /** Waits until every live node sees quorum and these nodes online. */
    void waitOnline(int... ks) {
        List<String> argv = new ArrayList<>(List.of(script.toString(), "wait-online"));
        for (int k : ks) {
            argv.add(Integer.toString(k));
        }
        check(lab(UP_TIMEOUT, argv));
    }

    /** A live node to read the cluster from, preferring the given one. */
    int liveNode(int preferred) {
        if (isUp(preferred)) {
            return preferred;
        }
        for (int k = 1; k <= nodes; k++) {
            if (isUp(k)) {
                return k;
            }
        }
        throw new IllegalStateException("no node is up");
    }

    private ProcessRun.Outcome lab(Duration timeout, List<String> argv) {
        return ProcessRun.run(timeout, Map.of("LAB_DIR", labDir.toString()), argv);
    }

    private static void check(ProcessRun.Outcome o) {
        if (!o.ok()) {
            throw new IllegalStateException(o.describe());
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
        ProcessRun.Outcome down = lab(DOWN_TIMEOUT, List.of(script.toString(), "down"));
        if (!down.ok()) {
            throw new IllegalStateException("lab teardown failed: " + down.describe());
        }
    }
}
