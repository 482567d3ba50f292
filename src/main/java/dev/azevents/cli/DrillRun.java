package dev.azevents.cli;

import dev.azevents.cluster.CibResult;
import dev.azevents.cluster.PacemakerCluster;
import dev.azevents.cluster.ProcessToolRunner;
import dev.azevents.cluster.ToolOutput;
import dev.azevents.engine.ClusterNode;
import dev.azevents.engine.ClusterSnapshot;
import dev.azevents.engine.NodeState;
import dev.azevents.engine.Strategy;
import dev.azevents.imds.EventType;
import dev.azevents.ocf.Agent;
import dev.azevents.ocf.ParameterSpec;
import dev.azevents.ocf.ParameterValidator;
import dev.azevents.ocf.ProductionWiring;
import dev.azevents.sim.EventSpec;
import dev.azevents.sim.ImdsSimulator;
import dev.azevents.sim.Scope;
import dev.azevents.sim.SimAdmin;
import dev.azevents.sim.SimEvent;
import dev.azevents.sim.SimSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * One drill: rounds of monitor passes (every node whose clone runs, as Pacemaker would run
 * them, one monitor interval apart) on a copy of the CIB, with Pacemaker's scheduler playing the
 * cluster's reaction after each round and the platform acting once the event is approved.
 */
final class DrillRun {

    static final int DEFAULT_ROUNDS = 12;
    static final int MAX_ROUNDS = 100;

    private final Path dir;
    private final Path cib;
    private final AgentChoice.Choice.Chosen chosen;
    private final PrintStream out;
    private final DrillCluster pacemaker;
    private final Set<String> started = new HashSet<>();
    private final Set<String> startNotes = new HashSet<>();
    private final Map<String, String> vmOfNode = new TreeMap<>();

