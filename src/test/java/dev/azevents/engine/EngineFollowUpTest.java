package dev.azevents.engine;

import static dev.azevents.engine.EngineTest.E1;
import static dev.azevents.engine.EngineTest.E2;
import static dev.azevents.engine.EngineTest.of;
import static dev.azevents.engine.EngineTest.only;
import static dev.azevents.imds.EventStatus.SCHEDULED;
import static dev.azevents.imds.EventStatus.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A drained node and the further events Azure lists for its VM: follow-ups under new ids,
 * no-notice events already Started, events queued behind the first (issue 10, items 4 and 5).
 */
class EngineFollowUpTest {

    static final String E3 = "0b2f0a53-3a9a-4e5e-9a1c-6b7f1d2e3c4d";

    @Test
    @DisplayName("standby: event replaced by a new id for a drained peer: not let out, the new"
            + " id adopted and approved")
    void followUpUnderNewIdKeepsPeerDrainedAndIsApproved() {
        Plan plan = Scene.standby(3).drainedByAgent("node2", NodeState.IN_EVENT, E1)
                .event(E2, "Reboot", SCHEDULED, "vm2").passOn("node1");
        Action.SetNodeState state = only(plan, Action.SetNodeState.class);
        assertEquals(new Action.SetNodeState("node2", NodeState.IN_EVENT, List.of(E2),
                "node2 is IN_EVENT and Azure lists further events [" + E2 + "] for its VM:"
                        + " adopting them on its behalf (pending [" + E2 + "])"), state);
        assertEquals(List.of(), of(plan, Action.SetStandby.class), "never let out");
        assertEquals(List.of(E2), only(plan, Action.ApproveEvents.class).eventIds());
    }

    @Test
    @DisplayName("standby: a drained peer's VM listed as Started under a new id: not let out")
    void startedFollowUpKeepsPeerDrained() {
        Plan plan = Scene.standby(3).drainedByAgent("node2", NodeState.IN_EVENT, E1)
                .event(E2, "Reboot", STARTED, "vm2").passOn("node1");
        assertEquals(List.of(E2), only(plan, Action.SetNodeState.class).eventIds());
        assertEquals(NodeState.IN_EVENT, only(plan, Action.SetNodeState.class).state());
        assertEquals(List.of(), of(plan, Action.SetStandby.class));
        assertEquals(List.of(), of(plan, Action.ApproveEvents.class));
    }

    @Test
    @DisplayName("standby: events queued for a drained peer are adopted and approved with its"
            + " first one")
    void queuedEventsAreAdoptedAndApproved() {
        Plan plan = Scene.standby(3).drainedByAgent("node2", NodeState.STOPPING, E1)
                .event(E1, "Reboot", SCHEDULED, "vm2").event(E3, "Redeploy", SCHEDULED, "vm2")
                .passOn("node1");
        assertEquals(List.of(E1, E3), only(plan, Action.SetNodeState.class).eventIds());
        // Merged with the re-approval split (branch shell), the adopted E3 comes as a second
        // ApproveEvents marked again=true: the ids approved are what this test is about.
        assertEquals(List.of(E1, E3), of(plan, Action.ApproveEvents.class).stream()
                .flatMap(a -> a.eventIds().stream()).toList());
    }

    @Test
    @DisplayName("standby: a queued event is kept while the first one is over; the peer is let"
            + " out only when none is listed")
    void peerLetOutOnlyWhenNothingListed() {
        Scene scene = Scene.standby(3).drainedByAgent("node2", NodeState.IN_EVENT, E1, E3)
                .event(E3, "Redeploy", STARTED, "vm2");
        Plan plan = scene.passOn("node1");
        assertEquals(List.of(E3), only(plan, Action.SetNodeState.class).eventIds());
        assertEquals(List.of(), of(plan, Action.SetStandby.class));
        Plan after = Scene.standby(3).drainedByAgent("node2", NodeState.IN_EVENT, E3)
                .passOn("node1");
        assertEquals(NodeState.AVAILABLE, only(after, Action.SetNodeState.class).state());
        assertEquals(1, of(after, Action.SetStandby.class).size());
    }

    @Test
    @DisplayName("health: own event over but a follow-up Started under a new id: stays drained")
    void healthNodeStaysDrainedForStartedFollowUp() {
        Plan plan = Scene.health(3).drainedByAgent("node1", NodeState.IN_EVENT, E1)
                .event(E2, "Reboot", STARTED, "vm1").passOn("node1");
        Action.SetNodeState state = only(plan, Action.SetNodeState.class);
        assertEquals(NodeState.IN_EVENT, state.state());
        assertEquals(List.of(E2), state.eventIds());
        assertEquals(List.of(), of(plan, Action.SetHealth.class), "health stays -1000000");
    }

    @Test
    @DisplayName("an event of a type outside eventTypes does not hold a drained node")
    void irrelevantFollowUpDoesNotHold() {
        Plan plan = Scene.standby(3).drainedByAgent("node2", NodeState.IN_EVENT, E1)
                .event(E2, "Freeze", STARTED, "vm2").passOn("node1");
        assertEquals(NodeState.AVAILABLE, only(plan, Action.SetNodeState.class).state());
        assertTrue(of(plan, Action.SetStandby.class).stream().noneMatch(Action.SetStandby::on));
    }
}
