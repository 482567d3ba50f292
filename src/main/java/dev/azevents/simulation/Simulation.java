package dev.azevents.simulation;

import dev.azevents.engine.Decider;
import dev.azevents.engine.Engine;
import dev.azevents.engine.NodeIdentity;
import dev.azevents.engine.NodeState;
import dev.azevents.engine.Strategy;
import dev.azevents.imds.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One deterministic run: a cluster, Azure, and the agent that ships ({@code MonitorPass}) on
 * every node, their steps interleaved at random, with crashes, stalls, IMDS failures,
 * administrators, membership changes and events, all drawn from one seed (each component from
 * its own sub-seed). A safety phase with faults is followed by a liveness phase with faults
 * healed. {@link Invariants} judges from the cluster's ground truth; any exception is a CRASH
 * verdict with the seed and its replay line.
 */
public final class Simulation {

    /** Which pass protocol the agents follow. */
    public enum Protocol { LEASE, ORIGINAL }

    /**
     * What a run is, beyond its seed.
     *
     * @param candidates fault kinds the swarm may draw (the default: those whose fixes landed)
     * @param mutant     a deliberately broken engine, adapter or clock, if any
     */
    public record Setup(Strategy strategy, Protocol protocol, Set<Fault> candidates,
            Optional<Mutant> mutant, boolean race) {

        public Setup {
            candidates = Set.copyOf(candidates);
        }

        public static Setup of(Strategy strategy) {
            return new Setup(strategy, Protocol.LEASE, Knobs.defaultCandidates(),
                    Optional.empty(), false);
        }

        public Setup protocol(Protocol value) {
            return new Setup(strategy, value, candidates, mutant, race);
        }

        public Setup withFaults(Set<Fault> more) {
            Set<Fault> all = EnumSet.noneOf(Fault.class);
            all.addAll(candidates);
            all.addAll(more);
            return new Setup(strategy, protocol, all, mutant, race);
        }

        public Setup mutant(Mutant value) {
            return new Setup(value.strategy(), protocol, candidates, Optional.of(value), race)
                    .withFaults(value.needs());
        }

        public Setup racing() {
            return new Setup(strategy, protocol, candidates, mutant, true);
        }

        /** The options of {@code bin/azevents simulate} that give this setup. */
        String options() {
            StringBuilder out = new StringBuilder(" --strategy " + strategy.name().toLowerCase());
            if (protocol != Protocol.LEASE) {
                out.append(" --protocol ").append(protocol.name().toLowerCase());
            }
            if (race) {
                out.append(" --race");
            }
            mutant.ifPresent(m -> out.append(" --mutant ").append(m.name().toLowerCase()));
            Set<Fault> extra = EnumSet.noneOf(Fault.class);
            extra.addAll(candidates);
            extra.removeAll(Knobs.defaultCandidates());
            mutant.ifPresent(m -> extra.removeAll(m.needs()));
            extra.forEach(f -> out.append(" --fault ").append(f.name().toLowerCase()));
            return out.toString();
        }
    }

    /** The end of a run. */
    public record Outcome(long seed, Setup setup, Knobs knobs,
            Map<Invariants.Kind, String> violations, long steps, int events, int approvals,
            int shortcuts) {

        public boolean held() {
            return violations.isEmpty();
        }

        /** The one line that replays this run with its timeline. */
        public String reproduce() {
            return "bin/azevents simulate --seed " + seed + setup.options();
        }
    }

    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    static final int TICK_PERCENT = 30;
    static final int MAX_WIND_DOWN_TICKS = 2_000;
    static final int LIVENESS_PASSES = 2;
    static final int SETTLE_TICKS = 3;
    /** Chance (percent) that a pass about to write stalls past its lease, when the kind is on. */
    static final int STALL_PERCENT = 10;
    /** Slack around the drain lead time when judging whether an event is due. */
    static final int LEAD_MARGIN_SECONDS = 15;

