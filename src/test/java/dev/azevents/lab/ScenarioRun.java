package dev.azevents.lab;

import dev.azevents.imds.EventType;
import dev.azevents.sim.EventSpec;
import dev.azevents.sim.FaultSpec;
import dev.azevents.sim.SimAdmin;
import dev.azevents.sim.Scope;
import dev.azevents.sim.SimEvent;
import dev.azevents.sim.SimSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;

/**
 * One scenario against one agent on a fresh 3-node lab: the cluster, IMDS, the agent configured as
 * documented, and "Azure" (a Started Reboot/Redeploy crashes the node and boots it again). Every
 * observation goes through {@link #observe()}, which checks the invariants that hold in every
 * scenario and marks the timeline; a scenario adds its own milestones and final oracle.
 */
final class ScenarioRun implements AutoCloseable {

    static final int NODES = 3;
    /** Azure durations divided by this: a Reboot's 15-min notice is 45 s. */
    static final double TIME_FACTOR = 20;
    static final Duration POLL = Duration.ofSeconds(1);
    static final String MONITOR_INTERVAL = "3s";
    /** How long a rebooting node stays down, as a VM's reboot does. */
    static final Duration REBOOT_DOWNTIME = Duration.ofSeconds(5);
    private static final Duration AGENT_START_TIMEOUT = Duration.ofSeconds(120);

    final AgentUnderTest agent;
    final Lab lab;
    final LabImds imds;
    final Timeline timeline = new Timeline();
    private final String scenario;
    private final PrintWriter log;
    private final Set<String> violations = new LinkedHashSet<>();
    private final Set<String> remarks = new LinkedHashSet<>();
    private final Map<String, Predicate<ClusterView>> milestones = new LinkedHashMap<>();
    private final Set<String> rebootedFor = new LinkedHashSet<>();
    private final Map<Integer, Instant> bootAt = new TreeMap<>();
    /**
     * Booted nodes not yet back in the peers' membership (seen offline since the crash, then
     * online; or online for a while if the peers never noticed): Azure takes one update domain
     * at a time, and so does the lab.
     */
    private final Map<Integer, Instant> rejoining = new TreeMap<>();
    private final Set<Integer> seenOffline = new LinkedHashSet<>();
    private static final Duration REJOIN_GRACE = Duration.ofSeconds(20);
    private final Map<String, Instant> lastSeenRunning = new TreeMap<>();
    private final boolean crashOnStart;
    private ClusterView last;

    /** Options of a run: VM names by node, agent parameters, simulator settings. */
    record Options(List<String> vms, List<String> agentParams, SimSettings sim,
            boolean crashOnStart, Scope scope, List<List<String>> configureInNode1) {
        static Options defaults() {
            return new Options(List.of("vm1", "vm2", "vm3"), List.of(), SimSettings.defaults(),
                    true, Scope.AVAILABILITY_SET, List.of());
        }

        Options(List<String> vms, List<String> agentParams, SimSettings sim,
                boolean crashOnStart) {
            this(vms, agentParams, sim, crashOnStart, Scope.AVAILABILITY_SET, List.of());
        }

        /** Zonal VMs (STANDALONE): each sees only its own events. */
        Options withScope(Scope s) {
            return new Options(vms, agentParams, sim, crashOnStart, s, configureInNode1);
        }

        Options withVms(List<String> v) {
            return new Options(v, agentParams, sim, crashOnStart, scope, configureInNode1);
        }

        Options withAgentParams(String... p) {
            return new Options(vms, List.of(p), sim, crashOnStart, scope, configureInNode1);
        }

        Options withSim(SimSettings s) {
            return new Options(vms, agentParams, s, crashOnStart, scope, configureInNode1);
        }

        /** Azure never takes a VM down (scenarios about the drain only). */
        Options withoutReboots() {
            return new Options(vms, agentParams, sim, false, scope, configureInNode1);
        }

        /** Configured by these commands inside node 1 instead of lab/agent.sh. */
        Options configuredBy(List<List<String>> commands) {
            return new Options(vms, agentParams, sim, crashOnStart, scope,
                    List.copyOf(commands));
        }
    }

