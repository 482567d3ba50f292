package dev.azevents.simulation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.azevents.engine.Strategy;
import dev.azevents.imds.EventType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 10's last races, each pinned as a script in the simulation's world and replayed from the
 * seed that found it, judged by the oracle from the ground truth. Each failed before its fix.
 */
class ResidualRaceTest {

    private static List<String> assertHeld(Scenario t) {
        List<String> timeline = new ArrayList<>();
        Simulation.Outcome o = t.run(timeline::add);
        assertTrue(o.held(), () -> failure(o, timeline));
        return timeline;
    }

    private static void assertHeld(long seed, Strategy strategy, Fault... faults) {
        List<String> timeline = new ArrayList<>();
        Simulation.Outcome o = Simulation.run(seed, Simulation.Setup.of(strategy)
                .withFaults(Set.of(faults)), timeline::add);
        assertTrue(o.held(), () -> failure(o, timeline));
    }

    private static String failure(Simulation.Outcome o, List<String> timeline) {
        return o.violations() + "\n" + o.reproduce() + "\n" + String.join("\n",
                timeline.subList(Math.max(0, timeline.size() - 40), timeline.size()));
    }

    private static void assertHappened(List<String> timeline, String what) {
        assertTrue(timeline.stream().anyMatch(l -> l.contains(what)), () -> "the script's cue"
                + " never fired (" + what + "): the race was not run\n" + String.join("\n",
                        timeline));
    }

    @Test
    @DisplayName("a Reboot listed Started between a peer's GET and its write keeps node3 drained:"
            + " the pass fetches again under the lease before it lets a node out")
    void eventStartedBetweenTheGetAndTheWriteThatLetsTheNodeOut() {
        assertHappened(assertHeld(Scenario.standby(3).at(5).event(EventType.REBOOT, 3)
                .at(6).whenLettingOut(3).startedEvent(3)), "no-notice Reboot Started for [vm3]");
        assertHappened(assertHeld(Scenario.health(3).at(5).event(EventType.REBOOT, 3)
                .at(6).whenLettingOut(3).startedEvent(3)), "no-notice Reboot Started for [vm3]");
    }

    @Test
    @DisplayName("seed 1071904 standby: a Scheduled Reboot reached NotBefore between node1's GET"
            + " (t=150 s, listed Scheduled) and its write (t=155 s)")
    void seed1071904() {
        assertHeld(1071904, Strategy.STANDBY);
    }

    /** Interleavings of the passes: without the fix 9 of them broke standby, 2 health. */
    static final int INTERLEAVINGS = 10;

    @Test
    @DisplayName("the peers' documents empty for 9 s while node3 is in its event: node3 stays"
            + " in standby until two reads a monitor interval apart miss its event")
    void brieflyEmptyDocumentOfThePeersDoesNotEndTheDrain() {
        for (int seed = 1; seed <= INTERLEAVINGS; seed++) {
            assertHappened(assertHeld(Scenario.standby(3).seed(seed).at(5)
                    .event(EventType.REBOOT, 3).at(6).whenInEvent(3).emptyDocument(1, 9)
                    .emptyDocument(2, 9)), "document is empty for 9 s");
        }
    }

    @Test
    @DisplayName("the drained node's own document empty for 9 s: it keeps its health lowered"
            + " until two reads a monitor interval apart miss its event")
    void brieflyEmptyOwnDocumentDoesNotEndTheDrain() {
        for (int seed = 1; seed <= INTERLEAVINGS; seed++) {
            assertHappened(assertHeld(Scenario.health(3).seed(seed).at(5)
                    .event(EventType.REBOOT, 3).at(6).whenInEvent(3).emptyDocument(3, 9)),
                    "document is empty for 9 s");
        }
    }

    @Test
    @DisplayName("document_empty seeds that let a node out on one empty read (12 of 2,000 per"
            + " strategy broke before)")
    void documentEmptySeeds() {
        assertHeld(100, Strategy.STANDBY, Fault.DOCUMENT_EMPTY);
        assertHeld(354, Strategy.HEALTH, Fault.DOCUMENT_EMPTY);
    }

    @Test
    @DisplayName("default swarm seeds where an event queued for a drained VM, or a follow-up"
            + " under a new id, was listed between a pass's GET and its let-out (9 standby and"
            + " 4 health of 2,000 broke without the refetch)")
    void queuedAndFollowUpSeeds() {
        assertHeld(849, Strategy.STANDBY);
        assertHeld(40, Strategy.STANDBY);
        assertHeld(486, Strategy.HEALTH);
        assertHeld(487, Strategy.HEALTH);
    }

    @Test
    @DisplayName("long-run seeds of the wider swarm: a blank read hid an event the peer had seen"
            + " but nobody recorded (1000809); an absence measured to the decision under the"
            + " lease instead of between reads (1058341); an event announced during a blank and"
            + " never shown to the node, the oracle's one excuse (1025403)")
    void longRunSeeds() {
        assertHeld(1000809, Strategy.STANDBY);
        assertHeld(1058341, Strategy.HEALTH);
        assertHeld(1025403, Strategy.HEALTH);
        // Two blanks of one VM back to back are one longer blank: the world keeps them apart.
        assertHeld(1063050, Strategy.HEALTH);
        // The idempotence check's second pass starts from the same state file as the first.
        assertHeld(1023758, Strategy.STANDBY);
    }
}
