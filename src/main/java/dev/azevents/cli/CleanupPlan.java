package dev.azevents.cli;

import dev.azevents.engine.Action;
import dev.azevents.engine.ClusterNode;
import dev.azevents.engine.ClusterSnapshot;
import dev.azevents.engine.NodeRecord;
import dev.azevents.engine.NodeState;
import dev.azevents.engine.PullLease;
import dev.azevents.engine.Strategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code azevents cleanup} undoes for one agent, from one read of the cluster: exactly what
 * the agent did, as the agent itself would undo it (the same CIB writes as bringing a node
 * back), and nothing an administrator set. Pure.
 *
 * <ul>
 * <li>a standby, or {@code #health-azure=-1000000}, the agent owns ({@code <p>_drainedByAgent},
 *     or the Python original's states): off, or 0;</li>
 * <li>its node states ({@code <p>_curNodeState}, {@code <p>_pendingEventIDs}): AVAILABLE, none;
 *     </li>
 * <li>a pull lease: released.</li>
 * </ul>
 * Where the agent still runs it repairs its own state, and undoing a drain it is doing would
 * fight it: with the standby strategy (peers let a drained node out) nothing is done while the
 * clone runs anywhere; with the health strategy (each node resets itself) nothing is done on a
 * node where it runs, and the lease is left to the running agents.
 *
 * @param actions  the CIB writes, in one update
 * @param lease    the lease to release, compared exactly when written
 * @param lines    what is done (or would be), one line each, for the administrator
 * @param leftAlone what is seen and not touched, and why
 */
record CleanupPlan(Strategy strategy, List<Action> actions, Optional<PullLease> lease,
        List<String> lines, List<String> leftAlone) {

    static final String WHY = "azevents cleanup: the agent's clone is not running here";

    boolean isEmpty() {
        return actions.isEmpty() && lease.isEmpty();
    }

    static CleanupPlan of(Strategy strategy, ClusterSnapshot snapshot) {
        String agent = strategy.attributePrefix();
        List<Action> actions = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        List<String> leftAlone = new ArrayList<>();
        List<String> running = snapshot.nodes().stream().filter(ClusterNode::runsAgent)
                .map(ClusterNode::name).toList();
        if (strategy == Strategy.STANDBY && !running.isEmpty()) {
            if (!of(strategy, withoutAgent(snapshot)).isEmpty()) {
                leftAlone.add(agent + " runs on " + String.join(", ", running) + ": it lets its"
                        + " nodes back in itself; disable or delete its clone first");
            }
            return new CleanupPlan(strategy, List.of(), Optional.empty(), List.of(), leftAlone);
        }
        for (ClusterNode node : snapshot.nodes()) {
            if (node.runsAgent()) {
                continue;
            }
            undoDrain(strategy, node, actions, lines, leftAlone);
            NodeRecord r = node.record();
            if (r.state() != NodeState.AVAILABLE || !r.pendingEventIds().isEmpty()) {
                actions.add(new Action.SetNodeState(node.name(), NodeState.AVAILABLE, List.of(),
                        WHY));
                lines.add(agent + ": " + node.name() + ": state " + r.state() + " events "
                        + r.pendingEventIds() + " -> AVAILABLE, none");
            }
        }
        Optional<PullLease> lease = running.isEmpty() ? snapshot.lease() : Optional.empty();
        lease.ifPresent(l -> lines.add(agent + ": release the pull lease of " + l.holder()
                + " (expiry " + l.expiry() + ")"));
        return new CleanupPlan(strategy, actions, lease, lines, leftAlone);
    }

    private static void undoDrain(Strategy strategy, ClusterNode node, List<Action> actions,
            List<String> lines, List<String> leftAlone) {
        String agent = strategy.attributePrefix();
        NodeRecord r = node.record();
        switch (strategy) {
            case STANDBY -> {
                if (node.standby() && r.drainedByAgent()) {
                    actions.add(new Action.SetStandby(node.name(), false, WHY));
                    lines.add(agent + ": " + node.name() + ": standby on -> off (the agent's)");
                } else if (node.standby()) {
                    leftAlone.add(node.name() + ": standby is not the agent's (an"
                            + " administrator's): left on");
                }
            }
            case HEALTH -> {
                boolean drained = r.healthAzure().isPresent()
                        && r.healthAzure().getAsInt() <= -1_000_000;
                if (drained && r.drainedByAgent()) {
                    actions.add(new Action.SetHealth(node.name(), 0, WHY));
                    lines.add(agent + ": " + node.name() + ": #health-azure "
                            + r.healthAzure().getAsInt() + " -> 0 (the agent's)");
                } else if (r.healthAzure().isPresent() && r.healthAzure().getAsInt() < 0) {
                    leftAlone.add(node.name() + ": #health-azure " + r.healthAzure().getAsInt()
                            + " is not the agent's: left as it is");
                }
            }
        }
    }

    private static ClusterSnapshot withoutAgent(ClusterSnapshot s) {
        return new ClusterSnapshot(s.nodes().stream().map(n -> new ClusterNode(n.name(),
                n.online(), n.standby(), n.maintenance(), n.unclean(), n.healthy(),
                n.runsResources(), n.changingResources(), n.shuttingDown(), false, n.record()))
                .toList(), s.lease(), s.hostNames(), s.transitionInFlight(),
                s.maintenanceMode(), s.quorate());
    }
}
