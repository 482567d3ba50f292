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
        List<String> listed = Engine.stillListed(recorded, events);
        if (detect(self, events, draft)) {
            return Engine.stillListed(draft.overriddenIds(node), events);
        }
        // While an overridden event is listed, the override covers that maintenance whole: a
        // follow-up Azure lists for the VM under a new id is left alone too.
        List<String> kept = listed.isEmpty() ? listed
                : Engine.union(listed, Engine.ids(events.naming(node)));
        if (!kept.isEmpty()) {
            draft.note("events " + kept + " of " + node + " were overridden by an administrator:"
                    + " not draining for them");
        }
        if (!kept.equals(recorded) && !draft.ownsDrain(node)) {
            List<String> gone = Engine.without(recorded, kept);
            List<String> added = Engine.without(kept, recorded);
            draft.override(node, kept, (gone.isEmpty() ? "" : "overridden events " + gone + " of "
                    + node + " no longer listed by Azure: forgotten")
                    + (gone.isEmpty() || added.isEmpty() ? "" : "; ")
                    + (added.isEmpty() ? "" : "events " + added + " listed for " + node
                            + " during the administrator's override: left alone too"));
        }
        return kept;
    }

    /**
     * Records an override of {@code n}'s drain if there is one: this node's own, or a peer's
     * (standby strategy: a peer put back online may be seen by another node before its own clone
     * runs again). Every relevant event listed for its VM is overridden, later ones included:
     * the administrator took the node back while Azure listed them.
     */
    static boolean detect(ClusterNode n, EventTriage events, Draft draft) {
        String node = n.name();
        NodeState state = draft.state(node);
        boolean draining = state == NodeState.STOPPING || state == NodeState.IN_EVENT;
        List<String> ids = Engine.union(Engine.union(
                Engine.stillListed(n.record().overriddenEventIds(), events),
                Engine.stillListed(draft.ids(node), events)), Engine.ids(events.naming(node)));
        // With nothing listed any more, the drain is simply over, whoever lifted it.
        if (!draining || !draft.ownsDrain(node) || !lifted(n, draft.strategy())
                || ids.isEmpty()) {
            return false;
        }
        String reason = node + " was " + state + " for " + draft.ids(node) + ", but "
                + how(n, draft.strategy()) + " by hand: an administrator's override."
                + " The agent gives up this drain and does not drain " + node + " again for "
                + ids + " (Azure starts them at NotBefore)";
        draft.setState(node, NodeState.AVAILABLE, List.of(), reason);
        draft.override(node, ids, reason);
        return true;
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
