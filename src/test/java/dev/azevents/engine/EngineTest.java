package dev.azevents.engine;

import static dev.azevents.imds.EventStatus.SCHEDULED;
import static dev.azevents.imds.EventStatus.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.azevents.imds.EventType;
import dev.azevents.imds.ScheduledEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The decision of one pass, scenario by scenario (DESIGN.md sections 2 and 3). */
class EngineTest {

    static final String E1 = "C7061BAC-AFDC-4513-B24B-AA5F13A16123";
    static final String E2 = "602d9444-d2cd-49c7-8624-8643e7171297";

    @Test
    @DisplayName("idle: no events, everything recorded: no action at all, not even the version")
    void idlePassWritesNothing() {
        Plan plan = Scene.standby(3).incarnation(7).passOn("node1");
        assertTrue(plan.isIdle(), plan.toString());
    }

    @Test
    @DisplayName("idle: a new incarnation alone is not worth a CIB write")
    void newIncarnationAloneIsIdle() {
        assertTrue(Scene.standby(3).incarnation(42).passOn("node1").isIdle());
    }

    @Test
    @DisplayName("first pass records the node's Azure name, and only then")
    void firstPassRecordsIdentity() {
        Scene scene = Scene.standby(2).record("node1", r -> new NodeRecord(r.state(),
                r.pendingEventIds(), r.lastDocVersion(), Optional.empty(), false,
                r.healthAzure()));
        Plan plan = scene.passOn("node1");
        assertEquals(List.of(new Action.RecordIdentity("node1", "vm1",
                "node node1 runs on Azure VM vm1 (not recorded yet)")),
                of(plan, Action.RecordIdentity.class));
    }

    @Test
    @DisplayName("an event id the CIB cannot hold (comma, newline) is set aside with a note;"
            + " the node's other event is still handled")
    void unrecordableEventIdIsSetAsideAndOthersHandled() {
        String comma = "A,B";
        String newline = "C\nD";
        Plan plan = Scene.standby(3).event(comma, "Reboot", SCHEDULED, "vm2")
                .event(newline, "Reboot", SCHEDULED, "vm2")
                .event(E1, "Reboot", SCHEDULED, "vm2").passOn("node2");
        Action.SetNodeState state = only(plan, Action.SetNodeState.class);
        assertEquals(List.of(E1), state.eventIds());
        assertTrue(plan.notes().stream().anyMatch(n -> n.contains(comma)
                && n.contains("cannot be recorded")), plan.notes().toString());
    }

    @Test
    @DisplayName("event ids: GUIDs and hostile printable ASCII are recordable; separators,"
            + " control and non-ASCII characters, increments and huge ids are not")
    void recordableEventIds() {
        assertTrue(EventTriage.recordable(E1));
        assertTrue(EventTriage.recordable("<x y=\"1\"/>'; $(rm -rf /)"));
        assertFalse(EventTriage.recordable("a,b"));
        assertFalse(EventTriage.recordable("a\tb"));
        assertFalse(EventTriage.recordable("\u00e9v\u00e9nement"));
        assertFalse(EventTriage.recordable("value++"));
        assertFalse(EventTriage.recordable(" "));
        assertFalse(EventTriage.recordable("x".repeat(EventTriage.MAX_EVENT_ID_LENGTH + 1)));
    }

    @Test
    @DisplayName("standby: Reboot for this VM, a peer available: STOPPING and standby in one plan")
    void localRebootDrainsWhenPeerAvailable() {
        Plan plan = Scene.standby(3).event(E1, "Reboot", SCHEDULED, "vm2").passOn("node2");
        Action.SetNodeState state = only(plan, Action.SetNodeState.class);
        assertEquals(NodeState.STOPPING, state.state());
        assertEquals(List.of(E1), state.eventIds());
        assertTrue(state.reason().contains(E1) && state.reason().contains("node1, node3"),
                state.reason());
        assertEquals(List.of(new Action.SetStandby("node2", true, state.reason()
                .replace(": draining", ""))), of(plan, Action.SetStandby.class));
        assertEquals(List.of(), of(plan, Action.ApproveEvents.class),
                "never approve in the pass that writes the drain");
    }

