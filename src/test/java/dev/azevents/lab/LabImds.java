package dev.azevents.lab;

import dev.azevents.sim.ImdsSimulator;
import dev.azevents.sim.Scope;
import dev.azevents.sim.SimSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * IMDS for a lab: the project's simulator in this JVM, one VM per node on the machine's loopback,
 * and {@code lab/imds-relay.py}, which listens inside every node's network namespace at
 * 169.254.169.254:80 (the Python agents' hard-coded address) and 127.0.0.1:8080 (our agents'
 * {@code imds_url}) and relays to that node's VM. Nothing of it listens on 169.254.169.254 in the
 * machine's own namespace.
 */
final class LabImds implements AutoCloseable {

    /** Our agents' imds_url, the same on every node: each node's lo leads to its own VM. */
    static final String OUR_IMDS_URL = "http://127.0.0.1:8080/metadata";
    private static final int OUR_PORT = 8080;
    private static final long RELAY_START_TIMEOUT_S = 20;

    private final ImdsSimulator sim;
    private final Process relay;
    private final List<String> vms;

    /** Ends the relay if the JVM ends without closing this (Ctrl-C, a killed test run). */
    private final Thread onExit;

    private LabImds(ImdsSimulator sim, Process relay, List<String> vms) {
        this.sim = sim;
        this.relay = relay;
        this.vms = vms;
        this.onExit = new Thread(relay::destroyForcibly, "imds-relay-teardown");
        Runtime.getRuntime().addShutdownHook(onExit);
    }

    /** {@code vms.get(k - 1)} is the VM name of node k. */
    static LabImds start(Path repo, Lab lab, List<String> vms, double timeFactor,
            SimSettings settings, Consumer<String> log) {
        return start(repo, lab, vms, timeFactor, settings, Scope.AVAILABILITY_SET, log);
    }

    /** {@code scope}: STANDALONE gives every VM zone 1, where a VM sees only its own events. */
    static LabImds start(Path repo, Lab lab, List<String> vms, double timeFactor,
            SimSettings settings, Scope scope, Consumer<String> log) {
        ImdsSimulator.Builder b = ImdsSimulator.builder()
                .admin(new InetSocketAddress("127.0.0.1", 0))
                .scope(scope)
                .timeFactor(timeFactor)
                .settings(settings.withTimeFactor(timeFactor))
                .log(log);
        for (String vm : vms) {
            b.vm(vm, new InetSocketAddress("127.0.0.1", 0));
        }
        ImdsSimulator sim = b.build();
        sim.start();
        List<String> argv = new ArrayList<>(List.of(repo.resolve("lab/imds-relay.py").toString()));
        for (int k = 1; k <= vms.size(); k++) {
            int port = sim.metadataUrl(vms.get(k - 1)).getPort();
            String ns = lab.netns(k).toString();
            argv.add(ns + ",169.254.169.254,80," + port);
            argv.add(ns + ",127.0.0.1," + OUR_PORT + "," + port);
        }
        Process relay;
        try {
            relay = new ProcessBuilder(argv).redirectErrorStream(true).start();
            if (!awaitReady(relay)) {
                relay.destroyForcibly();
                sim.close();
                throw new IllegalStateException("imds-relay did not start: " + argv);
            }
        } catch (IOException e) {
            sim.close();
            throw new IllegalStateException("cannot start imds-relay", e);
        }
        return new LabImds(sim, relay, List.copyOf(vms));
    }

    private static boolean awaitReady(Process relay) throws IOException {
        // The relay prints one line once every listener is made, then nothing.
        BufferedReader r = new BufferedReader(
                new InputStreamReader(relay.getInputStream(), StandardCharsets.UTF_8));
        String line = r.readLine();
        Thread drain = new Thread(() -> {
            try {
                while (r.readLine() != null) {
                    // discard: the relay only reports its own failures
                }
            } catch (IOException ignored) {
                // the relay ended
            }
        }, "imds-relay-output");
        drain.setDaemon(true);
        drain.start();
        return line != null && line.contains("ready");
    }

    ImdsSimulator sim() {
        return sim;
    }

    String vm(int k) {
        return vms.get(k - 1);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
        relay.destroy();
        try {
            if (!relay.waitFor(RELAY_START_TIMEOUT_S, TimeUnit.SECONDS)) {
                relay.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            relay.destroyForcibly();
        }
        sim.close();
    }
}
