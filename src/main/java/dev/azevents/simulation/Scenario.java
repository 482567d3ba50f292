package dev.azevents.simulation;

import dev.azevents.engine.EventScope;
import dev.azevents.engine.Strategy;
import dev.azevents.imds.EventType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A simulation that reads as a script: the same cluster, Azure, agents and oracle as the seeded
 * runs, with the world doing only what the script says, when it says it.
 *
 * <pre>
 * Scenario t = Scenario.standby(3);
 * t.at(5).node(3).remove();
 * t.at(10).event(EventType.REBOOT, 3);
 * Simulation.Outcome o = t.run();
 * </pre>
 */
public final class Scenario {

    /** One scripted action, at one second of simulated time. */
    static final class Cue {
        private final long second;
        private final Predicate<Simulation> when;
        private final Consumer<Simulation> act;
        private boolean done;

        Cue(long second, Predicate<Simulation> when, Consumer<Simulation> act) {
            this.second = second;
            this.when = when;
            this.act = act;
        }

        long second() {
            return second;
        }

        /** From its second on, at the first step where its condition holds. */
        boolean due(Simulation s, long now) {
            return !done && now >= second && when.test(s);
        }

        Consumer<Simulation> act() {
            return act;
        }

        boolean done() {
            return done;
        }

        void markDone() {
            done = true;
        }
    }

    /** Scheduler steps of a scripted run (about 30 % are one-second ticks). */
    static final int STEPS = 2_000;
    static final Duration NOTICE = Duration.ofSeconds(60);

    private final Strategy strategy;
    private final int nodes;
    private EventScope scope = EventScope.EVERY_VM;
    private final Set<Fault> faults = EnumSet.noneOf(Fault.class);
    private final List<Cue> cues = new ArrayList<>();
    private long at;
    private Predicate<Simulation> when = s -> true;
    private long seed = 1;

    private Scenario(Strategy strategy, int nodes) {
        this.strategy = strategy;
        this.nodes = nodes;
    }

    public static Scenario standby(int nodes) {
        return new Scenario(Strategy.STANDBY, nodes);
    }

    public static Scenario health(int nodes) {
        return new Scenario(Strategy.HEALTH, nodes);
    }

    /** Each VM sees only its own events (zones, standalone VMs). */
    public Scenario ownEventsOnly() {
        scope = EventScope.UNKNOWN;
        return this;
    }

    /** The interleaving of the passes (the only thing left to chance). */
    public Scenario seed(long value) {
        seed = value;
        return this;
    }

    /** What follows happens at this second. */
    public Scenario at(long second) {
        at = second;
        when = s -> true;
        return this;
    }

    /**
     * What follows happens, from the current second on, at the first moment a pass is about to
     * let {@code node} out: the agent's drain is on it, Azure lists nothing for its VM, and a
     * pass has fetched the document and decided to write but not yet taken the lease. The race
     * of an event that appears between a pass's GET and its write, pinned.
     */
    public Scenario whenLettingOut(int node) {
        String name = "node" + node;
        String vm = "vm" + node;
        when = s -> s.cluster().member(name) && s.cluster().node(name).drainedByAgent
                && s.azure().events().stream().noneMatch(e -> e.vms().contains(vm))
                && s.aPassWaitsForTheLease();
        return this;
    }

    /**
     * What follows happens, from the current second on, once the agent has drained the node and
     * recorded it IN_EVENT (its event approved).
     */
    public Scenario whenInEvent(int node) {
        String name = "node" + node;
        when = s -> s.cluster().member(name) && s.cluster().node(name).drainedByAgent
                && s.cluster().node(name).state == dev.azevents.engine.NodeState.IN_EVENT;
        return this;
    }

    private Scenario cue(Consumer<Simulation> act) {
        cues.add(new Cue(at, when, act));
        return this;
    }

    /** A Scheduled event of {@code type} for these VMs (by number), 60 s notice. */
    public Scenario event(EventType type, int... vms) {
        List<String> names = Arrays.stream(vms).mapToObj(i -> "vm" + i).toList();
        return cue(s -> s.world().announce(names, type, NOTICE));
    }

    /** A no-notice Reboot, listed already Started, for this VM. */
    public Scenario startedEvent(int vm) {
        return cue(s -> s.world().startedNow(List.of("vm" + vm)));
    }

    /** This VM's document lists nothing for {@code seconds} (an IMDS glitch). */
    public Scenario emptyDocument(int vm, int seconds) {
        return cue(s -> s.world().blank("vm" + vm, seconds));
    }

    /** Azure gives an approved event a new id when it starts it (its mock server does). */
    public Scenario newIdOnApproval() {
        return cue(s -> s.azure().replaceOnApproval(s.world()::newId));
    }

    public NodeRef node(int number) {
        return new NodeRef("node" + number);
    }

    /** What happens to one node. */
    public final class NodeRef {
        private final String name;

        private NodeRef(String name) {
            this.name = name;
        }

        /** {@code crm node delete}: its hostName_ property stays, its VM lives on. */
        public Scenario remove() {
            return cue(s -> s.cluster().remove(name));
        }

        public Scenario standby() {
            return cue(s -> s.cluster().adminStandby(name, true));
        }

        /** {@code crm node online} (or health 0) by an administrator, mid-event. */
        public Scenario online() {
            return cue(s -> s.world().adminOnline(name));
        }

        public Scenario shutdown() {
            return cue(s -> s.world().shutdown(name, 30));
        }

        public Scenario loseQuorum() {
            return cue(s -> s.cluster().partition(List.of(name)));
        }
    }

    public Simulation.Outcome run() {
        return run(line -> { });
    }

    public Simulation.Outcome run(Consumer<String> timeline) {
        Knobs knobs = Knobs.scripted(nodes, nodes, scope, faults);
        Simulation.Setup setup = Simulation.Setup.of(strategy);
        return new Simulation(seed, setup, knobs.withSteps(STEPS), timeline).run(cues);
    }
}
