package dev.azevents.engine;

import static dev.azevents.engine.EngineTest.E1;
import static dev.azevents.engine.EngineTest.E2;
import static dev.azevents.engine.EngineTest.of;
import static dev.azevents.engine.EngineTest.only;
import static dev.azevents.imds.EventStatus.SCHEDULED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Who is in the cluster and who can act: removed nodes, quorum, peers that are leaving, peers
 * without our clone (issue 10, items 1, 9 and 13).
 */
class EngineMembershipTest {

    @Test
    @DisplayName("stale mapping: hostName_ of a node removed from the cluster, event for its VM:"
            + " the VM is foreign, nothing throws, nothing is approved")
    void removedNodesVmIsForeign() {
        Scene scene = Scene.standby(3).removeKeepingHostName("node3")
                .event(E1, "Reboot", SCHEDULED, "vm3");
        for (String node : List.of("node1", "node2")) {
            Plan plan = scene.passOn(node);
            assertTrue(plan.isIdle(), plan.toString());
        }
    }

    @Test
    @DisplayName("stale mapping: the remaining nodes' own events are still handled")
    void removedNodeDoesNotStopOwnEvents() {
        Plan plan = Scene.standby(3).removeKeepingHostName("node3")
                .event(E1, "Reboot", SCHEDULED, "vm3")
                .event(E2, "Reboot", SCHEDULED, "vm1").passOn("node1");
        Action.SetNodeState state = only(plan, Action.SetNodeState.class);
        assertEquals(NodeState.STOPPING, state.state());
        assertEquals(List.of(E2), state.eventIds());
        assertEquals(List.of(), of(plan, Action.ApproveEvents.class));
    }

    @Test
    @DisplayName("stale mapping: an event naming a drained member and the removed node's VM is"
            + " not approved early; the reason names the VM outside the cluster")
    void eventWithRemovedNodesVmIsNotApproved() {
        Plan plan = Scene.standby(3).removeKeepingHostName("node3")
                .event(E1, "Reboot", SCHEDULED, "vm2", "vm3")
                .drainedByAgent("node2", NodeState.STOPPING, E1).passOn("node1");
        assertEquals(List.of(), of(plan, Action.ApproveEvents.class));
        assertTrue(plan.notes().stream().anyMatch(n -> n.contains("outside the cluster [vm3]")),
                plan.notes().toString());
    }

    @Test
    @DisplayName("stale mapping: hostName_ of this VM naming a removed node is recorded anew")
    void ownStaleHostNameIsRewritten() {
        Plan plan = Scene.standby(2).hostName("vm1", "oldnode").passOn("node1");
        assertEquals(List.of(new Action.RecordIdentity("node1", "vm1",
                "node node1 runs on Azure VM vm1 (not recorded yet)")),
                of(plan, Action.RecordIdentity.class));
    }

    @Test
    @DisplayName("no quorum: nothing written, nothing approved, and the note says why")
    void noQuorumWritesNothing() {
        Scene scene = Scene.standby(3).event(E1, "Reboot", SCHEDULED, "vm2")
                .event(E2, "Reboot", SCHEDULED, "vm1")
                .drainedByAgent("node2", NodeState.STOPPING, E1).quorate(false);
        Plan plan = scene.passOn("node1");
        assertTrue(plan.isIdle(), plan.toString());
        assertEquals(List.of("this node's partition has no quorum: nothing written, nothing"
                + " approved until quorum returns"), plan.notes());
        assertTrue(scene.quorate(true).passOn("node1").actions().stream()
                .anyMatch(a -> a instanceof Action.ApproveEvents), "with quorum it approves");
    }

    @Test
    @DisplayName("a peer whose Pacemaker is shutting down cannot take over: ON_HOLD, reason given")
    void shuttingDownPeerDoesNotCount() {
        Plan plan = Scene.standby(2).node("node2", Scene::shuttingDown)
                .event(E1, "Reboot", SCHEDULED, "vm1").passOn("node1");
        Action.SetNodeState state = only(plan, Action.SetNodeState.class);
        assertEquals(NodeState.ON_HOLD, state.state());
        assertTrue(state.reason().contains("node2 shutting down"), state.reason());
        assertEquals(List.of(), of(plan, Action.SetStandby.class));
    }

    @Test
    @DisplayName("standby: no other node runs our clone, nobody could let the node out: ON_HOLD")
    void standbyNeedsAnotherAgent() {
        Plan plan = Scene.standby(3).node("node2", Scene::withoutAgent)
                .node("node3", Scene::withoutAgent)
                .event(E1, "Reboot", SCHEDULED, "vm1").passOn("node1");
        Action.SetNodeState state = only(plan, Action.SetNodeState.class);
        assertEquals(NodeState.ON_HOLD, state.state());
        assertEquals("events [" + E1 + "] for node1, but no other node runs the azure-events"
                + " clone, so nobody could let node1 out of standby after its reboot: holding",
                state.reason());
        assertEquals(List.of(), of(plan, Action.SetStandby.class));
    }

    @Test
    @DisplayName("standby: one other node running our clone is enough to drain")
    void standbyOneOtherAgentIsEnough() {
        Plan plan = Scene.standby(3).node("node2", Scene::withoutAgent)
                .event(E1, "Reboot", SCHEDULED, "vm1").passOn("node1");
        assertEquals(NodeState.STOPPING, only(plan, Action.SetNodeState.class).state());
    }

    @Test
    @DisplayName("health: the node lets itself out, so peers without our clone do not hold it")
    void healthDoesNotNeedAnotherAgent() {
        Plan plan = Scene.health(2).node("node2", Scene::withoutAgent)
                .event(E1, "Reboot", SCHEDULED, "vm1").passOn("node1");
        assertEquals(NodeState.STOPPING, only(plan, Action.SetNodeState.class).state());
    }
}
