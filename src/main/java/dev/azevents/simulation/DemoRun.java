package dev.azevents.simulation;

import dev.azevents.engine.Decider;
import dev.azevents.engine.Engine;
import dev.azevents.engine.EventAbsences;
import dev.azevents.engine.NodeIdentity;
import dev.azevents.engine.NodeState;
import dev.azevents.engine.Strategy;
import dev.azevents.imds.EventType;
import dev.azevents.imds.EventsDocument;
import dev.azevents.imds.Imds;
import dev.azevents.imds.ImdsClient;
import dev.azevents.imds.ImdsConfig;
import dev.azevents.imds.ImdsResult;
import dev.azevents.imds.InstanceCompute;
import dev.azevents.ocf.AgentLog;
import dev.azevents.ocf.AgentParameters;
import dev.azevents.ocf.MonitorPass;
import dev.azevents.sim.EventSpec;
import dev.azevents.sim.ImdsSimulator;
import dev.azevents.sim.Scope;
import dev.azevents.sim.SimEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The demo: a 3-node in-memory cluster, the real IMDS simulator over HTTP on loopback and the
 * real IMDS client, every node running the agent that ships ({@link MonitorPass}, through the
 * same ports as production) at its monitor interval, on virtual time so a story takes seconds.
 * The invariants are checked throughout; the run succeeds when they held and every node is back.
 */
public final class DemoRun {

    /** How a story ended. */
    public record Result(Map<Invariants.Kind, String> violations, List<String> problems) {
        public boolean ok() {
            return violations.isEmpty() && problems.isEmpty();
        }
    }

    static final int NODES = 3;
    static final Duration MONITOR_INTERVAL = Duration.ofSeconds(10);
    static final Duration LEASE = Duration.ofSeconds(60);
    /** A VM takes this long to restart (virtual seconds). */
    static final int REBOOT_SECONDS = 20;
    /** Started events stay listed this long (Azure: about 10 minutes; shortened for the demo). */
    static final long STARTED_SECONDS = 120;
    static final int MAX_SECONDS = 3 * 3600;
    /** Quiet monitor intervals after the last event before the story ends. */
    static final int QUIET_INTERVALS = 2;
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    static final Instant START = Instant.parse("2026-05-04T02:00:00Z");

    private final Story story;
    private final Decider decider;
    private final Strategy strategy;
    private final Consumer<String> out;
    private final DemoClock clock = new DemoClock(START);
    private final SimCluster cluster;
    private final Invariants invariants;
    private final Map<String, String> vmOf = new TreeMap<>();
    private final Map<String, String> nodeOf = new TreeMap<>();
    private final Map<String, Imds> imds = new TreeMap<>();
    private final Map<String, NodeIdentity> identities = new TreeMap<>();
    private final Map<String, MonitorPass.Steps> passes = new LinkedHashMap<>();
    /**
     * What each node's state file keeps between its passes: the recorded events its reads
     * missed, and since when (a drain ends on two reads a monitor interval apart). Lost when the
     * node reboots, as the file under /run is.
     */
    private final Map<String, EventAbsences> absences = new TreeMap<>();
    private final Map<String, MonitorPass> agents = new TreeMap<>();
    private final Map<String, Instant> wakeAt = new TreeMap<>();
    private final Set<String> started = new TreeSet<>();
    private final Set<String> ended = new TreeSet<>();
    private final List<String> problems = new ArrayList<>();
    private boolean killed;