    @Test
    @DisplayName("last node: no peer AVAILABLE and able to host: ON_HOLD, no standby")
    void lastNodeGoesOnHold() {
        Plan plan = Scene.standby(2).event(E1, "Reboot", SCHEDULED, "vm1")
                .node("node2", Scene::inStandby).passOn("node1");
        Action.SetNodeState state = only(plan, Action.SetNodeState.class);
        assertEquals(NodeState.ON_HOLD, state.state());
        assertTrue(state.reason().contains("node2 in standby"), state.reason());
        assertEquals(List.of(), of(plan, Action.SetStandby.class));
    }

    @Test
    @DisplayName("two nodes held at once: a held peer still hosts, so one of them drains")
    void heldPeerStillHostsSoOneOfTwoHeldNodesDrains() {
        Plan plan = Scene.standby(3).event(E1, "Reboot", SCHEDULED, "vm1")
                .event(E2, "Reboot", SCHEDULED, "vm2")
                .node("node3", Scene::inStandby)
                .record("node1", r -> state(r, NodeState.ON_HOLD, E1))
                .record("node2", r -> state(r, NodeState.ON_HOLD, E2)).passOn("node1");
        assertEquals(NodeState.STOPPING, only(plan, Action.SetNodeState.class).state());
        assertEquals(List.of(new Action.SetStandby("node1", true,
                only(plan, Action.SetStandby.class).reason())), of(plan, Action.SetStandby.class));
    }

    @Test
    @DisplayName("a peer our attribute calls AVAILABLE but Pacemaker has offline does not count")
    void offlinePeerIsNotAvailable() {
        Plan plan = Scene.standby(2).event(E1, "Reboot", SCHEDULED, "vm1")
                .node("node2", Scene::offline).passOn("node1");
        assertEquals(NodeState.ON_HOLD, only(plan, Action.SetNodeState.class).state());
    }

    @Test
    @DisplayName("ON_HOLD is lifted into STOPPING once a peer can take over again")
    void holdBecomesDrainWhenPeerReturns() {
        Plan plan = Scene.standby(2).event(E1, "Reboot", SCHEDULED, "vm1")
                .record("node1", r -> state(r, NodeState.ON_HOLD, E1)).passOn("node1");
        assertEquals(NodeState.STOPPING, only(plan, Action.SetNodeState.class).state());
    }

    @Test
    @DisplayName("ON_HOLD whose event Azure started anyway: no drain after the fact")
    void heldEventStartedIsNotDrainedLate() {
        Plan plan = Scene.standby(2).event(E1, "Reboot", STARTED, "vm1")
                .record("node1", r -> state(r, NodeState.ON_HOLD, E1)).passOn("node1");
        assertTrue(plan.isIdle(), plan.toString());
        assertTrue(plan.notes().stream().anyMatch(n -> n.contains("started while it was held")));
    }

    @Test
    @DisplayName("standby: a peer approves the event of a drained node and marks it IN_EVENT")
    void peerApprovesDrainedNode() {
        Plan plan = Scene.standby(3).event(E1, "Reboot", SCHEDULED, "vm2")
                .drainedByAgent("node2", NodeState.STOPPING, E1).passOn("node1");
        assertEquals(List.of(new Action.SetNodeState("node2", NodeState.IN_EVENT, List.of(E1),
                "node2 drained: in event " + E1)), of(plan, Action.SetNodeState.class));
        assertEquals(List.of(E1), only(plan, Action.ApproveEvents.class).eventIds());
    }

    @Test
    @DisplayName("no approval while the draining node still runs a resource")
    void noApprovalWhileResourcesRun() {
        Plan plan = Scene.standby(3).event(E1, "Reboot", SCHEDULED, "vm2")
                .drainedByAgent("node2", NodeState.STOPPING, E1)
                .node("node2", n -> new ClusterNode(n.name(), true, true, false, false, true,
                        true, true, false, true, n.record()))
                .passOn("node1");
        assertEquals(List.of(), of(plan, Action.ApproveEvents.class));
        assertTrue(plan.notes().stream().anyMatch(n -> n.contains("node2 still runs")),
                plan.notes().toString());
    }

