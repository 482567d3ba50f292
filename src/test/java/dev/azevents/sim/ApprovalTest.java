package dev.azevents.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.azevents.imds.EventType;
import dev.azevents.testing.FakeClock;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** POST StartRequests: approval starts an event for every VM it names. */
class ApprovalTest extends SimTestBase {

    private static String startRequests(String... ids) {
        StringBuilder b = new StringBuilder("{\"StartRequests\": [");
        for (int i = 0; i < ids.length; i++) {
            b.append(i == 0 ? "" : ", ").append("{\"EventId\": \"").append(ids[i]).append("\"}");
        }
        return b.append("]}").toString();
    }

    @Test
    void approvalStartsTheEventAnswering200WithAnEmptyBody() throws IOException {
        startGroup(Scope.AVAILABILITY_SET);
        String id = sim.schedule(EventSpec.of(EventType.REBOOT, "node1")).eventId();
        clock.advance(Duration.ofMinutes(1));
        // The Python agents post with urllib's default form content type, at 2019-08-01.
        Http.Answer a = Http.post(node("node1"), "/scheduledevents?api-version=2019-08-01",
                startRequests(id));
        assertEquals(200, a.status());
        assertEquals("", a.body());
        assertEquals("Started", firstEvent(Http.get(node("node1"), EVENTS)).get("EventStatus"));
        SimEvent e = sim.events().get(0);
        assertEquals(Optional.of("node1"), e.approvedBy());
        assertEquals(Optional.of(FakeClock.DEFAULT_START.plus(Duration.ofMinutes(1))),
                e.approvedAt());
    }

    @Test
    void anyVmOfTheAvailabilitySetMayApproveAndAllVmsSeeItStarted() throws IOException {
        startGroup(Scope.AVAILABILITY_SET);
        String id = sim.schedule(EventSpec.of(EventType.REBOOT, "node1", "node2")).eventId();
        assertEquals(200, Http.post(node("node3"), EVENTS, startRequests(id)).status());
        for (String vm : List.of("node1", "node2", "node3")) {
            assertEquals("Started", firstEvent(Http.get(node(vm), EVENTS)).get("EventStatus"));
        }
        assertEquals(Optional.of("node3"), sim.events().get(0).approvedBy());
    }

    @Test
    void approvingAnAlreadyStartedEventStillAnswers200AndChangesNothing() throws IOException {
        startGroup(Scope.AVAILABILITY_SET);
        String id = sim.schedule(EventSpec.of(EventType.REBOOT, "node1")).eventId();
        Http.post(node("node1"), EVENTS, startRequests(id));
        long before = incarnation(Http.get(node("node1"), EVENTS));
        assertEquals(200, Http.post(node("node2"), EVENTS, startRequests(id)).status());
        assertEquals(before, incarnation(Http.get(node("node1"), EVENTS)));
        assertEquals(Optional.of("node1"), sim.events().get(0).approvedBy(),
                "the first approver stays on record");
    }

    @Test
    void severalEventsCanBeApprovedInOneRequest() throws IOException {
        startGroup(Scope.AVAILABILITY_SET);
        String a = sim.schedule(EventSpec.of(EventType.REBOOT, "node1")).eventId();
        String b = sim.schedule(EventSpec.of(EventType.REDEPLOY, "node2")).eventId();
        assertEquals(200, Http.post(node("node1"), EVENTS, startRequests(a, b)).status());
        assertTrue(sim.events().stream().allMatch(e -> e.phase() == SimEvent.Phase.STARTED));
    }

    @Test
    void malformedBodiesAre400AndStartNothing() throws IOException {
        startGroup(Scope.AVAILABILITY_SET);
        String id = sim.schedule(EventSpec.of(EventType.REBOOT, "node1")).eventId();
        for (String body : List.of("", "not json", "{\"StartRequests\": {}}", "[]",
                "{\"StartRequests\": [{\"EventId\": 5}]}",
                "{\"StartRequests\": [{\"EventId\": \"" + id + "\"}]} trailing",
                "{\"StartRequests\": [{\"EventId\": \"" + id + "\"}")) {
            Http.Answer a = Http.post(node("node1"), EVENTS, body);
            assertEquals(400, a.status(), body);
            assertTrue(a.object().containsKey("error"), a.body());
        }
        assertEquals(SimEvent.Phase.SCHEDULED, sim.events().get(0).phase());
    }

    @Test
    void anUnknownEventIdAnswers200AndChangesNothingByDefault() throws IOException {
        startGroup(Scope.AVAILABILITY_SET);
        sim.schedule(EventSpec.of(EventType.REBOOT, "node1"));
        assertEquals(200, Http.post(node("node1"), EVENTS, startRequests("no-such-id"))
                .status());
        assertEquals(SimEvent.Phase.SCHEDULED, sim.events().get(0).phase());
        assertEquals(2L, incarnation(Http.get(node("node1"), EVENTS)));
    }

    @Test
    void anUnknownEventIdCanBeSetToAnswer400() throws IOException {
        start(ImdsSimulator.builder().vm("node1").settings(SimSettings.defaults()
                .withUnknownEventId(SimSettings.UnknownEventId.BAD_REQUEST)));
        assertEquals(400, Http.post(node("node1"), EVENTS, startRequests("no-such-id"))
                .status());
    }

    @Test
    void aStandaloneVmCannotApproveAnEventItDoesNotSee() throws IOException {
        startGroup(Scope.STANDALONE);
        String id = sim.schedule(EventSpec.of(EventType.REBOOT, "node1")).eventId();
        assertEquals(200, Http.post(node("node2"), EVENTS, startRequests(id)).status());
        assertEquals(SimEvent.Phase.SCHEDULED, sim.events().get(0).phase());
        assertFalse(sim.events().get(0).approvedBy().isPresent());
    }

    @Test
    void anApprovedEventCanBeSetToWaitForNotBefore() throws IOException {
        start(ImdsSimulator.builder().vm("node1").settings(SimSettings.defaults()
                .withRequestsPerSecond(0).withApprovalStartsAtOnce(false)));
        String id = sim.schedule(EventSpec.of(EventType.REBOOT, "node1")).eventId();
        assertEquals(200, Http.post(node("node1"), EVENTS, startRequests(id)).status());
        Http.Answer a = Http.get(node("node1"), EVENTS);
        assertEquals(List.of("Scheduled", 2L), List.of(firstEvent(a).get("EventStatus"),
                incarnation(a)), "approval alone changes nothing a VM sees");
        assertEquals(Optional.of("node1"), sim.events().get(0).approvedBy());
        clock.advance(Duration.ofMinutes(15));
        assertEquals("Started", firstEvent(Http.get(node("node1"), EVENTS)).get("EventStatus"));
    }

    @Test
    void anApprovedEventIsRemovedAfterItsActiveTime() throws IOException {
        startGroup(Scope.AVAILABILITY_SET);
        String id = sim.schedule(EventSpec.of(EventType.REBOOT, "node1").withActiveSeconds(90))
                .eventId();
        Http.post(node("node1"), EVENTS, startRequests(id));
        clock.advance(Duration.ofSeconds(89));
        assertEquals(1, events(Http.get(node("node1"), EVENTS)).size());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of(), events(Http.get(node("node1"), EVENTS)));
    }
}
