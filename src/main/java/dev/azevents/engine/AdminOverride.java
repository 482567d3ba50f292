package dev.azevents.engine;

import java.util.List;

/**
 * An administrator who ends the agent's drain by hand ({@code crm node online}, or
 * {@code #health-azure} set back) overrides the agent for those events: the agent gives up its
 * ownership of the drain, says so, and does not drain the node again for them (it used to put the
 * node back into standby within one pass). The ids are kept in
 * {@code <prefix>_overriddenEventIDs}, so the decision survives passes and crashes, and forgotten
 * once Azure no longer lists them. A reboot that dropped a transient health value is not an
 * override: the value is absent, not set back, and the node is drained again.
 */
final class AdminOverride {

    private AdminOverride() {
    }

    /** Detects an override of this node's drain; returns the event ids not to drain for. */
    static List<String> follow(ClusterNode self, EventTriage events, Draft draft) {
        String node = self.name();
        List<String> recorded = self.record().overriddenEventIds();
        List<String> kept = Engine.stillListed(recorded, events);
        NodeState state = draft.state(node);
        boolean draining = state == NodeState.STOPPING || state == NodeState.IN_EVENT;
        List<String> ids = Engine.union(Engine.union(kept,
                Engine.stillListed(draft.ids(node), events)), Engine.ids(events.holding(node)));
        // With nothing listed any more, the drain is simply over, whoever lifted it.
        boolean overridden = draining && draft.ownsDrain(node) && lifted(self, draft.strategy())
                && !ids.isEmpty();
        if (overridden) {
            String reason = node + " was " + state + " for " + draft.ids(node) + ", but "
                    + how(self, draft.strategy()) + " by hand: an administrator's override."
                    + " The agent gives up this drain and does not drain " + node + " again for "
                    + ids + " (Azure starts them at NotBefore)";
            draft.setState(node, NodeState.AVAILABLE, List.of(), reason);
            draft.override(node, ids, reason);
            return ids;
        }
        if (!kept.isEmpty()) {
            draft.note("events " + kept + " of " + node + " were overridden by an administrator:"
                    + " not draining for them");
        }
        if (!kept.equals(recorded) && !draft.ownsDrain(node)) {
            draft.override(node, kept, "overridden events " + recorded.stream()
                    .filter(id -> !kept.contains(id)).toList() + " of " + node
                    + " no longer listed by Azure: forgotten");
        }
        return kept;
    }

    /** The agent's own drain is on record, but Pacemaker shows it gone. */
    private static boolean lifted(ClusterNode self, Strategy strategy) {
        return switch (strategy) {
            case STANDBY -> !self.standby();
            case HEALTH -> self.record().healthAzure().isPresent()
                    && self.record().healthAzure().getAsInt() > Draft.HEALTH_DRAINED;
        };
    }

    private static String how(ClusterNode self, Strategy strategy) {
        return switch (strategy) {
            case STANDBY -> "its standby was lifted (crm node online)";
            case HEALTH -> "#health-azure was set to "
                    + self.record().healthAzure().orElse(Draft.HEALTH_OK);
        };
    }
}