    private ScenarioRun(String scenario, AgentUnderTest agent, Lab lab, LabImds imds,
            PrintWriter log, boolean crashOnStart) {
        this.scenario = scenario;
        this.agent = agent;
        this.lab = lab;
        this.imds = imds;
        this.log = log;
        this.crashOnStart = crashOnStart;
    }

    static ScenarioRun start(String scenario, AgentUnderTest agent, Options o) {
        Assumptions.assumeTrue(LabPaths.canRunLab(), "the lab needs root, corosync and"
                + " pacemakerd (bin/test installs them): not run here");
        Path repo = LabPaths.repo();
        Path logFile = LabPaths.results().resolve(
                scenario.replaceAll("[^A-Za-z0-9]+", "-") + "--" + agent.spec().replace(':', '-')
                        + ".log");
        PrintWriter log = open(logFile);
        Lab lab = Lab.up(repo, NODES, agent.ours() ? LabPaths.ourAgents() : null);
        LabImds imds = null;
        try {
            imds = LabImds.start(repo, lab, o.vms(), TIME_FACTOR, o.sim(), o.scope(), line -> {
                synchronized (log) {
                    log.println(Instant.now() + " " + line);
                    log.flush();
                }
            });
            ScenarioRun run = new ScenarioRun(scenario, agent, lab, imds, log, o.crashOnStart());
            run.configureAgent(o.agentParams(), o.configureInNode1());
            return run;
        } catch (RuntimeException e) {
            if (imds != null) {
                imds.close();
            }
            lab.close();
            log.close();
            throw e;
        }
    }