    /** Sub-seeds: one generator per component, so changing one does not reshuffle the rest. */
    private enum Component { KNOBS, SCHEDULER, EVENTS, FAULTS, ADMIN, CLOCKS }

    private final long seed;
    private final Setup setup;
    private final Knobs knobs;
    private final Random scheduler;
    private final Random faults;
    private final Consumer<String> timeline;
    private final DemoClock clock = new DemoClock(START);
    private final SimCluster cluster;
    private final SimAzure azure;
    private final Invariants invariants;
    private final World world;
    private final Agents agents;
    private final Map<String, AgentPass> passes = new TreeMap<>();
    private boolean faultsOn = true;
    private int approvals;
    private long step;

    Simulation(long seed, Setup setup, Knobs fixed, Consumer<String> timeline) {
        this.seed = seed;
        this.setup = setup;
        this.knobs = fixed != null ? fixed : setup.race()
                ? Knobs.race(random(Component.KNOBS), setup.strategy(), setup.candidates())
                : Knobs.swarm(random(Component.KNOBS), setup.strategy(), setup.candidates());
        this.scheduler = random(Component.SCHEDULER);
        this.faults = random(Component.FAULTS);
        this.timeline = line -> timeline.accept(String.format("t=%4ds ", seconds()) + line);
        Map<String, String> vmOf = new TreeMap<>();
        Map<String, String> nodeByVm = new TreeMap<>();
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= knobs.nodes(); i++) {
            names.add("node" + i);
            vmOf.put("node" + i, "vm" + i);
            nodeByVm.put("vm" + i, "node" + i);
        }
        this.cluster = new SimCluster(setup.strategy(), knobs.healthTransient(), names,
                knobs.resources(), this.timeline);
        this.invariants = new Invariants(cluster, nodeByVm, clock::instant, Knobs.LEASE,
                setup.protocol() == Protocol.LEASE);
        World[] late = new World[1];
        this.azure = new SimAzure(knobs.scope(), clock::instant, new SimAzure.Listener() {
            @Override
            public void approved(String fromVm, SimAzure.SimEvent event) {
                approvals++;
                invariants.approved(fromVm, event.id(), event.vms());
            }

            @Override
            public void started(SimAzure.SimEvent event) {
                late[0].impact(event);
            }
        });
        this.world = new World(knobs, cluster, azure, invariants, clock::instant, this.timeline,
                random(Component.EVENTS), random(Component.ADMIN), vmOf);
        late[0] = world;
        invariants.listedFor(node -> restartingEvents(world.vm(node)));
        invariants.lastRead(node -> azure.lastRead(world.vm(node)),
                (node, id) -> azure.servedTo(world.vm(node), id));
        Decider engine = new Engine();
        this.agents = new Agents(setup, knobs, cluster, azure, world, clock,
                setup.mutant().map(m -> m.decider(engine)).orElse(engine),
                random(Component.CLOCKS), () -> faultsOn
                        && faults.nextInt(100) < knobs.imdsFailPercent(), invariants,
                this.timeline);
        if (knobs.on(Fault.APPROVED_STAYS_SCHEDULED)) {
            azure.approvalDelay(Duration.ofSeconds(10 + random(Component.EVENTS).nextInt(50)));
        }
        if (knobs.on(Fault.FOLLOW_UP_NEW_ID)) {
            azure.replaceOnApproval(world::newId);
        }
        if (knobs.on(Fault.PYTHON_LEFTOVERS)) {
            cluster.pythonLeftovers();
        }
    }

    /**
     * Events of the agent's types, other than Freeze (its policy may leave short ones alone),
     * listed now for this VM: Started, or Scheduled and inside the drain lead time if one is set.
     */
    private List<String> restartingEvents(String vm) {
        List<String> out = new ArrayList<>();
        for (SimAzure.SimEvent e : azure.events()) {
            Optional<EventType> type = EventType.fromAzure(e.type());
            boolean relevant = type.isPresent() && type.get() != EventType.FREEZE
                    && knobs.eventTypes().contains(type.get()) && e.vms().contains(vm);
            // Inside the lead time by a margin: the node's clock may be skewed, and a pass
            // decided a moment ago.
            boolean near = e.status() != dev.azevents.imds.EventStatus.SCHEDULED
                    || knobs.leadTime().isEmpty() || !e.notBefore().isAfter(clock.instant()
                            .plus(knobs.leadTime().get()).minusSeconds(LEAD_MARGIN_SECONDS
                                    + knobs.maxSkewSeconds()));
            if (relevant && near) {
                out.add(e.id());
            }
        }
        return out;
    }

    private Random random(Component c) {
        return new Random(new SplittableRandom(seed * 31 + c.ordinal()).nextLong());
    }

    /** Runs seed {@code seed} of this setup (a swarm of faults, or the race). */
    public static Outcome run(long seed, Setup setup, Consumer<String> timeline) {
        return new Simulation(seed, setup, null, timeline).run();
    }

    /** Runs seed {@code seed} with a swarm of the default fault kinds. */
    public static Outcome run(long seed, Strategy strategy, Protocol protocol,
            Consumer<String> timeline) {
        return run(seed, Setup.of(strategy).protocol(protocol), timeline);
    }

    /** Runs seed {@code seed} on the two-node race scenario. */
    public static Outcome race(long seed, Strategy strategy, Protocol protocol,
            Consumer<String> timeline) {
        return run(seed, Setup.of(strategy).protocol(protocol).racing(), timeline);
    }

    World world() {
        return world;
    }

    SimCluster cluster() {
        return cluster;
    }

    SimAzure azure() {
        return azure;
    }

    Outcome run() {
        return run(List.of());
    }

    /** Runs, with {@code script} acting at its seconds (scenarios), then judges. */
    Outcome run(List<Scenario.Cue> script) {
        timeline.accept("seed " + seed + setup.options() + " " + knobs);
        try {
            if (knobs.race()) {
                world.announce(List.of("vm1"), EventType.REBOOT, Duration.ofSeconds(120));
                world.announce(List.of("vm2"), EventType.REBOOT, Duration.ofSeconds(120));
            }
            long lastCue = script.stream().mapToLong(Scenario.Cue::second).max().orElse(-1);
            for (step = 0; step < knobs.steps() || seconds() <= lastCue; step++) {
                invariants.atStep(step);
                cue(script);
                safetyStep();
            }
            if (!knobs.race()) {
                settle();
            }
        } catch (RuntimeException | StackOverflowError e) {
            StackTraceElement at = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
            invariants.violated(Invariants.Kind.CRASH, e + (at == null ? "" : " at " + at));
        }
        return new Outcome(seed, setup, knobs, invariants.violations(), step, world.announced(),
                approvals, agents.shortcuts());
    }

    private void cue(List<Scenario.Cue> script) {
        for (Scenario.Cue c : script) {
            if (c.due(this, seconds())) {
                c.act().accept(this);
                c.markDone();
            }
        }
    }

    /** Some pass has fetched the document, decided to write, and not taken the lease yet. */
    boolean aPassWaitsForTheLease() {
        return passes.values().stream().anyMatch(p -> p instanceof ShippedPass s
                && s.waitsForTheLease());
    }

    private void safetyStep() {
        Optional<AgentPass> critical = passes.values().stream()
                .filter(p -> p instanceof ShippedPass && p.decidedNotWritten()
                        && p.canStep(clock.instant())).findFirst();
        if (critical.isPresent()) {
            // Between its re-read and its write our pass takes milliseconds: the world holds
            // still, unless the pass stalls (then its lease guards the write). The originals'
            // window between deciding and writing is seconds of process calls: not held.
            stepOrKill(critical.get());
        } else if (scheduler.nextInt(100) < TICK_PERCENT) {
            tick();
        } else {
            List<String> names = cluster.nodeNames();
            String node = names.get(scheduler.nextInt(names.size()));
            AgentPass pass = passes.get(node);
            if (pass == null) {
                if (cluster.cloneRuns(node)) {
                    passes.put(node, agents.newPass(node, setup.protocol()));
                }
            } else if (pass.canStep(clock.instant())) {
                stepOrKill(pass);
            }
        }
        if (setup.protocol() == Protocol.ORIGINAL) {
            invariants.lockHolders(passes.values().stream()
                    .flatMap(p -> p.holdsLock(clock.instant()).stream()).toList());
        }
    }

    private void stepOrKill(AgentPass pass) {
        if (faultsOn && faults.nextInt(100) < knobs.crashPercent()) {
            timeline.accept(pass.node() + ": pass killed mid-way");
            passes.remove(pass.node());
            return;
        }
        if (faultsOn && knobs.on(Fault.STALL_PAST_LEASE) && pass instanceof ShippedPass shipped
                && faults.nextInt(100) < STALL_PERCENT) {
            Duration stall = Knobs.LEASE.plusSeconds(1 + faults.nextInt(10));
            if (shipped.stall(stall)) {
                timeline.accept(pass.node() + ": pass stalls " + stall.toSeconds()
                        + " s before its write");
                return;
            }
        }
        agents.step(pass);
        if (pass.done()) {
            passes.remove(pass.node());
        }
    }

    private void tick() {
        clock.advance(Duration.ofSeconds(1));
        cluster.tick();
        azure.tick();
        world.always();
        if (faultsOn) {
            world.tick();
        }
        // A VM that goes down takes its agent process with it; so does a stopped clone.
        passes.keySet().removeIf(n -> !cluster.cloneRuns(n));
        cluster.nodeNames().stream().filter(n -> !cluster.online(n)).forEach(agents::forget);
    }

    /** Liveness phase: faults healed, no new events; every node must come back. */
    private void settle() {
        faultsOn = false;
        passes.clear();
        world.heal();
        for (int t = 0; t < MAX_WIND_DOWN_TICKS && !calm(); t++) {
            tick();
            everyNodeRunsAPass();
        }
        // A lease left by a killed pass is broken only once seen unchanged for its length on the
        // breaker's own clock (issue 10 item 10): the monitors keep running meanwhile.
        for (long t = 0; t <= 2 * Knobs.LEASE.toSeconds(); t++) {
            tick();
            if (t % SETTLE_TICKS == 0) {
                everyNodeRunsAPass();
            }
        }
        for (int round = 0; round < LIVENESS_PASSES; round++) {
            for (int t = 0; t < SETTLE_TICKS; t++) {
                tick();
            }
            everyNodeRunsAPass();
        }
        for (String node : cluster.nodeNames()) {
            SimCluster.SimNode n = cluster.node(node);
            boolean back = n.online && n.state == NodeState.AVAILABLE && n.ids.isEmpty()
                    && !n.standby && !(n.health.isPresent() && n.health.getAsInt() < 0);
            if (!back) {
                invariants.violated(Invariants.Kind.NO_CONVERGENCE, node + " after "
                        + LIVENESS_PASSES + " passes: " + invariants.states()
                        + "; Azure lists " + azure.events().size() + " event(s)");
            }
        }
        agents.checkQuiet(invariants);
    }

    private boolean calm() {
        return azure.events().isEmpty()
                && cluster.nodeNames().stream().allMatch(cluster::online);
    }

    private void everyNodeRunsAPass() {
        for (String node : cluster.nodeNames()) {
            if (!cluster.cloneRuns(node)) {
                continue;
            }
            AgentPass pass = agents.newPass(node, setup.protocol());
            while (!pass.done() && pass.canStep(clock.instant())) {
                step++;
                agents.step(pass);
            }
        }
    }

    private long seconds() {
        return Duration.between(START, clock.instant()).toSeconds();
    }

    NodeIdentity identity(String node) {
        return new NodeIdentity(node, world.vm(node));
    }
}
