package dev.azevents.engine;

import static dev.azevents.engine.EngineTest.E1;
import static dev.azevents.engine.EngineTest.E2;
import static dev.azevents.engine.EngineTest.of;
import static dev.azevents.imds.EventStatus.SCHEDULED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Standby strategy: a peer this plan lets out of standby is not running our clone yet (issue 10
 * item 9). Its clone may be banned, failed or stopped there, which nothing shows while it is in
 * standby; the simulation found a node drained with nobody left to let it out
 * ({@code bin/azevents simulate --seed 613 --strategy standby --fault clone_blocked_on_peer}).
 */
class EngineLetOutTest {

    @Test
    @DisplayName("a peer let out of standby in the same plan does not count as running our clone:"
            + " let it out, hold this node until its clone runs there")
    void peerLetOutNowIsNotRunningOurCloneYet() {
        Plan plan = Scene.standby(2).drainedByAgent("node2", NodeState.IN_EVENT, E2)
                .node("node2", Scene::withoutAgent)
                .event(E1, "Reboot", SCHEDULED, "vm1").passOn("node1");
        List<Action.SetNodeState> states = of(plan, Action.SetNodeState.class);
        assertTrue(states.stream().anyMatch(s -> s.node().equals("node2")
                && s.state() == NodeState.AVAILABLE), states.toString());
        Action.SetNodeState mine = states.stream().filter(s -> s.node().equals("node1"))
                .findFirst().orElseThrow();
        assertEquals(NodeState.ON_HOLD, mine.state(), mine.reason());
        assertEquals("events [" + E1 + "] for node1, but no other node runs the azure-events"
                + " clone, so nobody could let node1 out of standby after its reboot: holding",
                mine.reason());
        assertEquals(List.of(new Action.SetStandby("node2", false, "node2 is AVAILABLE with no"
                + " pending event: undoing the agent's own drain")),
                of(plan, Action.SetStandby.class));
    }

    @Test
    @DisplayName("once the clone runs on the peer let out, the node drains")
    void drainsOnceThePeersCloneRuns() {
        Plan plan = Scene.standby(2).event(E1, "Reboot", SCHEDULED, "vm1").passOn("node1");
        assertTrue(of(plan, Action.SetNodeState.class).stream().anyMatch(s -> s.node()
                .equals("node1") && s.state() == NodeState.STOPPING), plan.toString());
    }
}
