package dev.azevents.engine;

import static dev.azevents.engine.EngineTest.E1;
import static dev.azevents.engine.EngineTest.E2;
import static dev.azevents.engine.EngineTest.of;
import static dev.azevents.imds.EventStatus.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.azevents.imds.EventsDocument;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A drained node's recorded events count as over only once this node's reads have missed them
 * for one monitor interval: a briefly empty document (the simulation's DOCUMENT_EMPTY) must not
 * end a drain while Azure still lists the event.
 */
class EngineAbsencesTest {

    static final Duration INTERVAL = EventAbsences.CONFIRMATION;

    /** Earlier reads missed {@code ids} of {@code node}, and showed it free, since then. */
    private static EventAbsences missedSince(Instant since, String node, String... ids) {
        Map<String, Instant> map = new java.util.TreeMap<>();
        for (String id : ids) {
            map.put(id, since);
        }
        return new EventAbsences(map, INTERVAL, Map.of(node, since));
    }

    @Test
    @DisplayName("standby: the first read that misses a drained peer's event keeps it in standby"
            + " and says until when")
    void firstMissKeepsThePeerDrained() {
        Plan plan = Scene.standby(3).drainedByAgent("node2", NodeState.IN_EVENT, E2)
                .passOn("node1", EventAbsences.none(INTERVAL));

        assertTrue(plan.isIdle(), plan.toString());
        assertEquals(List.of("events [" + E2 + "] of node2 (IN_EVENT) are not all in this VM's"
                + " document; they count as over only if still missing at "
                + Scene.NOW.plus(INTERVAL) + " (a briefly empty document must not end a drain)"),
                plan.notes());
    }

    @Test
    @DisplayName("standby: a read one interval after the first miss lets the peer out")
    void secondMissOneIntervalLaterLetsThePeerOut() {
        Plan plan = Scene.standby(3).drainedByAgent("node2", NodeState.IN_EVENT, E2)
                .passOn("node1", missedSince(Scene.NOW.minus(INTERVAL), "node2", E2));

        assertEquals(List.of(new Action.SetStandby("node2", false, "node2 is AVAILABLE with no"
                + " pending event: undoing the agent's own drain")),
                of(plan, Action.SetStandby.class));
    }

    @Test
    @DisplayName("standby: a second miss less than an interval later still waits")
    void secondMissTooSoonWaits() {
        Plan plan = Scene.standby(3).drainedByAgent("node2", NodeState.IN_EVENT, E2)
                .passOn("node1", missedSince(Scene.NOW.minus(INTERVAL).plusSeconds(1), "node2", E2));

        assertTrue(plan.isIdle(), plan.toString());
    }

    @Test
    @DisplayName("health: the drained node's own event missing once keeps its health lowered")
    void healthFirstMissKeepsTheNodeDrained() {
        Scene scene = Scene.health(3).drainedByAgent("node2", NodeState.IN_EVENT, E2);

        assertTrue(scene.passOn("node2", EventAbsences.none(INTERVAL)).isIdle());
        assertTrue(of(scene.passOn("node2", missedSince(Scene.NOW.minus(INTERVAL), "node2", E2)),
                Action.SetHealth.class).stream().anyMatch(h -> h.value() == 0));
    }

    @Test
    @DisplayName("one missing id of two: the other still listed keeps the node drained, no write")
    void aFollowUpStillListedKeepsTheRecordAsItIs() {
        Plan plan = Scene.standby(3).drainedByAgent("node2", NodeState.IN_EVENT, E1, E2)
                .event(E1, "Reboot", STARTED, "vm2").passOn("node1",
                        EventAbsences.none(INTERVAL));

        assertTrue(of(plan, Action.SetNodeState.class).isEmpty(), plan.toString());
        assertTrue(of(plan, Action.SetStandby.class).isEmpty(), plan.toString());
    }

    @Test
    @DisplayName("memory: an id listed again is forgotten; a clock set back starts the count again")
    void observeForgetsListedIdsAndClocksSetBack() {
        ClusterSnapshot snapshot = Scene.standby(2)
                .drainedByAgent("node2", NodeState.IN_EVENT, E2).snapshot();
        EventAbsences seen = missedSince(Scene.NOW.minusSeconds(30), "node2", E2);
        NodeIdentity me = new NodeIdentity("node1", "vm1");
        Policy policy = Policy.defaults(Strategy.STANDBY);

        assertEquals(Map.of(E2, Scene.NOW.minusSeconds(30)),
                seen.observe(snapshot, EventsDocument.empty(3), me, policy, Scene.NOW)
                        .missingSince());
        assertEquals(Map.of(), seen.observe(snapshot, Scene.standby(2)
                .event(E2, "Reboot", STARTED, "vm2").document(), me, policy, Scene.NOW)
                .missingSince());
        Instant back = Scene.NOW.minusSeconds(60);
        assertEquals(Map.of(E2, back), seen.observe(snapshot, EventsDocument.empty(3), me,
                policy, back).missingSince());
    }

    @Test
    @DisplayName("one read is enough for the five-argument decide (status preview, unit tests)")
    void oneReadDecidesOnTheDocumentAlone() {
        Plan plan = Scene.standby(3).drainedByAgent("node2", NodeState.IN_EVENT, E2)
                .passOn("node1");

        assertEquals(1, of(plan, Action.SetStandby.class).size(), plan.toString());
    }

    @Test
    @DisplayName("standby: an event seen for a drained peer but not recorded yet, then a read"
            + " that shows nothing: the peer stays out until reads an interval apart show it"
            + " free (a briefly empty document hid the event)")
    void anEventSeenButNotRecordedKeepsThePeerOutThroughAnEmptyRead() {
        Scene scene = Scene.standby(3).drainedByAgent("node2", NodeState.IN_EVENT, E2);
        EventAbsences recordedGoneLongAgo = new EventAbsences(Map.of(E2,
                Scene.NOW.minusSeconds(60)), INTERVAL, Map.of());

        Plan plan = scene.passOn("node1", recordedGoneLongAgo);

        assertTrue(plan.isIdle(), plan.toString());
        assertTrue(plan.notes().contains("nothing listed keeps node2 out in this read, but not yet"
                + " in reads one monitor interval apart: letting it back in at a later pass (a"
                + " briefly empty document must not end a drain)"), plan.notes().toString());
    }

    @Test
    @DisplayName("memory: a node shown with an event naming its VM is not free; without, it is"
            + " free from that read on")
    void freeNodesAreThoseNothingKeepsOut() {
        ClusterSnapshot snapshot = Scene.standby(3)
                .drainedByAgent("node2", NodeState.IN_EVENT, E2).snapshot();
        NodeIdentity me = new NodeIdentity("node1", "vm1");
        Policy policy = Policy.defaults(Strategy.STANDBY);
        EventAbsences none = EventAbsences.none(INTERVAL);

        assertEquals(Map.of(), none.observe(snapshot, Scene.standby(3)
                .event(E1, "Reboot", STARTED, "vm2").document(), me, policy, Scene.NOW)
                .freeSince());
        assertEquals(Map.of("node2", Scene.NOW), none.observe(snapshot,
                EventsDocument.empty(3), me, policy, Scene.NOW).freeSince());
    }
}
