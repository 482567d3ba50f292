package dev.azevents.simulation;

import dev.azevents.engine.Strategy;
import dev.azevents.imds.EventStatus;
import dev.azevents.imds.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What Azure, Pacemaker and administrators do to the cluster: each operation once, used by the
 * seeded swarm ({@link #tick}, the fault kinds of the run's {@link Knobs}) and by scripted
 * scenarios ({@link Scenario}) alike.
 */
final class World {

    static final int MIN_REBOOT_TICKS = 3;
    static final int MAX_EXTRA_REBOOT_TICKS = 15;
    /**
     * How long a VM's document stays briefly empty (DOCUMENT_EMPTY): less than one monitor
     * interval, the agent's {@link dev.azevents.engine.EventAbsences#CONFIRMATION}. A document
     * that stays empty longer reads exactly as the end of its events in every read of that VM,
     * so no rule that lets a node back in at all can tell them apart; the agent's claim (README,
     * "A briefly empty document") covers gaps shorter than one interval, and so does the world
     * (two blanks of one VM at least an interval apart, or they would make one longer blank).
     */
    static final int MAX_BLANK_SECONDS =
            (int) dev.azevents.engine.EventAbsences.CONFIRMATION.toSeconds() - 1;
    /** Chance per tick (per mille) of a membership or placement change, when its kind is on. */
    static final int RARE_PERMILLE = 4;

    private final Knobs knobs;
    private final SimCluster cluster;
    private final SimAzure azure;
    private final Invariants invariants;
    private final Supplier<Instant> now;
    private final Consumer<String> timeline;
    private final Random events;
    private final Random admin;
    /** Node name to VM name, members and removed nodes alike (a removed node's VM lives on). */
    private final Map<String, String> vmOf;
    private final Map<String, Integer> shutdownIn = new TreeMap<>();
    private int announced;
    private int nextNode;

    World(Knobs knobs, SimCluster cluster, SimAzure azure, Invariants invariants,
            Supplier<Instant> now, Consumer<String> timeline, Random events, Random admin,
            Map<String, String> vmOf) {
        this.knobs = knobs;
        this.cluster = cluster;
        this.azure = azure;
        this.invariants = invariants;
        this.now = now;
        this.timeline = timeline;
        this.events = events;
        this.admin = admin;
        this.vmOf = vmOf;
        this.nextNode = vmOf.size() + 1;
    }

    int announced() {
        return announced;
    }

    String vm(String node) {
        return vmOf.get(node);
    }

    /** One second of the seeded world, faults on. */
    void tick() {
        if (events.nextInt(1000) < knobs.eventPermille()) {
            randomEvent();
        }
        if (knobs.on(Fault.INCARNATION_RESET) && events.nextInt(1000) == 0) {
            azure.resetIncarnation();
        }
        if (knobs.on(Fault.DOCUMENT_EMPTY) && events.nextInt(1000) < RARE_PERMILLE) {
            List<String> vms = List.copyOf(vmOf.values());
            String vm = vms.get(events.nextInt(vms.size()));
            int seconds = 1 + events.nextInt(MAX_BLANK_SECONDS);
            // Brief means brief: two blanks of one VM closer than an interval read as one
            // longer blank (seed 1063050 health: 5 s, then 5 s more at once).
            if (azure.blankEnded(vm).map(end -> !now.get().isBefore(end.plus(
                    dev.azevents.engine.EventAbsences.CONFIRMATION))).orElse(true)) {
                blank(vm, seconds);
            }
        }
        if (admin.nextInt(1000) < knobs.adminPermille()) {
            adminActs();
        }
        if (admin.nextInt(1000) < RARE_PERMILLE) {
            membership();
        }
    }

    private void randomEvent() {
        List<String> vms = new ArrayList<>(vmOf.values());
        if (!knobs.on(Fault.QUEUED_FOR_DRAINED) && !knobs.on(Fault.FOLLOW_UP_NEW_ID)) {
            // Further events for a drained VM are those kinds' business (issue 10 items 4, 5).
            vms.removeAll(drainedVms());
            if (vms.isEmpty()) {
                return;
            }
        }
        List<String> affected = new ArrayList<>();
        affected.add(vms.get(events.nextInt(vms.size())));
        int shape = events.nextInt(10);
        if (shape == 0) {
            String second = vms.get(events.nextInt(vms.size()));
            if (!affected.contains(second)) {
                affected.add(second);
            }
        } else if (shape == 1) {
            affected.add("vm-outside-cluster");
        }
        EventType type = EventType.values()[events.nextInt(EventType.values().length)];
        if (knobs.on(Fault.NO_NOTICE_STARTED) && events.nextInt(20) == 0) {
            startedNow(affected);
            return;
        }
        if ((knobs.on(Fault.QUEUED_FOR_DRAINED) || knobs.on(Fault.FOLLOW_UP_NEW_ID))
                && events.nextInt(3) == 0) {
            List<String> drained = drainedVms();
            if (!drained.isEmpty()) {
                // A further event for a VM whose node is drained: queued behind the first, or
                // a no-notice follow-up already Started.
                String vm = drained.get(events.nextInt(drained.size()));
                if (knobs.on(Fault.FOLLOW_UP_NEW_ID) && events.nextBoolean()) {
                    startedNow(List.of(vm));
                } else {
                    announce(List.of(vm), type, notice(type));
                }
                return;
            }
        }
        SimAzure.SimEvent e = announce(affected, type, notice(type));
        if (knobs.on(Fault.EVENT_CANCELLED) && events.nextInt(30) == 0) {
            azure.cancel(e.id());
        }
    }

    private Duration notice(EventType type) {
        return type == EventType.PREEMPT ? Duration.ofSeconds(30)
                : Duration.ofSeconds(30 + events.nextInt(150));
    }

    private List<String> drainedVms() {
        List<String> out = new ArrayList<>();
        for (String node : cluster.nodeNames()) {
            SimCluster.SimNode n = cluster.node(node);
            if (n.drainedByAgent && (n.standby || n.health.isPresent()
                    && n.health.getAsInt() < 0)) {
                out.add(vmOf.get(node));
            }
        }
        return out;
    }

    SimAzure.SimEvent announce(List<String> vms, EventType type, Duration notice) {
        announced++;
        SimAzure.SimEvent e = azure.schedule(newId(), type.azureName(), vms,
                EventStatus.SCHEDULED, notice, Duration.ofSeconds(5 + events.nextInt(30)));
        timeline.accept("azure: " + type.azureName() + " " + e.id() + " announced for " + vms
                + ", NotBefore in " + notice.toSeconds() + " s");
        return e;
    }

    /** A host failure: a Reboot listed already Started, without notice. */
    void startedNow(List<String> vms) {
        announced++;
        timeline.accept("azure: no-notice Reboot Started for " + vms);
        azure.schedule(newId(), EventType.REBOOT.azureName(), vms, EventStatus.STARTED,
                Duration.ZERO, Duration.ofSeconds(5 + events.nextInt(30)));
    }

    String newId() {
        return new UUID(events.nextLong(), events.nextLong()).toString();
    }

    /** This VM's document lists nothing for a few seconds. */
    void blank(String vm, int seconds) {
        timeline.accept("azure: " + vm + "'s document is empty for " + seconds + " s");
        azure.blank(vm, now.get().plusSeconds(seconds));
    }

    /** Azure acts on a started event: its VMs restart (all types but Freeze). */
    void impact(SimAzure.SimEvent event) {
        timeline.accept("azure: " + event.type() + " " + event.id() + " started");
        boolean restarts = EventType.fromAzure(event.type()).map(t -> t != EventType.FREEZE)
                .orElse(false);
        if (!restarts) {
            return;
        }
        for (Map.Entry<String, String> e : vmOf.entrySet()) {
            if (event.vms().contains(e.getValue())) {
                reboot(e.getKey(), MIN_REBOOT_TICKS + events.nextInt(MAX_EXTRA_REBOOT_TICKS));
            }
        }
    }

    private void adminActs() {
        List<String> names = cluster.nodeNames();
        String node = names.get(admin.nextInt(names.size()));
        SimCluster.SimNode n = cluster.node(node);
        int what = admin.nextInt(5);
        if (what == 0 && knobs.on(Fault.ADMIN_STANDBY)) {
            if (n.adminStandby) {
                cluster.adminStandby(node, false);
            } else if (!n.standby && !n.drainedByAgent) {
                // Not on a node whose drain the CIB still records as the agent's (an override
                // by crm node online that no pass has seen yet): the administrator's standby
                // would be the very attribute the agent wrote, and no agent can tell the two
                // apart (seed 1072641 standby, on main too with queued_for_drained and
                // follow_up_new_id). README, "Abort a drain": the agent logs the override.
                cluster.adminStandby(node, true);
            }
        } else if (what == 1 && knobs.on(Fault.ADMIN_HEALTH)
                && cluster.strategy() == Strategy.HEALTH && !n.drainedByAgent) {
            // Setting a node unhealthy by hand is the administrator's value to keep; a 0 by hand
            // mid-event is the override of ADMIN_ONLINE.
            cluster.adminHealth(node, n.adminHealth ? OptionalInt.empty()
                    : OptionalInt.of(-1_000_000));
        } else if (what == 2 && knobs.on(Fault.ADMIN_ONLINE) && n.drainedByAgent) {
            adminOnline(node);
        } else if (what == 3 && knobs.on(Fault.CLONE_DISABLED)) {
            cluster.cloneDisabled = !cluster.cloneDisabled;
            timeline.accept("admin: clone " + (cluster.cloneDisabled ? "disabled" : "enabled"));
        } else if (what == 4 && knobs.on(Fault.CLONE_BLOCKED_ON_PEER)) {
            n.cloneBlocked = !n.cloneBlocked;
            timeline.accept("pacemaker: our clone " + (n.cloneBlocked ? "stopped (banned or "
                    + "failed)" : "runs again") + " on " + node);
        }
    }

    /** {@code crm node online} (or health 0) on a node the agent drained, mid-event. */
    void adminOnline(String node) {
        SimCluster.SimNode n = cluster.node(node);
        // Only the events the agent handles (its configured types, a Freeze not too short to
        // drain for): one it leaves alone is not part of the drain the administrator ended, and
        // does not keep the override alive (README, "An administrator's override"). Found with
        // --seed 1014071 --strategy health: a Terminate, not in the run's event types, kept it
        // alive after the drain's Reboot ended, and a later Reboot was judged as undoing it.
        List<String> listed = azure.events().stream()
                .filter(e -> e.vms().contains(vmOf.get(node)) && handled(e))
                .map(SimAzure.SimEvent::id).toList();
        if (cluster.strategy() == Strategy.STANDBY) {
            cluster.adminStandby(node, false);
        } else {
            cluster.adminHealth(node, OptionalInt.of(0));
            n.adminHealth = false;
        }
        if (!listed.isEmpty()) {
            n.adminOnlineFor = java.util.Optional.of(String.join(",", listed));
        }
    }

    private boolean handled(SimAzure.SimEvent e) {
        return EventType.fromAzure(e.type()).map(t -> knobs.eventTypes().contains(t)
                && !(t == EventType.FREEZE && e.duration.compareTo(knobs.freezeIgnoreBelow()) < 0))
                .orElse(false);
    }

    /** Forgets an administrator's override once the events it was made during are gone. */
    void expireOverrides() {
        for (String node : cluster.nodeNames()) {
            SimCluster.SimNode n = cluster.node(node);
            if (n.adminOnlineFor.isPresent() && java.util.Arrays.stream(
                    n.adminOnlineFor.get().split(",")).noneMatch(azure::listed)) {
                n.adminOnlineFor = java.util.Optional.empty();
            }
        }
    }

    private void membership() {
        List<String> names = cluster.nodeNames();
        String node = names.get(admin.nextInt(names.size()));
        int what = admin.nextInt(4);
        // A node is removed in a calm moment only: removing the last nodes that could let the
        // others out would leave nothing to converge.
        boolean calm = names.stream().noneMatch(n -> cluster.node(n).standby
                || cluster.node(n).drainedByAgent);
        if (what == 0 && knobs.on(Fault.NODE_REMOVED) && names.size() > 2 && calm) {
            cluster.remove(node);
        } else if (what == 1 && knobs.on(Fault.NODE_ADDED) && names.size() < 5) {
            addNode();
        } else if (what == 2 && knobs.on(Fault.PEER_SHUTTING_DOWN)
                && !cluster.node(node).shuttingDown && cluster.online(node)) {
            shutdown(node, 2 + admin.nextInt(10));
        } else if (what == 3 && knobs.on(Fault.QUORUM_LOSS) && names.size() > 2) {
            cluster.partition(cluster.quorate(node) ? List.of(node) : List.of());
        }
    }

    /** A node joins with a fresh VM. */
    String addNode() {
        String node = "node" + nextNode;
        String vm = "vm" + nextNode++;
        vmOf.put(node, vm);
        invariants.mapVm(vm, node);
        cluster.add(node);
        return node;
    }

    /** Pacemaker stops on {@code node}, which goes down after {@code ticks} and comes back. */
    void shutdown(String node, int ticks) {
        cluster.node(node).shuttingDown = true;
        shutdownIn.put(node, ticks);
        timeline.accept("pacemaker: " + node + " is shutting down");
    }

    /** What goes on with or without faults: shutdowns complete, overrides expire. */
    void always() {
        progressShutdowns();
        expireOverrides();
    }

    /**
     * A reboot. With a transient {@code #health-azure} it also erases an administrator's
     * {@code 0} (the override of ADMIN_ONLINE) that no pass has recorded yet: the cluster then
     * keeps no trace of the override (an absent value is what a reboot leaves after the agent's
     * own drain too, README "An administrator's override"), so draining again for the events
     * still listed is the documented behaviour, not an undone decision. Found with --seed
     * 1008695 --strategy health --fault admin_online: the VM rebooted 4 s after the override,
     * before any pass of any node ran. An override the agent recorded stays binding.
     */
    private void reboot(String node, int ticks) {
        SimCluster.SimNode n = cluster.node(node);
        if (n != null && n.online && cluster.strategy() == Strategy.HEALTH
                && knobs.healthTransient() && n.adminOnlineFor.isPresent()
                && n.overridden.isEmpty()) {
            timeline.accept("admin: the override on " + node + " (#health-azure 0, transient) is"
                    + " lost with the reboot before any pass recorded it");
            n.adminOnlineFor = java.util.Optional.empty();
        }
        cluster.reboot(node, ticks);
    }

    private void progressShutdowns() {
        for (String node : List.copyOf(shutdownIn.keySet())) {
            int left = shutdownIn.get(node) - 1;
            if (left > 0) {
                shutdownIn.put(node, left);
            } else {
                shutdownIn.remove(node);
                reboot(node, MIN_REBOOT_TICKS);
            }
        }
    }

    /** Liveness phase: administrators undo what they did; the cluster is whole again. */
    void heal() {
        for (String node : cluster.nodeNames()) {
            SimCluster.SimNode n = cluster.node(node);
            if (n.adminStandby) {
                cluster.adminStandby(node, false);
            }
            if (n.adminHealth) {
                cluster.adminHealth(node, OptionalInt.empty());
            }
            n.adminOnlineFor = java.util.Optional.empty();
            n.cloneBlocked = false;
        }
        cluster.cloneDisabled = false;
        cluster.partition(List.of());
    }
}
