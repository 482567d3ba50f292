package dev.azevents.engine;

import static dev.azevents.engine.EngineTest.E1;
import static dev.azevents.engine.EngineTest.E2;
import static dev.azevents.engine.EngineTest.of;
import static dev.azevents.engine.EngineTest.only;
import static dev.azevents.imds.EventStatus.SCHEDULED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * An administrator who ends the agent's drain by hand overrides it (issue 10, item 8): the agent
 * lets go, says so, and does not drain again for those events.
 */
class EngineOverrideTest {

    static final String OVERRIDE = "node1 was STOPPING for [" + E1 + "], but its standby was"
            + " lifted (crm node online) by hand: an administrator's override. The agent gives up"
            + " this drain and does not drain node1 again for [" + E1 + "] (Azure starts them at"
            + " NotBefore)";

    /** node1 drained by the agent for E1, then put online by an administrator. */
    static Scene liftedByHand() {
        return Scene.standby(3).event(E1, "Reboot", SCHEDULED, "vm1")
                .drainedByAgent("node1", NodeState.STOPPING, E1)
                .node("node1", n -> new ClusterNode(n.name(), true, false, false, false, true,
                        false, false, false, true, n.record()));
    }

    static NodeRecord overridden(NodeRecord r, String... ids) {
        return new NodeRecord(NodeState.AVAILABLE, List.of(), r.lastDocVersion(), r.azName(),
                false, r.healthAzure(), List.of(ids));
    }

    @Test
    @DisplayName("standby: crm node online during the agent's drain is an override: ownership"
            + " released, ids recorded, no standby again, the reason says so")
    void standbyLiftedByHandIsAnOverride() {
        Plan plan = liftedByHand().passOn("node1");
        assertEquals(new Action.SetNodeState("node1", NodeState.AVAILABLE, List.of(), OVERRIDE),
                only(plan, Action.SetNodeState.class));
        assertEquals(new Action.RecordOverride("node1", List.of(E1), OVERRIDE),
                only(plan, Action.RecordOverride.class));
        assertEquals(List.of(), of(plan, Action.SetStandby.class), "never put back in standby");
        assertEquals(List.of(), of(plan, Action.ApproveEvents.class));
    }

    @Test
    @DisplayName("after an override the node is not drained again for that event, and says why")
    void overriddenEventIsNotDrainedAgain() {
        Plan plan = Scene.standby(3).event(E1, "Reboot", SCHEDULED, "vm1")
                .record("node1", r -> overridden(r, E1)).passOn("node1");
        assertTrue(plan.isIdle(), plan.toString());
        assertEquals(List.of("events [" + E1 + "] of node1 were overridden by an administrator:"
                + " not draining for them"), plan.notes());
    }

    @Test
    @DisplayName("a follow-up listed while the overridden event is still listed is left alone"
            + " too, and recorded")
    void followUpDuringOverrideIsLeftAlone() {
        Plan plan = Scene.standby(3).event(E1, "Reboot", SCHEDULED, "vm1")
                .event(E2, "Redeploy", SCHEDULED, "vm1")
                .record("node1", r -> overridden(r, E1)).passOn("node1");
        assertEquals(List.of(), of(plan, Action.SetNodeState.class));
        assertEquals(List.of(), of(plan, Action.SetStandby.class));
        assertEquals(List.of(new Action.RecordOverride("node1", List.of(E1, E2), "events [" + E2
                + "] listed for node1 during the administrator's override: left alone too")),
                of(plan, Action.RecordOverride.class));
    }

