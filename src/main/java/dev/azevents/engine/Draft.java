package dev.azevents.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A plan being built, and the cluster as it will look once the plan is applied: later steps of a
 * pass decide on what earlier steps wrote (a node drained in this pass with nothing running can
 * have its event approved in the same pass). Only writes that change something are kept, so a
 * pass with nothing to change yields an idle plan.
 */
final class Draft {

    /** {@code #health-azure} of a drained node, as {@code azure-events-az} writes it. */
    static final int HEALTH_DRAINED = -1_000_000;
    /** {@code #health-azure} of a healthy node. */
    static final int HEALTH_OK = 0;

    private final Strategy strategy;
    private final Map<String, Projected> nodes = new LinkedHashMap<>();
    private final Map<String, Action.SetNodeState> states = new LinkedHashMap<>();
    private final Map<String, Action> drains = new LinkedHashMap<>();
    private final List<Action> identity = new ArrayList<>();
    private final Map<String, Action> overrides = new LinkedHashMap<>();
    private final Set<String> approvals = new LinkedHashSet<>();
    private final List<String> approvalReasons = new ArrayList<>();
    private final Set<String> reapprovals = new LinkedHashSet<>();
    private final List<String> reapprovalReasons = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    /** One node's agent-visible state after the plan so far. */
    private record Projected(NodeState state, List<String> ids, boolean standby,
            OptionalInt health, boolean owned) {
    }

    Draft(ClusterSnapshot snapshot, Strategy strategy) {
        this.strategy = strategy;
        for (ClusterNode n : snapshot.nodes()) {
            NodeRecord r = n.record();
            nodes.put(n.name(), new Projected(r.state(), r.pendingEventIds(), n.standby(),
                    r.healthAzure(), r.drainedByAgent()));
        }
    }

    Strategy strategy() {
        return strategy;
    }

    NodeState state(String node) {
        return nodes.get(node).state();
    }

    List<String> ids(String node) {
        return nodes.get(node).ids();
    }

    /** The agent's drain (standby, or health lowered) is in place, whoever put it there. */
    boolean drainApplied(String node) {
        Projected p = nodes.get(node);
        return switch (strategy) {
            case STANDBY -> p.standby();
            case HEALTH -> p.health().isPresent() && p.health().getAsInt() <= HEALTH_DRAINED;
        };
    }

    /** The drain in place (or a health value other than healthy) was put there by the agent. */
    boolean ownsDrain(String node) {
        return nodes.get(node).owned();
    }

    /** Needs a write to be back to normal: the agent's own drain, or a health value left over. */
    boolean ownedDrainLeft(String node) {
        Projected p = nodes.get(node);
        if (!p.owned()) {
            return false;
        }
        return switch (strategy) {
            case STANDBY -> true;
            case HEALTH -> p.health().isEmpty() || p.health().getAsInt() != HEALTH_OK;
        };
    }

    /**
     * Nothing runs or changes there and the drain was already in place when the snapshot was
     * read (or the node is down). A drain written by this very pass does not count: between our
     * read and our write Pacemaker may have started something there, which only the next read
     * shows.
     */
    boolean ready(ClusterNode node) {
        boolean drainRead = switch (strategy) {
            case STANDBY -> node.standby();
            case HEALTH -> node.record().healthAzure().isPresent()
                    && node.record().healthAzure().getAsInt() <= HEALTH_DRAINED;
        };
        return node.drained() && drainApplied(node.name()) && (drainRead || !node.online());
    }

    /** Could take over services after this plan: Pacemaker agrees, the agent has it AVAILABLE. */
    boolean canTakeOver(ClusterNode node) {
        Projected p = nodes.get(node.name());
        boolean healthy = switch (strategy) {
            case STANDBY -> node.healthy();
            case HEALTH -> node.healthy() && !drainApplied(node.name());
        };
        // A node whose Pacemaker is shutting down is leaving: it cannot take anything over. An
        // ON_HOLD node is held precisely because it was not drained: it still hosts, so it can
        // take over (two nodes held at once would otherwise both wait for NotBefore; the lease
        // and the re-decision under it let only one of them drain).
        boolean undrained = p.state() == NodeState.AVAILABLE || p.state() == NodeState.ON_HOLD;
        return node.online() && !node.maintenance() && !node.unclean() && healthy
                && !node.shuttingDown() && !p.standby() && undrained;
    }

    /**
     * Our clone runs there now and its Pacemaker is not shutting down. A node this plan lets out
     * of standby does not count yet: its clone may be banned, failed or stopped there, which
     * nothing in standby shows (the simulation's CLONE_BLOCKED_ON_PEER, --seed 613 --strategy
     * standby); once it runs there, the next pass drains.
     */
    boolean runsAgentNow(ClusterNode node) {
        return node.online() && !node.shuttingDown() && node.runsAgent();
    }