    private DemoRun(Story story, Strategy strategy, Decider decider, Consumer<String> out) {
        this.story = story;
        this.decider = decider;
        this.strategy = strategy;
        this.out = out;
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= NODES; i++) {
            names.add("node" + i);
            vmOf.put("node" + i, "vm" + i);
            nodeOf.put("vm" + i, "node" + i);
        }
        this.cluster = new SimCluster(strategy, false, names, NODES, this::say);
        this.invariants = new Invariants(cluster, nodeOf, clock::instant, LEASE, true);
    }

    /** Plays a story; everything it shows goes to {@code out}, one line at a time. */
    public static Result play(Story story, Strategy strategy, Consumer<String> out) {
        return play(story, strategy, new Engine(), out);
    }

    /** Plays a story with this decision function (a test may break it). */
    public static Result play(Story story, Strategy strategy, Decider decider,
            Consumer<String> out) {
        return new DemoRun(story, strategy, decider, out).play();
    }

    private Result play() {
        Scope scope = strategy == Strategy.STANDBY ? Scope.AVAILABILITY_SET : Scope.STANDALONE;
        ImdsSimulator.Builder builder = ImdsSimulator.builder().scope(scope).clock(clock)
                .log(line -> { });
        vmOf.values().forEach(builder::vm);
        try (ImdsSimulator sim = builder.build()) {
            sim.start();
            out.accept("azevents demo: story " + story.label() + ", strategy "
                    + strategy.name().toLowerCase() + " (" + strategy.attributePrefix() + ")");
            out.accept("  " + story.summary());
            out.accept("  3 nodes, IMDS simulator on " + sim.adminUrl().getAuthority() + " ("
                    + scope + "), monitor every " + MONITOR_INTERVAL.toSeconds()
                    + " s, virtual time");
            connect(sim);
            story.adminStandby().forEach(n -> cluster.adminStandby(n, true));
            run(sim);
            checkStory(sim);
        }
        out.accept("invariants: " + (invariants.held() ? "every invariant held"
                : String.join("; ", invariants.violations().values())));
        problems.forEach(p -> out.accept("problem: " + p));
        out.accept("nodes: " + invariants.states());
        return new Result(invariants.violations(), problems);
    }

    /** One real client per VM; each node learns its Azure name from IMDS, as the agent does. */
    private void connect(ImdsSimulator sim) {
        ImdsConfig base = strategy == Strategy.STANDBY ? ImdsConfig.azureEvents()
                : ImdsConfig.azureEventsAz();
        for (Map.Entry<String, String> e : vmOf.entrySet()) {
            ImdsClient client = new ImdsClient(base.withBaseUrl(sim.metadataUrl(e.getValue()))
                    .withRetries(0, Duration.ZERO, REQUEST_TIMEOUT));
            ImdsResult<InstanceCompute> compute = client.instance();
            String azName = compute instanceof ImdsResult.Ok<InstanceCompute> ok
                    ? ok.value().name() : e.getValue();
            identities.put(e.getKey(), new NodeIdentity(e.getKey(), azName));
            imds.put(e.getKey(), checked(client, e.getValue(), sim));
        }
    }

    /** The client, with the approval invariant checked before each POST reaches Azure. */
    private Imds checked(ImdsClient client, String vm, ImdsSimulator sim) {
        return new Imds() {
            @Override
            public ImdsResult<EventsDocument> events() {
                return client.events();
            }

            @Override
            public ImdsResult<InstanceCompute> instance() {
                return client.instance();
            }

            @Override
            public ImdsResult<Void> approve(List<String> ids) {
                for (SimEvent e : sim.events()) {
                    if (ids.contains(e.eventId()) && e.phase() == SimEvent.Phase.SCHEDULED) {
                        invariants.approved(vm, e.eventId(), e.resources());
                    }
                }
                return client.approve(ids);
            }
        };
    }

    private void run(ImdsSimulator sim) {
        AgentParameters parameters = new AgentParameters(strategy, story.eventTypes(), false, 0,
                Duration.ZERO, REQUEST_TIMEOUT, sim.metadataUrl("vm1"), LEASE, Optional.empty(),
                Duration.ZERO, 6);
        int quietSince = -1;
        for (int second = 0; second < MAX_SECONDS; second++) {
            invariants.atStep(second);
            announce(sim, second);
            cluster.tick();
            followAzure(sim);
            runDuePasses(second, parameters);
            boolean calm = second > lastAnnouncement() && sim.events().stream()
                    .noneMatch(e -> e.phase().visible()) && passes.isEmpty() && converged();
            quietSince = calm ? (quietSince < 0 ? second : quietSince) : -1;
            if (calm && second - quietSince >= QUIET_INTERVALS * MONITOR_INTERVAL.toSeconds()) {
                say("story over: no event listed, every node back");
                return;
            }
            clock.advance(Duration.ofSeconds(1));
        }
        problems.add("the story did not end within " + MAX_SECONDS + " s");
    }

    private int lastAnnouncement() {
        return story.announcements().stream().mapToInt(Story.Announcement::atSecond).max()
                .orElse(0);
    }

    private void announce(ImdsSimulator sim, int second) {
        for (Story.Announcement a : story.announcements()) {
            if (a.atSecond() == second) {
                SimEvent e = sim.schedule(EventSpec.of(a.type(), a.vm())
                        .withActiveSeconds(STARTED_SECONDS));
                say("azure: " + a.type().azureName() + " " + e.eventId() + " announced for "
                        + a.vm() + " (" + nodeOf.get(a.vm()) + "), NotBefore "
                        + clockTime(e.notBefore()));
            }
        }
    }

    /** What Azure did since the last second: events started (VMs restart) and ended. */
    private void followAzure(ImdsSimulator sim) {
        for (SimEvent e : sim.events()) {
            boolean hasStarted = e.startedAt().isPresent();
            if (hasStarted && started.add(e.eventId())) {
                say("azure: " + e.type().azureName() + " " + e.eventId() + " started ("
                        + e.approvedBy().map(vm -> "approved by " + vm)
                                .orElse("NotBefore reached") + ")");
                if (e.type() != EventType.FREEZE) {
                    e.resources().stream().map(nodeOf::get).filter(n -> n != null)
                            .forEach(n -> {
                                cluster.reboot(n, REBOOT_SECONDS);
                                absences.remove(n);
                            });
                }
            }
            if (!e.phase().visible() && ended.add(e.eventId())) {
                say("azure: " + e.eventId() + " is over: no longer listed");
            }
        }
    }

    private void runDuePasses(int second, AgentParameters parameters) {
        List<String> nodes = cluster.nodeNames();
        for (int i = 0; i < nodes.size(); i++) {
            String node = nodes.get(i);
            // Staggered, as clone instances on different nodes are.
            long offset = i * MONITOR_INTERVAL.toSeconds() / nodes.size();
            boolean due = (second + offset) % MONITOR_INTERVAL.toSeconds() == 0;
            if (!passes.containsKey(node) && due && cluster.cloneRuns(node)) {
                MonitorPass pass = new MonitorPass(parameters, cluster.view(node), imds.get(node),
                        decider, clock, d -> {
                            throw new IllegalStateException("the demo steps waits");
                        }, log(node)).rememberingAbsences(absences.getOrDefault(node,
                                EventAbsences.none(EventAbsences.CONFIRMATION)));
                agents.put(node, pass);
                passes.put(node, pass.start(identities.get(node)));
            }
        }
        for (String node : List.copyOf(passes.keySet())) {
            MonitorPass.Steps pass = passes.get(node);
            boolean done = false;
            while (!done && !clock.instant().isBefore(wakeAt.getOrDefault(node, Instant.MIN))
                    && cluster.online(node)) {
                if (!killed && pass.phase() == MonitorPass.Phase.APPROVE
                        && story.killBeforeStep().equals(Optional.of("APPROVE"))) {
                    killed = true;
                    say(node + ": agent killed after its CIB update, before approving: the "
                            + "approval is lost and its pull lease is left behind");
                    done = true;
                    break;
                }
                MonitorPass.Step step = pass.step();
                if (step instanceof MonitorPass.Step.Wait wait) {
                    wakeAt.put(node, clock.instant().plus(wait.duration()));
                }
                done = step instanceof MonitorPass.Step.Done;
            }
            if (done && cluster.online(node)) {
                absences.put(node, agents.get(node).absences());
            }
            if (done || !cluster.online(node)) {
                passes.remove(node);
            }
        }
    }

    /** What the agent logs at INFO and above, as the demo's lines. */
    private AgentLog log(String node) {
        return (level, message) -> {
            if (level != AgentLog.Level.DEBUG) {
                say(node + ": " + message);
            }
        };
    }

    private boolean converged() {
        for (String node : cluster.nodeNames()) {
            SimCluster.SimNode n = cluster.node(node);
            boolean drained = n.drainedByAgent || (n.standby && !n.adminStandby)
                    || (n.health.isPresent() && n.health.getAsInt() < 0);
            if (!n.online || n.state != NodeState.AVAILABLE || !n.ids.isEmpty() || drained) {
                return false;
            }
        }
        return true;
    }

    /** What the story promised beyond the invariants. */
    private void checkStory(ImdsSimulator sim) {
        for (SimEvent e : sim.events()) {
            if (e.approvedAt().isEmpty()) {
                problems.add("event " + e.eventId() + " was never approved");
            } else if (e.type() == EventType.PREEMPT) {
                long early = Duration.between(e.approvedAt().get(), e.notBefore()).toSeconds();
                say("the Preempt was approved " + early + " s before its NotBefore");
                if (early <= 0) {
                    problems.add("the Preempt was not approved inside its notice");
                }
            }
        }
        for (String node : story.adminStandby()) {
            if (!cluster.node(node).standby) {
                problems.add("the administrator's standby on " + node + " was lifted");
            }
        }
    }

    private void say(String line) {
        out.accept("[" + clockTime(clock.instant()) + "] " + line);
    }

    private static String clockTime(Instant t) {
        long s = Duration.between(START, t).toSeconds();
        return String.format("%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}