    @Test
    @DisplayName("once the overridden events are gone, a new event is drained as usual")
    void newEventAfterOverrideIsDrained() {
        Plan plan = Scene.standby(3).event(E2, "Redeploy", SCHEDULED, "vm1")
                .record("node1", r -> overridden(r, E1)).passOn("node1");
        Action.SetNodeState state = only(plan, Action.SetNodeState.class);
        assertEquals(NodeState.STOPPING, state.state());
        assertEquals(List.of(E2), state.eventIds());
        Action.SetStandby drain = only(plan, Action.SetStandby.class);
        Action.RecordOverride forget = only(plan, Action.RecordOverride.class);
        assertEquals(List.of(), forget.eventIds());
        // Both write <prefix>_drainedByAgent; the writer keeps the later: the drain's true.
        assertTrue(plan.actions().indexOf(forget) < plan.actions().indexOf(drain),
                plan.actions().toString());
    }

    @Test
    @DisplayName("overridden ids are forgotten once Azure no longer lists them")
    void overriddenIdsForgottenWhenGone() {
        Plan plan = Scene.standby(3).record("node1", r -> overridden(r, E1)).passOn("node1");
        assertEquals(List.of(new Action.RecordOverride("node1", List.of(), "overridden events ["
                + E1 + "] of node1 no longer listed by Azure: forgotten")),
                of(plan, Action.RecordOverride.class));
    }

    @Test
    @DisplayName("a peer does not drain or approve for a node whose drain was overridden")
    void peerLeavesOverriddenNodeAlone() {
        Plan plan = Scene.standby(3).event(E1, "Reboot", SCHEDULED, "vm1")
                .record("node1", r -> overridden(r, E1)).passOn("node2");
        assertTrue(plan.isIdle(), plan.toString());
    }

    @Test
    @DisplayName("health: #health-azure set back to 0 by hand during the drain is an override")
    void healthSetBackByHandIsAnOverride() {
        Plan plan = Scene.health(3).event(E1, "Reboot", SCHEDULED, "vm1")
                .drainedByAgent("node1", NodeState.IN_EVENT, E1)
                .record("node1", r -> new NodeRecord(r.state(), r.pendingEventIds(),
                        r.lastDocVersion(), r.azName(), true, OptionalInt.of(0)))
                .passOn("node1");
        assertEquals(NodeState.AVAILABLE, only(plan, Action.SetNodeState.class).state());
        Action.RecordOverride override = only(plan, Action.RecordOverride.class);
        assertTrue(override.reason().contains("#health-azure was set to 0 by hand"),
                override.reason());
        assertEquals(List.of(), of(plan, Action.SetHealth.class), "the administrator's 0 stays");
    }

    @Test
    @DisplayName("health: a reboot that dropped the value is not an override: drained again")
    void healthDroppedByRebootIsNotAnOverride() {
        Plan plan = Scene.health(3).event(E1, "Reboot", SCHEDULED, "vm1")
                .drainedByAgent("node1", NodeState.STOPPING, E1)
                .record("node1", r -> new NodeRecord(r.state(), r.pendingEventIds(),
                        r.lastDocVersion(), r.azName(), true, OptionalInt.empty()))
                .passOn("node1");
        assertEquals(List.of(), of(plan, Action.RecordOverride.class));
        assertEquals(Draft.HEALTH_DRAINED, only(plan, Action.SetHealth.class).value());
    }

    @Test
    @DisplayName("standby: a peer that sees the node put online first records the override for"
            + " it, and neither lets it out nor adopts its events")
    void peerRecordsTheOverride() {
        Plan plan = Scene.standby(3).event(E1, "Reboot", SCHEDULED, "vm2")
                .drainedByAgent("node2", NodeState.IN_EVENT, E1)
                .node("node2", n -> new ClusterNode(n.name(), true, false, false, false, true,
                        false, false, false, false, n.record())).passOn("node1");
        assertEquals(NodeState.AVAILABLE, only(plan, Action.SetNodeState.class).state());
        assertEquals(List.of(E1), only(plan, Action.RecordOverride.class).eventIds());
        assertEquals(List.of(), of(plan, Action.SetStandby.class));
        assertEquals(List.of(), of(plan, Action.ApproveEvents.class));
    }
}