    void setState(String node, NodeState state, List<String> ids, String reason) {
        Projected p = nodes.get(node);
        if (p.state() == state && p.ids().equals(ids)) {
            return;
        }
        nodes.put(node, new Projected(state, List.copyOf(ids), p.standby(), p.health(), p.owned()));
        Action.SetNodeState earlier = states.get(node);
        String why = earlier == null ? reason : earlier.reason() + "; then " + reason;
        states.put(node, new Action.SetNodeState(node, state, ids, why));
    }

    /** Puts the node in standby or lowers its health, and records that the agent did it. */
    void drain(String node, String reason) {
        Projected p = nodes.get(node);
        switch (strategy) {
            case STANDBY -> {
                nodes.put(node, new Projected(p.state(), p.ids(), true, p.health(), true));
                drains.put(node, new Action.SetStandby(node, true, reason));
            }
            case HEALTH -> {
                nodes.put(node, new Projected(p.state(), p.ids(), p.standby(),
                        OptionalInt.of(HEALTH_DRAINED), true));
                drains.put(node, new Action.SetHealth(node, HEALTH_DRAINED, reason));
            }
        }
    }

    /** Undoes the agent's own drain. Callers check {@link #ownedDrainLeft} first. */
    void undrain(String node, String reason) {
        Projected p = nodes.get(node);
        switch (strategy) {
            case STANDBY -> {
                nodes.put(node, new Projected(p.state(), p.ids(), false, p.health(), false));
                drains.put(node, new Action.SetStandby(node, false, reason));
            }
            case HEALTH -> {
                nodes.put(node, new Projected(p.state(), p.ids(), p.standby(),
                        OptionalInt.of(HEALTH_OK), false));
                drains.put(node, new Action.SetHealth(node, HEALTH_OK, reason));
            }
        }
    }

    /**
     * An administrator ended the agent's drain: the agent no longer owns it (so never undoes
     * what is now the administrator's) and records the events it will not drain for again.
     */
    void override(String node, List<String> eventIds, String reason) {
        Projected p = nodes.get(node);
        nodes.put(node, new Projected(p.state(), p.ids(), p.standby(), p.health(), false));
        overrides.put(node, new Action.RecordOverride(node, eventIds, reason));
    }

    /** The ids this plan records as overridden on {@code node}, or empty. */
    List<String> overriddenIds(String node) {
        Action a = overrides.get(node);
        return a instanceof Action.RecordOverride o ? o.eventIds() : List.of();
    }

    void recordIdentity(String node, String azName, String reason) {
        identity.add(new Action.RecordIdentity(node, azName, reason));
    }

    void approve(String eventId, String reason) {
        if (approvals.add(eventId)) {
            approvalReasons.add(reason);
        }
    }

    /** An event approved before that Azure keeps Scheduled: see {@link Action.ApproveEvents}. */
    void reapprove(String eventId, String reason) {
        if (reapprovals.add(eventId)) {
            reapprovalReasons.add(reason);
        }
    }

    void note(String text) {
        notes.add(text);
    }

    /**
     * The plan: CIB writes first (the writer applies them as one update), approvals last. The
     * document incarnation is recorded only beside other writes: on its own it is not worth a
     * CIB change (decisions compare event ids, never the incarnation).
     */
    Plan plan(ClusterNode self, long incarnation) {
        List<Action> actions = new ArrayList<>(identity);
        // Before the drains: a drain decided later in the same pass (a new event once the
        // overridden ones are forgotten) must leave <prefix>_drainedByAgent=true behind.
        actions.addAll(overrides.values());
        actions.addAll(states.values());
        actions.addAll(drains.values());
        String version = Long.toString(incarnation);
        if (!actions.isEmpty() || !approvals.isEmpty()) {
            if (!self.record().lastDocVersion().equals(Optional.of(version))) {
                actions.add(new Action.RecordDocVersion(self.name(), incarnation,
                        "events document incarnation " + version + " handled"));
            }
        }
        if (!approvals.isEmpty()) {
            actions.add(new Action.ApproveEvents(List.copyOf(approvals),
                    String.join("; ", approvalReasons)));
        }
        // Last and apart: a re-approval alone is no reason to record the incarnation.
        if (!reapprovals.isEmpty()) {
            actions.add(new Action.ApproveEvents(List.copyOf(reapprovals),
                    String.join("; ", reapprovalReasons), true));
        }
        return new Plan(actions, notes);
    }
}
