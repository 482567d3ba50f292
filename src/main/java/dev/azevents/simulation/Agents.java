package dev.azevents.simulation;

import dev.azevents.engine.Decider;
import dev.azevents.engine.EventAbsences;
import dev.azevents.engine.LeaseSighting;
import dev.azevents.engine.NodeIdentity;
import dev.azevents.engine.Plan;
import dev.azevents.imds.EventsDocument;
import dev.azevents.imds.Imds;
import dev.azevents.imds.ImdsResult;
import dev.azevents.imds.InstanceCompute;
import dev.azevents.ocf.AgentLog;
import dev.azevents.ocf.AgentParameters;
import dev.azevents.ocf.IdleMemory;
import dev.azevents.ocf.MonitorPass;
import dev.azevents.ocf.PassResult;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The agent on every node, as production builds it: {@link MonitorPass} with the agent's
 * parameters, the {@code Cluster} port bound to the node, the {@code Imds} port of its VM, the
 * injected decision function and the node's own clock (true time plus its skew). Also the strict
 * idempotence check: a second pass on the cluster as a pass left it, same document, same instant,
 * must change nothing.
 */
final class Agents {

    private final Simulation.Setup setup;
    private final SimCluster cluster;
    private final SimAzure azure;
    private final World world;
    private final DemoClock trueClock;
    private final Decider decider;
    private final BooleanSupplier imdsFails;
    private final Invariants invariants;
    private final Consumer<String> timeline;
    private final AgentParameters parameters;
    private final Random clocks;
    private final int maxSkewSeconds;
    private final Map<String, Duration> skews = new TreeMap<>();
    /**
     * Each node's local state between passes (production keeps it in the agent's state file
     * under /run: lost when the node reboots): what it saw of the lease, and since when, and
     * what its last full idle pass saw (so that its next passes take the idle shortcut).
     */
    private final Map<String, Local> local = new TreeMap<>();
    /** Passes that ended idle without reading the cluster: the shortcut is exercised. */
    private int shortcuts;

    /** One node's state file. */
    private record Local(Optional<LeaseSighting> leaseSeen, Optional<IdleMemory> idle,
            Optional<java.time.Instant> reapproval, EventAbsences absences) {
        static final Local NONE = new Local(Optional.empty(), Optional.empty(),
                Optional.empty(), EventAbsences.none(EventAbsences.CONFIRMATION));
    }

    Agents(Simulation.Setup setup, Knobs knobs, SimCluster cluster, SimAzure azure, World world,
            DemoClock trueClock, Decider decider, Random clocks, BooleanSupplier imdsFails,
            Invariants invariants, Consumer<String> timeline) {
        this.setup = setup;
        this.cluster = cluster;
        this.azure = azure;
        this.world = world;
        this.trueClock = trueClock;
        this.decider = decider;
        this.imdsFails = imdsFails;
        this.invariants = invariants;
        this.timeline = timeline;
        this.clocks = clocks;
        this.maxSkewSeconds = knobs.maxSkewSeconds();
        this.parameters = new AgentParameters(setup.strategy(), knobs.eventTypes(), false, 0,
                Duration.ZERO, Duration.ofSeconds(1), URI.create("sim://imds"), Knobs.LEASE,
                knobs.leadTime(), knobs.freezeIgnoreBelow(), 6);
    }

    AgentParameters parameters() {
        return parameters;
    }

    /** This node's clock: true time plus a skew drawn once per node from the clocks' seed. */
    Clock clock(String node) {
        Duration skew = skews.computeIfAbsent(node, n -> maxSkewSeconds == 0 ? Duration.ZERO
                : Duration.ofSeconds(clocks.nextInt(2 * maxSkewSeconds + 1) - maxSkewSeconds));
        Clock clock = Clock.offset(trueClock, skew);
        return setup.mutant().map(m -> m.clock(cluster, node, clock)).orElse(clock);
    }

    AgentPass newPass(String node, Simulation.Protocol protocol) {
        NodeIdentity self = new NodeIdentity(node, world.vm(node));
        Imds imds = azure.imds(self.azName(), imdsFails);
        return switch (protocol) {
            case ORIGINAL -> new OriginalPass(self, cluster, imds, parameters.policy(),
                    trueClock::instant, timeline);
            case LEASE -> {
                Recording recording = new Recording(imds);
                var port = setup.mutant().map(m -> m.cluster(cluster, node, cluster.view(node)))
                        .orElse(cluster.view(node));
                MonitorPass pass = new MonitorPass(parameters, port, recording, decider,
                        clock(node), d -> {
                            throw new IllegalStateException("the simulation steps waits");
                        }, log(node));
                Local saved = local.getOrDefault(node, Local.NONE);
                pass.rememberingLease(saved.leaseSeen()).rememberingIdle(saved.idle())
                        .rememberingReapproval(saved.reapproval())
                        .rememberingAbsences(saved.absences());
                yield new ShippedPass(self, pass, trueClock::instant, recording::document);
            }
        };
    }