    private static PrintWriter open(Path file) {
        try {
            Files.createDirectories(file.getParent());
            return new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file, e);
        }
    }

    void note(String line) {
        synchronized (log) {
            log.println(Instant.now() + " " + line);
            log.flush();
        }
    }

    private void configureAgent(List<String> params, List<List<String>> inNode1) {
        for (List<String> command : inNode1) {
            note("node1: " + String.join(" ", command) + "\n"
                    + lab.execOk(1, command.toArray(String[]::new)));
        }
        List<String> argv = new ArrayList<>(List.of(LabPaths.repo().resolve("lab/agent.sh")
                .toString(), "configure", agent.spec(), "--interval", MONITOR_INTERVAL));
        for (String p : params) {
            argv.addAll(List.of("--param", p));
        }
        if (inNode1.isEmpty()) {
            ProcessRun.Outcome o = ProcessRun.run(Duration.ofMinutes(2),
                    Map.of("LAB_DIR", lab.dir().toString()), argv);
            if (!o.ok()) {
                throw new IllegalStateException("configuring the agent failed: " + o.describe());
            }
        }
        note("configured " + agent.spec() + " " + params);
        boolean ready = await("the agent running on every node", AGENT_START_TIMEOUT, v -> {
            for (int k = 1; k <= NODES; k++) {
                ClusterView.NodeView n = v.node(lab.nodeName(k));
                boolean running = n.active().stream().anyMatch(r -> r.equals(agent.resource())
                        || r.startsWith(agent.resource() + ":"));
                if (!running || agent.drained(n)) {
                    return false;
                }
            }
            return true;
        });
        if (!ready) {
            throw new IllegalStateException("the agent did not start on every node: " + last);
        }
    }

    /** Registers a milestone: marked the first time the predicate holds on an observation. */
    void milestone(String name, Predicate<ClusterView> seen) {
        milestones.put(name, seen);
    }

    EventSpec spec(EventType type, int... nodes) {
        String[] vms = new String[nodes.length];
        for (int i = 0; i < nodes.length; i++) {
            vms[i] = imds.vm(nodes[i]);
        }
        return EventSpec.of(type, vms);
    }

    SimEvent announce(EventSpec spec) {
        SimEvent e = imds.sim().schedule(spec);
        timeline.mark("announced", Instant.now());
        note("announced " + e.eventId() + " " + e.type() + " " + e.resources());
        return e;
    }

    /** Azure cancels (before it started) or ends an event: it disappears from the document. */
    void end(String eventId) {
        new SimAdmin(imds.sim().adminUrl()).end(eventId);
        note("ended " + eventId);
    }

    void faultAll(FaultSpec f) {
        for (int k = 1; k <= NODES; k++) {
            imds.sim().fault(imds.vm(k), f);
        }
        note("fault on every VM: " + f);
    }

    void clearFaults() {
        SimAdmin admin = new SimAdmin(imds.sim().adminUrl());
        for (int k = 1; k <= NODES; k++) {
            admin.clearFaults(imds.vm(k));
        }
        note("faults cleared");
    }

    /** An administrator's standby (crm_attribute, as the documentation says). */
    void adminStandby(int k, boolean on) {
        lab.execOk(lab.liveNode(1), "crm_attribute", "--node", lab.nodeName(k), "--name",
                "standby", "--update", on ? "on" : "off");
        note("administrator: standby " + (on ? "on" : "off") + " for node" + k);
    }

    SimEvent event(String id) {
        return imds.sim().events().stream().filter(e -> e.eventId().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no event " + id));
    }

    /** Polls until the predicate holds on an observation; false after the timeout. */
    boolean await(String what, Duration timeout, Predicate<ClusterView> p) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            ClusterView v = observe();
            if (v != null && p.test(v)) {
                return true;
            }
            pause();
        }
        note("timed out after " + timeout.toSeconds() + "s waiting for " + what);
        return false;
    }

    /** Observes for a while (for "never" oracles): every observation is checked. */
    void watchFor(Duration d) {
        Instant end = Instant.now().plus(d);
        while (Instant.now().isBefore(end)) {
            observe();
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** One observation: the platform acts, the cluster is read, invariants and milestones run. */
    ClusterView observe() {
        platform();
        Instant before = Instant.now();
        ClusterView v = ClusterView.tryRead(lab, reader()).orElse(null);
        if (v == null) {
            return null;
        }
        last = v;
        Invariants.check(this, v, before, imds.sim().events(), lastSeenRunning, violations);
        milestones.forEach((name, p) -> {
            if (!timeline.has(name) && p.test(v)) {
                timeline.mark(name, Instant.now());
                note("milestone " + name);
            }
        });
        for (SimEvent e : imds.sim().events()) {
            e.approvedAt().ifPresent(at -> timeline.mark("approved", at));
        }
        return v;
    }

    /** The first node that is up and not rejoining: its view of the others is settled. */
    private int reader() {
        for (int k = 1; k <= NODES; k++) {
            if (lab.isUp(k) && !rejoining.containsKey(k) && !bootAt.containsKey(k)) {
                return k;
            }
        }
        return lab.liveNode(1);
    }

    ClusterView last() {
        return last;
    }

    /** Something worth reporting that is not a failure; printed with the verdict. */
    void remark(String text) {
        if (remarks.add(text)) {
            note("REMARK " + text);
        }
    }

    void violation(String text) {
        if (violations.add(text)) {
            note("VIOLATION " + text);
        }
    }

    /** Azure: a Started Reboot/Redeploy/Preempt takes the VM down for a while, one at a time. */
    private void platform() {
        Instant now = Instant.now();
        for (Map.Entry<Integer, Instant> b : new TreeMap<>(bootAt).entrySet()) {
            if (!now.isBefore(b.getValue())) {
                lab.boot(b.getKey());
                bootAt.remove(b.getKey());
                rejoining.put(b.getKey(), now);
                note("platform: booted node" + b.getKey());
            }
        }
        if (last != null) {
            for (int k = 1; k <= NODES; k++) {
                boolean online = last.node(lab.nodeName(k)).online();
                if (!online && (bootAt.containsKey(k) || rejoining.containsKey(k))) {
                    seenOffline.add(k);
                }
                Instant booted = rejoining.get(k);
                if (booted != null && online && (seenOffline.contains(k)
                        || now.isAfter(booted.plus(REJOIN_GRACE)))) {
                    rejoining.remove(k);
                    seenOffline.remove(k);
                }
            }
        }
        if (!crashOnStart || !bootAt.isEmpty() || !rejoining.isEmpty()) {
            return;
        }
        for (SimEvent e : imds.sim().events()) {
            boolean takesVmDown = switch (e.type()) {
                case REBOOT, REDEPLOY, PREEMPT -> true;
                case FREEZE, TERMINATE -> false;
            };
            if (!takesVmDown || e.phase() != SimEvent.Phase.STARTED
                    || !rebootedFor.add(e.eventId())) {
                continue;
            }
            for (int k = 1; k <= NODES; k++) {
                if (e.resources().contains(imds.vm(k)) && lab.isUp(k)) {
                    timeline.mark("reboot", Instant.now());
                    lab.crash(k);
                    note("platform: " + e.type() + " " + e.eventId() + " started: crashed node"
                            + k);
                    bootAt.put(k, Instant.now().plus(REBOOT_DOWNTIME));
                }
            }
            return;
        }
    }

    /**
     * Runs one action of the agent by hand inside node k, as Pacemaker would (same OCF
     * environment), killed with SIGKILL after {@code killAfter} if still running: the way a
     * scenario races two passes or kills one mid-pass.
     */
    ProcessRun.Outcome agentAction(int k, String action, Duration killAfter) {
        List<String> argv = new ArrayList<>(List.of("env", "OCF_ROOT=/usr/lib/ocf",
                "OCF_RESOURCE_INSTANCE=" + agent.resource(),
                "OCF_RESOURCE_TYPE=" + agent.prefix(),
                "OCF_RESOURCE_PROVIDER=" + agent.spec().substring(0, agent.spec().indexOf(':')),
                "OCF_RESKEY_CRM_meta_interval=3000",
                "OCF_RESKEY_CRM_meta_on_node=" + lab.nodeName(k),
                "HA_RSCTMP=/run/resource-agents"));
        if (agent.ours()) {
            argv.add("OCF_RESKEY_imds_url=" + LabImds.OUR_IMDS_URL);
        }
        argv.addAll(List.of("timeout", "-s", "KILL",
                String.format("%.3f", killAfter.toMillis() / 1000.0),
                "/usr/lib/ocf/resource.d/" + agent.spec().replace(':', '/'), action));
        return lab.exec(k, argv.toArray(String[]::new));
    }

    /** Records the verdict (results file, stdout) and returns the problems, empty on PASS. */
    List<String> verdict(List<String> oracleProblems) {
        List<String> problems = new ArrayList<>(violations);
        problems.addAll(oracleProblems);
        String verdict = problems.isEmpty() ? "PASS" : "FAIL";
        String reason = (problems.isEmpty() ? "all oracles hold" : String.join("; ", problems))
                + (remarks.isEmpty() ? "" : " [" + String.join("; ", remarks) + "]");
        String line = String.join("\t", scenario, agent.spec(), verdict, reason,
                timeline.render());
        note(verdict + " " + reason);
        note("timeline " + timeline.render());
        try {
            Files.writeString(LabPaths.results().resolve("results.tsv"), line + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write results", e);
        }
        System.out.println("LAB " + verdict + " | " + scenario + " | " + agent.spec() + " | "
                + reason + " | " + timeline.render());
        return problems;
    }

    @Override
    public void close() {
        try {
            imds.close();
        } finally {
            try {
                lab.close();
            } finally {
                log.close();
            }
        }
    }
}