    @Test
    @DisplayName("an event for two nodes is approved only when both are drained")
    void multiNodeEventWaitsForEveryNode() {
        Scene scene = Scene.standby(3).event(E1, "Redeploy", SCHEDULED, "vm2", "vm3")
                .drainedByAgent("node2", NodeState.STOPPING, E1);
        assertEquals(List.of(), of(scene.passOn("node1"), Action.ApproveEvents.class));
        scene.drainedByAgent("node3", NodeState.STOPPING, E1);
        assertEquals(List.of(E1), only(scene.passOn("node1"), Action.ApproveEvents.class)
                .eventIds());
    }

    @Test
    @DisplayName("an event naming a VM outside the cluster is never approved early")
    void foreignVmEventIsNotApproved() {
        Plan plan = Scene.standby(3).event(E1, "Reboot", SCHEDULED, "vm2", "db-server")
                .drainedByAgent("node2", NodeState.STOPPING, E1).passOn("node1");
        assertEquals(List.of(), of(plan, Action.ApproveEvents.class));
        assertTrue(plan.notes().stream().anyMatch(n -> n.contains("[db-server]")));
    }

    @Test
    @DisplayName("an event naming only VMs outside the cluster is ignored")
    void foreignOnlyEventIsIgnored() {
        assertTrue(Scene.standby(3).event(E1, "Reboot", SCHEDULED, "db-server")
                .passOn("node1").isIdle());
    }

    @Test
    @DisplayName("crash repair: IN_EVENT whose event is still Scheduled is approved again")
    void inEventStillScheduledIsReapproved() {
        Plan plan = Scene.standby(3).event(E1, "Reboot", SCHEDULED, "vm2")
                .drainedByAgent("node2", NodeState.IN_EVENT, E1).passOn("node1");
        assertEquals(List.of(), of(plan, Action.SetNodeState.class));
        Action.ApproveEvents approve = only(plan, Action.ApproveEvents.class);
        assertEquals(List.of(E1), approve.eventIds());
        assertTrue(approve.reason().startsWith("approving again, still Scheduled: event " + E1),
                approve.reason());
    }

    @Test
    @DisplayName("orphan: a node rebooted in standby is let out by a peer once its event is gone")
    void orphanIsLetOut() {
        Plan plan = Scene.standby(3).drainedByAgent("node2", NodeState.IN_EVENT, E1)
                .passOn("node1");
        assertEquals(NodeState.AVAILABLE, only(plan, Action.SetNodeState.class).state());
        assertEquals(List.of(new Action.SetStandby("node2", false,
                "node2 is AVAILABLE with no pending event: undoing the agent's own drain")),
                of(plan, Action.SetStandby.class));
    }

    @Test
    @DisplayName("#1986: scope unknown and no other VM's event in sight: a peer is not let out")
    void unknownScopeKeepsPeerDrained() {
        Plan plan = Scene.standby(3).policy(p -> withScope(p, EventScope.UNKNOWN))
                .drainedByAgent("node2", NodeState.STOPPING, E1).passOn("node1");
        assertTrue(plan.isIdle(), plan.toString());
        assertTrue(plan.notes().get(0).contains("scope unknown"), plan.notes().toString());
    }

    @Test
    @DisplayName("#1986: scope unknown, but the document lists another VM's event: peer let out")
    void unknownScopeProvenByDocument() {
        Plan plan = Scene.standby(3).policy(p -> withScope(p, EventScope.UNKNOWN))
                .event(E2, "Freeze", SCHEDULED, "vm3")
                .drainedByAgent("node2", NodeState.STOPPING, E1).passOn("node1");
        assertEquals(NodeState.AVAILABLE, of(plan, Action.SetNodeState.class).get(0).state());
    }

    @Test
    @DisplayName("ownership: an administrator's standby is never lifted")
    void adminStandbyIsLeftAlone() {
        Plan plan = Scene.standby(3).node("node2", Scene::inStandby)
                .record("node2", r -> state(r, NodeState.STOPPING, E1)).passOn("node1");
        assertEquals(List.of(), of(plan, Action.SetStandby.class));
        assertEquals(NodeState.AVAILABLE, only(plan, Action.SetNodeState.class).state());
    }