    private AgentLog log(String node) {
        return (level, message) -> {
            if (level != AgentLog.Level.DEBUG) {
                timeline.accept(node + ": " + level + " " + message);
            }
        };
    }

    /** How many passes took the idle shortcut so far. */
    int shortcuts() {
        return shortcuts;
    }

    /** The node rebooted: its local state (the state file in /run) is gone. */
    void forget(String node) {
        local.remove(node);
    }

    /** One step; right after a write, the same pass again must change nothing. */
    void step(AgentPass pass) {
        boolean writes = pass instanceof ShippedPass shipped && shipped.writesNext();
        String before = writes ? cluster.cibState() : "";
        pass.step();
        if (pass instanceof ShippedPass shipped) {
            // The idle memory as production keeps it: written when the pass ends, so a pass
            // killed half-way leaves the one before it.
            Local saved = local.getOrDefault(pass.node(), Local.NONE);
            local.put(pass.node(), new Local(shipped.leaseSeen(),
                    shipped.done() ? shipped.idleMemory() : saved.idle(),
                    shipped.lastReapproval(), shipped.absences()));
            if (shipped.done() && shipped.tookShortcut()) {
                shortcuts++;
            }
        }
        if (writes && !before.equals(cluster.cibState())) {
            checkIdempotent((ShippedPass) pass);
        }
    }

    /**
     * Strict idempotence, at the instant of the write (the world holds still between a pass's
     * re-read and its write): a second pass on the CIB the write left, with the same document
     * and the same clock, changes nothing.
     */
    private void checkIdempotent(ShippedPass shipped) {
        AgentPass pass = shipped;
        if (shipped.document().isEmpty()) {
            return;
        }
        SimCluster copy = cluster.copy();
        copy.clearLease();
        String before = copy.cibState();
        EventsDocument document = shipped.document().get();
        MonitorPass again = new MonitorPass(parameters, copy.view(pass.node()), frozen(document),
                decider, Clock.fixed(clock(pass.node()).instant(), java.time.ZoneOffset.UTC),
                d -> { }, (level, message) -> { })
                // The state file is input too: what this node's reads missed, and since when.
                .rememberingAbsences(shipped.absences());
        PassResult second = again.run(shipped.self());
        String after = copy.cibState();
        if (!before.equals(after)) {
            invariants.violated(Invariants.Kind.NOT_IDEMPOTENT, pass.node() + " ran again on "
                    + "the same document (incarnation " + document.incarnation() + ") and "
                    + "changed the CIB: " + before + " -> " + after + " (" + second + ")");
        }
    }

    /** After convergence no node's engine wants to write anything. */
    void checkQuiet(Invariants invariants) {
        for (String node : cluster.nodeNames()) {
            if (!cluster.cloneRuns(node)) {
                continue;
            }
            Plan plan = decider.decide(cluster.snapshot(node), azure.document(world.vm(node)),
                    new NodeIdentity(node, world.vm(node)), parameters.policy(),
                    clock(node).instant());
            if (!plan.isIdle()) {
                invariants.violated(Invariants.Kind.NOT_QUIET, node + " would still do "
                        + plan.actions());
            }
        }
    }

    /** The same document again, approvals going nowhere. */
    private static Imds frozen(EventsDocument document) {
        return new Imds() {
            @Override
            public ImdsResult<EventsDocument> events() {
                return new ImdsResult.Ok<>(document);
            }

            @Override
            public ImdsResult<InstanceCompute> instance() {
                throw new IllegalStateException("not asked in a pass");
            }

            @Override
            public ImdsResult<Void> approve(List<String> ids) {
                return new ImdsResult.Ok<>(null);
            }
        };
    }

    /** Remembers the document the pass fetched. */
    private static final class Recording implements Imds {
        private final Imds imds;
        private Optional<EventsDocument> document = Optional.empty();

        Recording(Imds imds) {
            this.imds = imds;
        }

        Optional<EventsDocument> document() {
            return document;
        }

        @Override
        public ImdsResult<EventsDocument> events() {
            ImdsResult<EventsDocument> r = imds.events();
            if (r instanceof ImdsResult.Ok<EventsDocument> ok) {
                document = Optional.of(ok.value());
            }
            return r;
        }

        @Override
        public ImdsResult<InstanceCompute> instance() {
            return imds.instance();
        }

        @Override
        public ImdsResult<Void> approve(List<String> ids) {
            return imds.approve(ids);
        }
    }
}
