package dev.azevents.engine;

import static dev.azevents.engine.EngineTest.E1;
import static dev.azevents.engine.EngineTest.of;
import static dev.azevents.engine.EngineTest.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.azevents.imds.EventStatus;
import dev.azevents.imds.EventsDocument;
import dev.azevents.imds.EventsParser;
import dev.azevents.imds.ImdsResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Events the parser kept as listed but could not read fully (issue 10, item 12): one odd event
 * never costs the node its own Reboot, and is itself never acted on.
 */
class EngineOddEventsTest {

    /** Another VM's Freeze with a status Azure does not document, and vm1's Reboot. */
    static final String BODY = """
            {"DocumentIncarnation":9,"Events":[
             {"EventId":"odd","EventType":"Freeze","EventStatus":"Completed","Resources":["vm2"]},
             {"EventId":"%s","EventType":"Reboot","EventStatus":"Scheduled",
              "Resources":["vm1"],"NotBefore":"Sun, 01 Mar 2026 12:15:00 GMT"}]}""".formatted(E1);

    static EventsDocument parsed(String body) {
        ImdsResult<EventsDocument> r = EventsParser.parse("http://127.0.0.1/x",
                body.getBytes(StandardCharsets.UTF_8));
        assertTrue(r instanceof ImdsResult.Ok<EventsDocument>, r.toString());
        return ((ImdsResult.Ok<EventsDocument>) r).value();
    }

    @Test
    @DisplayName("another VM's odd event does not cost this node its Reboot: drained as usual,"
            + " and the problem is in the notes")
    void ownRebootHandledBesideAnOddEvent() {
        EventsDocument doc = parsed(BODY);
        Scene scene = Scene.standby(3);
        Plan plan = new Engine().decide(scene.snapshot(), doc, new NodeIdentity("node1", "vm1"),
                Policy.defaults(Strategy.STANDBY), Scene.NOW);
        assertEquals(NodeState.STOPPING, only(plan, Action.SetNodeState.class).state());
        assertTrue(plan.notes().contains("event odd: Events[0].EventStatus \"Completed\" is"
                + " neither Scheduled nor Started: kept as listed, not acted on"),
                plan.notes().toString());
    }

    @Test
    @DisplayName("an unreadable event for this VM is neither drained for nor approved")
    void unreadableOwnEventIsNotActedOn() {
        Plan plan = Scene.standby(3).event(E1, "Reboot", EventStatus.UNREADABLE, "vm1")
                .passOn("node1");
        assertTrue(plan.isIdle(), plan.toString());
        assertTrue(plan.notes().get(0).contains("could not be read fully"),
                plan.notes().toString());
        Plan peer = Scene.standby(3).drainedByAgent("node2", NodeState.STOPPING, E1)
                .event(E1, "Reboot", EventStatus.UNREADABLE, "vm2").passOn("node1");
        assertEquals(List.of(), of(peer, Action.ApproveEvents.class));
    }

    @Test
    @DisplayName("a drained node whose event turns unreadable stays drained")
    void unreadableEventKeepsNodeDrained() {
        Plan plan = Scene.standby(3).drainedByAgent("node2", NodeState.IN_EVENT, E1)
                .event(E1, "Reboot", EventStatus.UNREADABLE, "vm2").passOn("node1");
        assertEquals(List.of(), of(plan, Action.SetStandby.class));
        assertEquals(List.of(), of(plan, Action.SetNodeState.class));
    }
}