    @Test
    @DisplayName("ownership: a health value someone else lowered is not taken over by a drain")
    void foreignLoweredHealthIsNotOwned() {
        Plan plan = Scene.health(3).node("node2", n -> new ClusterNode(n.name(), true, false,
                false, false, false, true, false, false, true,
                new NodeRecord(NodeState.AVAILABLE, List.of(),
                        Optional.of("7"), Optional.of("vm2"), false,
                        OptionalInt.of(Draft.HEALTH_DRAINED))))
                .event(E1, "Reboot", SCHEDULED, "vm2").passOn("node2");
        assertEquals(NodeState.STOPPING, only(plan, Action.SetNodeState.class).state());
        assertEquals(List.of(), of(plan, Action.SetHealth.class));
    }

    @Test
    @DisplayName("incarnation reset: an event under an incarnation seen before is still handled")
    void incarnationResetDoesNotHideEvents() {
        Plan plan = Scene.standby(2).event(E1, "Reboot", SCHEDULED, "vm1").incarnation(7)
                .passOn("node1");
        assertEquals(NodeState.STOPPING, only(plan, Action.SetNodeState.class).state());
    }

    @Test
    @DisplayName("an event that appears already Started (host failure): nothing to drain")
    void startedEventIsNotDrained() {
        Plan plan = Scene.standby(2).event(E1, "Reboot", STARTED, "vm1").passOn("node1");
        assertTrue(plan.isIdle());
        assertTrue(plan.notes().get(0).contains("already started"));
    }

    @Test
    @DisplayName("types outside eventTypes, and types Azure may add later, are ignored")
    void irrelevantTypesIgnored() {
        assertTrue(Scene.standby(2).event(E1, "Preempt", SCHEDULED, "vm1")
                .event(E2, "Hibernate", SCHEDULED, "vm1").passOn("node1").isIdle());
    }

    @Test
    @DisplayName("all five types drain when configured")
    void allFiveTypes() {
        for (EventType t : EventType.values()) {
            Plan plan = Scene.standby(2).policy(p -> new Policy(p.strategy(),
                    Set.of(EventType.values()), p.drainLeadTime(), p.freezeIgnoreBelow(),
                    p.leaseLength())).event(E1, t.azureName(), SCHEDULED, "vm1").passOn("node1");
            assertEquals(NodeState.STOPPING, only(plan, Action.SetNodeState.class).state(),
                    t.azureName());
        }
    }

    @Test
    @DisplayName("lead time: an event days away is not drained yet")
    void leadTimeDefersDrain() {
        ScheduledEvent far = new ScheduledEvent(E1, "Redeploy", SCHEDULED, "VirtualMachine",
                List.of("vm1"), Optional.of(Scene.NOW.plus(Duration.ofDays(3))), Optional.empty(),
                Optional.empty(), OptionalLong.empty());
        Scene scene = Scene.standby(2).event(far);
        assertEquals(NodeState.STOPPING, only(scene.passOn("node1"), Action.SetNodeState.class)
                .state(), "default: drain at once, as the originals");
        Plan plan = scene.policy(p -> new Policy(p.strategy(), p.eventTypes(),
                Optional.of(Duration.ofHours(1)), p.freezeIgnoreBelow(), p.leaseLength()))
                .passOn("node1");
        assertTrue(plan.isIdle());
        assertTrue(plan.notes().get(0).contains("lead time"));
    }

    @Test
    @DisplayName("freeze policy: a 5-second Freeze is left alone, an unknown duration is not")
    void shortFreezeLeftAlone() {
        Policy policy = new Policy(Strategy.STANDBY, Set.of(EventType.FREEZE), Optional.empty(),
                Duration.ofSeconds(30), Policy.DEFAULT_LEASE);
        ScheduledEvent shortFreeze = new ScheduledEvent(E1, "Freeze", SCHEDULED,
                "VirtualMachine", List.of("vm1"), Optional.of(Scene.NOW), Optional.empty(),
                Optional.empty(), OptionalLong.of(5));
        assertTrue(Scene.standby(2).policy(p -> policy).event(shortFreeze).passOn("node1")
                .isIdle());
        Plan unknown = Scene.standby(2).policy(p -> policy)
                .event(E2, "Freeze", SCHEDULED, "vm1").passOn("node1");
        assertEquals(NodeState.STOPPING, only(unknown, Action.SetNodeState.class).state());
    }