    DrillRun(Path dir, String cibXml, AgentChoice.Choice.Chosen chosen, PrintStream out) {
        this.dir = dir;
        this.cib = dir.resolve("cib.xml");
        this.chosen = chosen;
        this.out = out;
        this.pacemaker = new DrillCluster(cib);
        try {
            Files.writeString(cib, cibXml);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Plays the event; true when it was approved and every node is back in service. */
    boolean play(String vm, EventType type, OptionalLong notBefore, int rounds)
            throws IOException {
        ClusterSnapshot first = pacemaker.snapshot(chosen.strategy());
        mapVms(first);
        Strategy strategy = chosen.strategy();
        ImdsSimulator.Builder b = ImdsSimulator.builder().log(line -> { })
                .settings(SimSettings.defaults().withRequestsPerSecond(0))
                .scope(strategy == Strategy.STANDBY ? Scope.AVAILABILITY_SET : Scope.STANDALONE);
        b.vm(vm);
        vmOfNode.values().stream().filter(v -> !v.equals(vm)).distinct().forEach(b::vm);
        try (ImdsSimulator imds = b.build()) {
            imds.start();
            EventSpec spec = EventSpec.of(type, vm);
            if (notBefore.isPresent()) {
                spec = spec.withNotBeforeSeconds(notBefore.getAsLong());
            }
            SimEvent event = imds.schedule(spec);
            header(vm, type, event);
            return new DrillRounds(this, imds, event, type, vm).play(rounds);
        }
    }

    private void header(String vm, EventType type, SimEvent event) {
        Optional<String> node = vmOfNode.entrySet().stream()
                .filter(e -> e.getValue().equals(vm)).map(Map.Entry::getKey).findFirst();
        out.println("Drill: " + type.azureName() + " for VM " + vm + node.map(n -> " (node " + n
                + ")").orElse(" (no node of this cluster)") + ", event " + event.eventId()
                + ", NotBefore " + event.notBefore());
        out.println("Agent: " + chosen.source());
        ParameterValidator.Validation v = ParameterValidator.validate(chosen.strategy(),
                chosen.env());
        if (v instanceof ParameterValidator.Validation.Valid valid
                && !valid.parameters().eventTypes().contains(type)) {
            String configured = chosen.env().getOrDefault(ParameterSpec.EVENT_TYPES.envName(),
                    ParameterSpec.EVENT_TYPES.value());
            out.println("note: " + type.azureName() + " is not in eventTypes (" + configured
                    + "): the agent leaves it alone and Azure starts it at NotBefore");
        }
        out.println("On a copy of the CIB (" + cib + "); nothing is written to the live"
                + " cluster and nothing is sent to Azure (observe_only, status_attribute and"
                + " metrics_file are off in the drill). A round is one monitor interval: one"
                + " pass on every node whose agent runs, then Pacemaker's reaction"
                + " (crm_simulate).");
    }

    /** Node to VM from what the agent recorded; a node without one is drilled under its name. */
    private void mapVms(ClusterSnapshot s) {
        s.hostNames().forEach((az, node) -> vmOfNode.put(node, az));
        for (ClusterNode n : s.nodes()) {
            n.record().azName().ifPresent(az -> vmOfNode.put(n.name(), az));
            if (!vmOfNode.containsKey(n.name())) {
                vmOfNode.put(n.name(), n.name());
                out.println("note: no VM name recorded for " + n.name() + " (the agent has not"
                        + " run there yet): drilled as VM " + n.name());
            }
        }
    }

    ClusterSnapshot snapshot() {
        return pacemaker.snapshot(chosen.strategy());
    }

    PrintStream out() {
        return out;
    }

    Strategy strategy() {
        return chosen.strategy();
    }

    /**
     * The agents' clock runs one monitor interval ahead per round, as Pacemaker spaces the
     * passes: the agent lets a node out only on two reads at least that far apart
     * (engine.EventAbsences), which rounds played at once would never give.
     */
    static final java.time.Duration ROUND = java.time.Duration.ofSeconds(10);
    private java.time.Duration elapsed = java.time.Duration.ZERO;

    /** The next round starts one monitor interval later. */
    void nextRound() {
        elapsed = elapsed.plus(ROUND);
    }

    /** One monitor pass of the real agent for {@code node}; its log lines, prefixes cut. */
    List<String> pass(String node, ImdsSimulator imds) throws IOException {
        Map<String, String> env = new TreeMap<>(chosen.env());
        env.put("CIB_file", cib.toString());
        Path tmp = dir.resolve("rsctmp-" + node);
        Files.createDirectories(tmp);
        env.put("HA_RSCTMP", tmp.toString());
        // As Pacemaker names a clone instance; the configuration check finds the primitive.
        env.put("OCF_RESOURCE_INSTANCE", chosen.resource().orElse("drill") + ":" + node);
        env.put("OCF_RESKEY_CRM_meta_on_node", node);
        env.put("OCF_RESKEY_imds_url", imds.metadataUrl(vmOfNode.get(node)).toString());
        env.put("OCF_RESKEY_retry_count", "0");
        // Reporting edges reach beyond the copy (attrd is the live cluster's, the metrics file
        // is the production one) and observing would leave nothing to play: all off here.
        env.put("OCF_RESKEY_status_attribute", "false");
        env.put("OCF_RESKEY_metrics_file", "");
        env.put("OCF_RESKEY_observe_only", "false");
        List<String> lines = new ArrayList<>();
        if (started.add(node)) {
            // start's configuration check says the same on every node: once is enough.
            agent(env, "start").stream().filter(startNotes::add).forEach(lines::add);
        }
        lines.addAll(agent(env, "monitor"));
        return lines;
    }

    /** The node rebooted: its state file (in a tmpfs) is gone, its agent starts afresh. */
    void rebooted(String node) throws IOException {
        started.remove(node);
        Path tmp = dir.resolve("rsctmp-" + node);
        if (Files.isDirectory(tmp)) {
            try (var files = Files.list(tmp)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
        }
    }

    private dev.azevents.ocf.Wiring atRound(dev.azevents.ocf.Wiring w) {
        return new dev.azevents.ocf.Wiring(w.imds(), w.cluster(), w.configuration(),
                w.decider(), java.time.Clock.offset(w.clock(), elapsed), w.sleeper());
    }

    Optional<String> nodeOf(String vm) {
        return vmOfNode.entrySet().stream().filter(e -> e.getValue().equals(vm))
                .map(Map.Entry::getKey).findFirst();
    }

    List<String> react(String... events) {
        return pacemaker.react(events);
    }

    private List<String> agent(Map<String, String> env, String action) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        new Agent(chosen.strategy(), env, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                atRound(ProductionWiring.of(env))).run(action);
        List<String> lines = new ArrayList<>();
        for (String line : err.toString(StandardCharsets.UTF_8).split("\n")) {
            int at = line.indexOf(": ", line.indexOf("]:\t") + 3);
            String level = at > 0 ? line.substring(line.lastIndexOf(' ', at) + 1, at) : "";
            if (level.equals("INFO") || level.equals("WARN") || level.equals("ERROR")) {
                String text = line.substring(at + 2);
                if (!text.startsWith("started; state file") && !text.startsWith("already")) {
                    lines.add((level.equals("INFO") ? "" : level + ": ") + text);
                }
            } else if (line.startsWith("ocf-exit-reason:")) {
                lines.add(line);
            }
        }
        return lines;
    }

    void cleanUp() {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            out.println("note: could not remove " + dir + ": " + e.getMessage());
        }
    }

    /** Pacemaker's tools on the copy only. */
    static final class DrillCluster {
        private final Path cib;
        private final ProcessToolRunner tools;

        DrillCluster(Path cib) {
            this.cib = cib;
            this.tools = ProductionWiring.tools(Map.of("CIB_file", cib.toString()));
        }

        ClusterSnapshot snapshot(Strategy strategy) {
            CibResult<ClusterSnapshot> s = new PacemakerCluster(tools,
                    Map.of("CIB_file", cib.toString())).snapshot(strategy);
            if (s instanceof CibResult.Failed<ClusterSnapshot> f) {
                throw new IllegalStateException("the copy of the CIB cannot be read: "
                        + f.describe());
            }
            return ((CibResult.Ok<ClusterSnapshot>) s).value();
        }

        /** crm_simulate plays the transition in place; its Transition Summary lines. */
        List<String> react(String... events) {
            Path next = cib.resolveSibling("cib.next.xml");
            List<String> argv = new ArrayList<>(List.of("crm_simulate", "--xml-file",
                    cib.toString(), "--simulate", "--save-output", next.toString()));
            argv.addAll(List.of(events));
            CibResult<ToolOutput> run = tools.run(argv, Optional.empty());
            if (!(run instanceof CibResult.Ok<ToolOutput> ok) || ok.value().exitCode() != 0) {
                throw new IllegalStateException("crm_simulate failed: " + run);
            }
            try {
                Files.move(next, cib, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return summary(ok.value().stdout());
        }

        static List<String> summary(String crmSimulate) {
            List<String> lines = new ArrayList<>();
            boolean in = false;
            for (String line : crmSimulate.split("\n")) {
                if (line.startsWith("Transition Summary:")) {
                    in = true;
                } else if (in && line.isBlank()) {
                    in = false;
                } else if (in && line.strip().startsWith("* ")) {
                    lines.add(line.strip().substring(2).replaceAll("\\s+", " "));
                }
            }
            return lines;
        }
    }

    static boolean back(ClusterNode n) {
        return n.record().state() == NodeState.AVAILABLE && !n.record().drainedByAgent();
    }
}
