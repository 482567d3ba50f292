package dev.azevents.engine;

import java.util.List;

/**
 * What a node does for its peers' drains, standby strategy: a peer in standby has no clone of its
 * own running, so the other nodes follow its events for it. They adopt the further events Azure
 * queues for it (the seed's "handle any additional queued events on behalf of the remote node"),
 * so that they are approved once it is drained, and they let it out only when nothing relevant
 * names its VM any more.
 */
final class PeerDrains {

    private PeerDrains() {
    }

    /** Follows every peer recorded STOPPING, IN_EVENT or ON_HOLD; see the class comment. */
    static void follow(ClusterNode self, ClusterSnapshot snapshot, EventTriage events,
            Draft draft) {
        for (ClusterNode peer : snapshot.nodes()) {
            String name = peer.name();
            if (name.equals(self.name())) {
                continue;
            }
            if (AdminOverride.detect(peer, events, draft)) {
                continue;
            }
            NodeState state = draft.state(name);
            List<String> recorded = draft.ids(name);
            // Events an administrator overrode on that node are not its drain's any more.
            List<String> holding = Engine.without(Engine.ids(events.holding(name)),
                    peer.record().overriddenEventIds());
            if (state == NodeState.STOPPING || state == NodeState.IN_EVENT) {
                adopt(name, state, recorded, holding, events, draft);
            }
            // An ON_HOLD without ids was written by the Python agent: its node re-decides it.
            boolean waiting = state != NodeState.AVAILABLE
                    && !(state == NodeState.ON_HOLD && recorded.isEmpty());
            if (waiting && Engine.stillListed(recorded, events).isEmpty() && holding.isEmpty()) {
                letOut(name, recorded, events, draft);
            }
            if (draft.state(name) == NodeState.AVAILABLE && draft.ownedDrainLeft(name)) {
                draft.undrain(name, name + " is AVAILABLE with no pending event: undoing the "
                        + "agent's own drain");
            }
        }
    }

    /** Adds the relevant events listed for a draining peer's VM to its pending ids. */
    private static void adopt(String name, NodeState state, List<String> recorded,
            List<String> holding, EventTriage events, Draft draft) {
        List<String> stillListed = Engine.stillListed(recorded, events);
        List<String> wanted = Engine.union(stillListed, holding);
        if (holding.isEmpty() || wanted.equals(recorded)) {
            return;
        }
        List<String> adopted = holding.stream().filter(id -> !recorded.contains(id)).toList();
        draft.setState(name, state, wanted, adopted.isEmpty()
                ? name + " is " + state + "; Azure lists " + wanted + " for its VM (recorded "
                        + recorded + ")"
                : name + " is " + state + " and Azure lists further events " + adopted
                        + " for its VM: adopting them on its behalf (pending " + wanted + ")");
    }

    private static void letOut(String name, List<String> recorded, EventTriage events,
            Draft draft) {
        if (!events.showsPeerEvents()) {
            draft.note("events " + recorded + " of " + name + " are not in this VM's "
                    + "document, but this VM may not see other VMs' events (scope "
                    + "unknown): leaving " + name + " " + draft.state(name));
            return;
        }
        if (!events.freeLongEnough(name)) {
            draft.note(Engine.notFreeLongEnough(name));
            return;
        }
        draft.setState(name, NodeState.AVAILABLE, List.of(), "events " + recorded + " of "
                + name + " no longer listed by Azure: letting " + name + " back in");
    }
}