    @Test
    @DisplayName("events gone: this node back AVAILABLE, standby lifted, in one plan")
    void localEventsGoneBringsNodeBack() {
        Plan plan = Scene.standby(2).drainedByAgent("node1", NodeState.STOPPING, E1)
                .node("node1", n -> new ClusterNode(n.name(), true, false, false, false, true,
                        false, false, false, true, n.record())).passOn("node1");
        assertEquals(NodeState.AVAILABLE, only(plan, Action.SetNodeState.class).state());
        assertEquals(List.of(new Action.SetStandby("node1", false,
                "node1 is AVAILABLE with no pending event: undoing the agent's own drain")),
                of(plan, Action.SetStandby.class));
    }

    @Test
    @DisplayName("health: the drained node approves its own event and goes IN_EVENT")
    void healthSelfApproval() {
        Plan plan = Scene.health(2).event(E1, "Reboot", SCHEDULED, "vm1")
                .drainedByAgent("node1", NodeState.STOPPING, E1).passOn("node1");
        assertEquals(NodeState.IN_EVENT, only(plan, Action.SetNodeState.class).state());
        assertEquals(List.of(E1), only(plan, Action.ApproveEvents.class).eventIds());
    }

    @Test
    @DisplayName("health: a peer never approves another node's event")
    void healthPeerDoesNotApprove() {
        Plan plan = Scene.health(2).event(E1, "Reboot", SCHEDULED, "vm2")
                .drainedByAgent("node2", NodeState.STOPPING, E1).passOn("node1");
        assertTrue(plan.isIdle(), plan.toString());
    }

    @Test
    @DisplayName("health: after a reboot with the event gone, #health-azure goes back to 0")
    void healthConvergesAfterReboot() {
        Plan plan = Scene.health(2).drainedByAgent("node1", NodeState.IN_EVENT, E1)
                .passOn("node1");
        assertEquals(NodeState.AVAILABLE, only(plan, Action.SetNodeState.class).state());
        assertEquals(Draft.HEALTH_OK, only(plan, Action.SetHealth.class).value());
    }

    @Test
    @DisplayName("health: our drain lost with a transient attribute is still reset to 0")
    void healthResetWhenAttributeLost() {
        Plan plan = Scene.health(2).record("node1", r -> new NodeRecord(NodeState.AVAILABLE,
                List.of(), r.lastDocVersion(), r.azName(), true, OptionalInt.empty()))
                .passOn("node1");
        assertEquals(Draft.HEALTH_OK, only(plan, Action.SetHealth.class).value());
    }

    @Test
    @DisplayName("a node not in the snapshot decides nothing and says why")
    void unknownNode() {
        Plan plan = new Engine().decide(Scene.standby(1).snapshot(),
                Scene.standby(1).document(), new NodeIdentity("ghost", "vmx"),
                Policy.defaults(Strategy.STANDBY), Instant.EPOCH);
        assertTrue(plan.isIdle());
        assertTrue(plan.notes().get(0).contains("ghost"));
    }

    static <T extends Action> List<T> of(Plan plan, Class<T> type) {
        return plan.actions().stream().filter(type::isInstance).map(type::cast).toList();
    }

    static <T extends Action> T only(Plan plan, Class<T> type) {
        List<T> found = of(plan, type);
        assertEquals(1, found.size(), () -> "one " + type.getSimpleName() + " in " + plan);
        return found.get(0);
    }

    static NodeRecord state(NodeRecord r, NodeState state, String... ids) {
        return new NodeRecord(state, List.of(ids), r.lastDocVersion(), r.azName(),
                r.drainedByAgent(), r.healthAzure());
    }

    static Policy withScope(Policy p, EventScope scope) {
        return new Policy(p.strategy(), p.eventTypes(), p.drainLeadTime(), p.freezeIgnoreBelow(),
                p.leaseLength(), scope);
    }

    @Test
    @DisplayName("a plan lists CIB writes first and approvals last, and records the incarnation")
    void planOrder() {
        Plan plan = Scene.standby(3).event(E1, "Reboot", SCHEDULED, "vm2").incarnation(9)
                .drainedByAgent("node2", NodeState.STOPPING, E1).passOn("node1");
        List<Action> actions = plan.actions();
        assertTrue(actions.get(actions.size() - 1) instanceof Action.ApproveEvents);
        assertEquals(9, only(plan, Action.RecordDocVersion.class).incarnation());
        assertFalse(actions.subList(0, actions.size() - 1).stream()
                .anyMatch(a -> a instanceof Action.ApproveEvents));
    }
}
