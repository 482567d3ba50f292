package dev.azevents.simulation;

import dev.azevents.engine.Action;
import dev.azevents.engine.ClusterNode;
import dev.azevents.engine.ClusterSnapshot;
import dev.azevents.engine.NodeRecord;
import dev.azevents.engine.NodeState;
import dev.azevents.engine.PullLease;
import dev.azevents.engine.Strategy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * An in-memory Pacemaker cluster: nodes, a few resources that take ticks to stop and start,
 * standby and node health, reboots, the agent's attributes and the pull lease. Standby, the
 * agent's attributes and {@code azName} are permanent (they survive a reboot);
 * {@code #health-azure} is permanent too, as {@code azure-events-az} writes it
 * ({@code --lifetime=forever}) and as the cluster adapter does, unless the cluster is built with
 * transient health (lost on reboot), which a run's seed chooses: the engine must handle both.
 */
public final class SimCluster {

    /** Ticks a resource takes to stop and to start. */
    public static final int STOP_TICKS = 2;
    public static final int START_TICKS = 2;

    private final Strategy strategy;
    private final boolean healthTransient;
    private final Map<String, SimNode> nodes = new LinkedHashMap<>();
    private final List<SimResource> resources = new ArrayList<>();
    private final Map<String, String> hostNames = new TreeMap<>();
    private final Consumer<String> timeline;
    private Optional<PullLease> lease = Optional.empty();
    /** Sees every CIB change with true time: the oracle's ground truth. */
    private History history = History.NONE;
    /** Nodes of a partition without quorum: they see {@code quorate=false}. */
    private final java.util.Set<String> minority = new java.util.TreeSet<>();
    /** The originals' {@code globalPullState}, for the race model only. */
    private String pullState = "IDLE";

    public SimCluster(Strategy strategy, boolean healthTransient, List<String> nodeNames,
            int resourceCount, Consumer<String> timeline) {
        this.strategy = strategy;
        this.healthTransient = healthTransient;
        this.timeline = timeline;
        for (String n : nodeNames) {
            nodes.put(n, new SimNode(n));
        }
        for (int i = 0; i < resourceCount; i++) {
            SimResource r = new SimResource("rsc" + (i + 1));
            r.node = nodeNames.get(i % nodeNames.size());
            r.phase = SimResource.Phase.RUNNING;
            resources.add(r);
        }
    }

    /** A deep copy, for checking what a plan would lead to without touching this cluster. */
    SimCluster copy() {
        SimCluster c = new SimCluster(strategy, healthTransient, List.of(), 0, line -> { });
        nodes.forEach((name, n) -> c.nodes.put(name, n.copy()));
        resources.forEach(r -> c.resources.add(r.copy()));
        c.hostNames.putAll(hostNames);
        c.lease = lease;
        c.cloneDisabled = cloneDisabled;
        c.pullState = pullState;
        c.minority.addAll(minority);
        return c;
    }

    /** Forgets the lease (the idempotence check's copy: the input is the rest of the CIB). */
    void clearLease() {
        lease = Optional.empty();
    }

    /**
     * What the CIB says, apart from the lease: every node's standby, health and agent
     * attributes, and the hostName_ properties (the idempotence check compares two of these).
     */
    String cibState() {
        StringBuilder out = new StringBuilder();
        for (SimNode n : nodes.values()) {
            out.append(n.name).append('{').append(n.state).append(' ').append(n.ids)
                    .append(n.standby ? " standby" : "").append(n.health.isPresent()
                            ? " health=" + n.health.getAsInt() : "")
                    .append(n.drainedByAgent ? " drainedByAgent" : "")
                    .append(" doc=").append(n.lastDocVersion.orElse("-"))
                    .append(" az=").append(n.azName.orElse("-")).append("} ");
        }
        return out.append(hostNames).toString();
    }

    /** Where every CIB change is reported (the oracle), from now on. */
    void history(History value) {
        history = value;
    }

    /** The {@link dev.azevents.cluster.Cluster} port as one node's agent sees it. */
    public dev.azevents.cluster.Cluster view(String node) {
        return new ClusterView(this, node);
    }

    public Strategy strategy() {
        return strategy;
    }

    public List<String> nodeNames() {
        return List.copyOf(nodes.keySet());
    }

    SimNode node(String name) {
        return nodes.get(name);
    }

    List<SimResource> resources() {
        return resources;
    }

    /**
     * Our clone runs there: standby stops it, as do a ban, a failed start or a stopped
     * instance ({@code cloneBlocked}) and a shutdown; the health strategy's clone ignores health.
     */
    public boolean cloneRuns(String name) {
        SimNode n = nodes.get(name);
        // Standby strategy: a standby lifted since the scheduler last ran has not started the
        // clone instance yet (Pacemaker starts it in the next transition).
        boolean starting = strategy == Strategy.STANDBY && n != null && n.transition;
        return n != null && n.online && !n.standby && !n.cloneBlocked && !n.shuttingDown
                && !cloneDisabled && !starting;
    }

    /** The administrator stopped (or deleted) the clone everywhere. */
    boolean cloneDisabled;

    public boolean member(String name) {
        return nodes.containsKey(name);
    }

    public boolean online(String name) {
        return nodes.get(name).online;
    }

    /** What one pass of {@code reader} reads: in a partition without quorum, quorate=false. */
    public ClusterSnapshot snapshot(String reader) {
        ClusterSnapshot all = snapshot();
        return minority.contains(reader) ? new ClusterSnapshot(all.nodes(), all.lease(),
                all.hostNames(), all.transitionInFlight(), all.maintenanceMode(), false) : all;
    }

    /** What one pass reads (with quorum). */
    public ClusterSnapshot snapshot() {
        List<ClusterNode> list = new ArrayList<>();
        boolean inFlight = false;
        for (SimNode n : nodes.values()) {
            boolean runs = resources.stream().anyMatch(r -> n.name.equals(r.node));
            // A standby or health change starts a transition: until the scheduler has run it
            // (the next tick), crm_mon shows the node as changing.
            boolean changing = n.transition || resources.stream().anyMatch(r -> n.name.equals(
                    r.node) && r.phase != SimResource.Phase.RUNNING);
            inFlight |= changing;
            NodeRecord record = new NodeRecord(n.state, n.ids, n.lastDocVersion, n.azName,
                    n.drainedByAgent, n.health, n.overridden);
            list.add(new ClusterNode(n.name, n.online, n.standby, false, false, healthy(n), runs,
                    changing, n.shuttingDown, cloneRuns(n.name), record));
        }
        return new ClusterSnapshot(list, lease, hostNames, inFlight, false, true);
    }

    private static boolean healthy(SimNode n) {
        return n.health.isEmpty() || n.health.getAsInt() >= 0;
    }

    boolean canHost(SimNode n) {
        return n.online && !n.standby && healthy(n) && !n.shuttingDown;
    }

    /** Every CIB action of a plan, as one update (approvals are not CIB actions). */
    public void apply(String by, List<Action> actions) {
        SimCluster before = history.wantsBefore() ? copy() : null;
        for (Action a : actions) {
            applyOne(by, a);
        }
        history.wrote(by, actions, before, this);
    }

    // Java 17 has no pattern switch: an instanceof chain over the sealed Action type.
    private void applyOne(String by, Action action) {
        if (action instanceof Action.SetNodeState s) {
            SimNode n = nodes.get(s.node());
            n.state = s.state();
            n.ids = s.eventIds();
            timeline.accept(by + ": " + s.node() + " -> " + s.state()
                    + (s.eventIds().isEmpty() ? "" : " " + s.eventIds()) + " (" + s.reason() + ")");
        } else if (action instanceof Action.SetStandby s) {
            SimNode n = nodes.get(s.node());
            n.transition |= n.standby != s.on();
            n.standby = s.on();
            n.drainedByAgent = s.on();
            timeline.accept(by + ": standby " + (s.on() ? "on" : "off") + " for " + s.node());
        } else if (action instanceof Action.SetHealth h) {
            SimNode n = nodes.get(h.node());
            n.transition |= !n.health.equals(OptionalInt.of(h.value()));
            n.health = OptionalInt.of(h.value());
            n.drainedByAgent = h.value() < 0;
            timeline.accept(by + ": #health-azure=" + h.value() + " on " + h.node());
        } else if (action instanceof Action.RecordOverride o) {
            nodes.get(o.node()).drainedByAgent = false;
            nodes.get(o.node()).overridden = o.eventIds();
        } else if (action instanceof Action.RecordIdentity r) {
            nodes.get(r.node()).azName = Optional.of(r.azName());
            hostNames.put(r.azName(), r.node());
        } else if (action instanceof Action.RecordDocVersion v) {
            nodes.get(v.node()).lastDocVersion = Optional.of(Long.toString(v.incarnation()));
        }
        // Action.ApproveEvents is not a CIB write.
    }

    /** The plan's write, fenced: applied only while {@code held} is the lease recorded. */
    public boolean applyHolding(String by, List<Action> actions, PullLease held) {
        if (!lease.equals(Optional.of(held))) {
            return false;
        }
        apply(by, actions);
        return true;
    }

    /** The atomic create: fails when a lease exists. */
    public boolean createLease(String by, PullLease l) {
        if (lease.isPresent()) {
            return false;
        }
        lease = Optional.of(l);
        history.leaseCreated(by, l);
        return true;
    }

    /** The compare-and-delete of exactly this value. */
    public boolean deleteLease(String by, PullLease l) {
        if (lease.equals(Optional.of(l))) {
            lease = Optional.empty();
            history.leaseDeleted(by, l);
        }
        return lease.isEmpty();
    }

    /** A broken adapter (mutants only): writes the lease whatever is there. */
    void overwriteLease(String by, PullLease l) {
        // Not a delete: the holder of the lease overwritten still believes it holds it.
        lease = Optional.of(l);
        history.leaseCreated(by, l);
    }

    /** A broken adapter (mutants only): deletes whatever lease is there. */
    void deleteAnyLease(String by) {
        lease.ifPresent(old -> history.leaseDeleted(by, old));
        lease = Optional.empty();
    }

    public Optional<PullLease> lease() {
        return lease;
    }

    String pullState() {
        return pullState;
    }

    void pullState(String value) {
        pullState = value;
    }

    /** An administrator's standby (the agent must never undo it). */
    public void adminStandby(String name, boolean on) {
        SimNode n = nodes.get(name);
        n.transition |= n.standby != on;
        n.standby = on;
        n.adminStandby = on;
        timeline.accept("admin: standby " + (on ? "on" : "off") + " for " + name);
    }

    /** An administrator sets {@code #health-azure} by hand (the agent must never undo it). */
    void adminHealth(String name, OptionalInt value) {
        SimNode n = nodes.get(name);
        n.health = value;
        n.adminHealth = value.isPresent();
        n.transition = true;
        timeline.accept("admin: #health-azure " + (value.isPresent() ? "=" + value.getAsInt()
                : "deleted") + " on " + name);
    }

    /** {@code crm node delete}: the node leaves; its {@code hostName_} property stays. */
    void remove(String name) {
        nodes.remove(name);
        minority.remove(name);
        for (SimResource r : resources) {
            if (name.equals(r.node)) {
                r.node = null;
                r.phase = SimResource.Phase.STOPPED;
            }
        }
        timeline.accept("admin: " + name + " removed from the cluster (crm node delete)");
    }

    /** A new node joins. */
    void add(String name) {
        nodes.put(name, new SimNode(name));
        timeline.accept("admin: " + name + " added to the cluster");
    }

    /** A partition: these nodes lose quorum (empty: healed). */
    void partition(java.util.Collection<String> lost) {
        minority.clear();
        minority.addAll(lost);
        timeline.accept("corosync: " + (lost.isEmpty() ? "partition healed"
                : lost + " lost quorum"));
    }

    boolean quorate(String name) {
        return !minority.contains(name);
    }

    /** Python agent leftovers: its {@code globalPullState} stuck at PULLING. */
    void pythonLeftovers() {
        pullState = "PULLING";
    }

    /** The VM restarts: everything on it dies at once; it is back after {@code ticks}. */
    public void reboot(String name, int ticks) {
        SimNode n = nodes.get(name);
        if (n == null) {
            return;
        }
        if (!n.online) {
            n.bootTicksLeft = Math.max(n.bootTicksLeft, ticks);
            return;
        }
        n.online = false;
        n.bootTicksLeft = ticks;
        if (healthTransient) {
            n.health = OptionalInt.empty();
            n.adminHealth = false;
        }
        for (SimResource r : resources) {
            if (name.equals(r.node)) {
                r.node = null;
                r.phase = SimResource.Phase.STOPPED;
            }
        }
        timeline.accept("azure: " + name + " reboots");
    }

    /** One tick of Pacemaker: boots progress, resources stop, move and start. */
    public void tick() {
        for (SimNode n : nodes.values()) {
            n.transition = false;
            if (!n.online && --n.bootTicksLeft <= 0) {
                n.online = true;
                n.shuttingDown = false;
                timeline.accept("azure: " + n.name + " is back online"
                        + (n.standby ? " (still in standby)" : ""));
            }
        }
        for (SimResource r : resources) {
            step(r);
        }
    }

    private void step(SimResource r) {
        switch (r.phase) {
            case RUNNING -> {
                if (!canHost(nodes.get(r.node))) {
                    r.phase = SimResource.Phase.STOPPING;
                    r.ticksLeft = STOP_TICKS;
                }
            }
            case STARTING -> {
                if (!canHost(nodes.get(r.node))) {
                    r.phase = SimResource.Phase.STOPPING;
                    r.ticksLeft = STOP_TICKS;
                } else if (--r.ticksLeft <= 0) {
                    r.phase = SimResource.Phase.RUNNING;
                    timeline.accept("pacemaker: " + r.id + " started on " + r.node);
                }
            }
            case STOPPING -> {
                if (--r.ticksLeft <= 0) {
                    timeline.accept("pacemaker: " + r.id + " stopped on " + r.node);
                    r.node = null;
                    r.phase = SimResource.Phase.STOPPED;
                }
            }
            case STOPPED -> placeStopped(r);
        }
    }

    private void placeStopped(SimResource r) {
        List<SimNode> hosts = nodes.values().stream().filter(this::canHost).toList();
        if (hosts.isEmpty()) {
            return;
        }
        // Spread: the host with the fewest resources, first by name on a tie.
        SimNode best = hosts.get(0);
        for (SimNode h : hosts) {
            if (load(h) < load(best)) {
                best = h;
            }
        }
        r.node = best.name;
        r.phase = SimResource.Phase.STARTING;
        r.ticksLeft = START_TICKS;
    }

    private long load(SimNode n) {
        return resources.stream().filter(r -> n.name.equals(r.node)).count();
    }

    /** One node: Pacemaker's view plus the agent's attributes. */
    static final class SimNode {
        final String name;
        boolean online = true;
        boolean standby;
        OptionalInt health = OptionalInt.empty();
        int bootTicksLeft;
        NodeState state = NodeState.AVAILABLE;
        List<String> ids = List.of();
        Optional<String> lastDocVersion = Optional.empty();
        Optional<String> azName = Optional.empty();
        boolean drainedByAgent;
        List<String> overridden = List.of();
        /** Ground truth for the ownership check: an administrator put this standby there. */
        boolean adminStandby;
        /** Ground truth: an administrator set {@code #health-azure} by hand. */
        boolean adminHealth;
        /** Ground truth: an administrator brought the node online during these events. */
        Optional<String> adminOnlineFor = Optional.empty();
        /** Pacemaker is shutting down on this node. */
        boolean shuttingDown;
        /** Our clone instance is stopped, banned or failed here. */
        boolean cloneBlocked;
        /** A standby or health change not yet run by the scheduler. */
        boolean transition;

        SimNode(String name) {
            this.name = name;
        }

        SimNode copy() {
            SimNode c = new SimNode(name);
            c.online = online;
            c.standby = standby;
            c.health = health;
            c.bootTicksLeft = bootTicksLeft;
            c.state = state;
            c.ids = ids;
            c.lastDocVersion = lastDocVersion;
            c.azName = azName;
            c.drainedByAgent = drainedByAgent;
            c.overridden = overridden;
            c.adminStandby = adminStandby;
            c.adminHealth = adminHealth;
            c.adminOnlineFor = adminOnlineFor;
            c.shuttingDown = shuttingDown;
            c.cloneBlocked = cloneBlocked;
            c.transition = transition;
            return c;
        }
    }

    /** One primitive resource. */
    static final class SimResource {
        enum Phase { RUNNING, STOPPING, STOPPED, STARTING }

        final String id;
        String node;
        Phase phase = Phase.STOPPED;
        int ticksLeft;

        SimResource(String id) {
            this.id = id;
        }

        SimResource copy() {
            SimResource c = new SimResource(id);
            c.node = node;
            c.phase = phase;
            c.ticksLeft = ticksLeft;
            return c;
        }
    }
}
