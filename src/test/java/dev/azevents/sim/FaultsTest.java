package dev.azevents.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.azevents.imds.EventType;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Faults injected per VM, each observed over a real connection. */
class FaultsTest extends SimTestBase {

    /** Long enough that only the client's own timeout can end the wait. */
    private static final Duration LONG_STALL = Duration.ofMinutes(5);
    private static final int CLIENT_TIMEOUT_MILLIS = 300;

    private SimAdmin admin() {
        return new SimAdmin(sim.adminUrl());
    }

    @Test
    void aCountedStatusFaultAnswersThatManyRequestsThenHeals() throws IOException {
        startGroup(Scope.AVAILABILITY_SET);
        admin().fault("node1", new FaultSpec.FailRequests(503, 2));
        Http.Answer first = Http.get(node("node1"), EVENTS);
        assertEquals(503, first.status());
        assertTrue(first.object().containsKey("error"), first.body());
        assertEquals(503, Http.get(node("node1"), EVENTS).status());
        assertEquals(200, Http.get(node("node1"), EVENTS).status());
        assertEquals(200, Http.get(node("node2"), EVENTS).status(), "other VMs unaffected");
    }

    @Test
    void eachTransientStatusCanBeInjected() throws IOException {
        startGroup(Scope.AVAILABILITY_SET);
        for (int status : List.of(410, 429, 500, 503)) {
            admin().fault("node1", new FaultSpec.FailRequests(status, 1));
            assertEquals(status, Http.get(node("node1"), INSTANCE).status());
        }
        assertEquals(200, Http.get(node("node1"), INSTANCE).status());
    }

    @Test
    void aTimedStatusFaultLastsItsDurationOnTheSimulatorsClock() throws IOException {
        startGroup(Scope.AVAILABILITY_SET);
        admin().fault("node1", new FaultSpec.FailFor(410, Duration.ofSeconds(70)));
        assertEquals(410, Http.get(node("node1"), EVENTS).status());
        clock.advance(Duration.ofSeconds(69));
        assertEquals(410, Http.get(node("node1"), EVENTS).status());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(200, Http.get(node("node1"), EVENTS).status());
    }

    @Test
    void aStatusOutsideTheTransientSetIsRefused() throws IOException {
        startGroup(Scope.AVAILABILITY_SET);
        Http.Answer a = Http.call("POST", sim.adminUrl(), "/vms/node1/faults",
                "application/json", "{\"Fault\":\"status\",\"Status\":404,\"Requests\":1}");
        assertEquals(400, a.status());
        assertTrue(a.body().contains("410, 429, 500, 503"), a.body());
        assertThrows(IllegalArgumentException.class, () -> new FaultSpec.FailRequests(200, 1));
    }

    @Test
    void aDelayedAnswerOutlastsAShortClientTimeout() throws IOException {
        startGroup(Scope.AVAILABILITY_SET);
        admin().fault("node1", new FaultSpec.Delay(LONG_STALL));
        assertThrows(SocketTimeoutException.class,
                () -> RawHttp.get(node("node1"), EVENTS, CLIENT_TIMEOUT_MILLIS));
        admin().clearFaults("node1");
        assertTrue(RawHttp.get(node("node1"), EVENTS, 5_000).head().startsWith("HTTP/1.1 200"));
    }

    @Test
    void aHangAcceptsTheRequestAndNeverAnswers() throws IOException {
        startGroup(Scope.AVAILABILITY_SET);
        admin().fault("node2", new FaultSpec.Hang(LONG_STALL));
        assertThrows(SocketTimeoutException.class,
                () -> RawHttp.get(node("node2"), EVENTS, CLIENT_TIMEOUT_MILLIS));
        RecordedRequest r = sim.requests().get(0);
        assertEquals(List.of("node2", 0), List.of(r.vm(), r.status()), "recorded, unanswered");
    }

    @Test
    void aHangDropsTheConnectionWithoutAnAnswerAtItsBound() throws IOException {
        startGroup(Scope.AVAILABILITY_SET);
        admin().fault("node2", new FaultSpec.Hang(Duration.ofMillis(50)));
        RawHttp.Raw r = RawHttp.get(node("node2"), EVENTS, 10_000);
        assertEquals("", r.head(), "connection closed with no status line");
    }

    @Test
    void aMalformedBodyIsA200ThatIsNotJson() throws IOException {
        startGroup(Scope.AVAILABILITY_SET);
        admin().fault("node1", new FaultSpec.MalformedBody());
        RawHttp.Raw r = RawHttp.get(node("node1"), EVENTS, 5_000);
        assertTrue(r.head().startsWith("HTTP/1.1 200"), r.head());
        assertEquals(MetadataEndpoint.MALFORMED, r.text());
        assertEquals(r.body().length, r.contentLength(), "complete, just not JSON");
        assertTrue(new JsonTree(new com.fasterxml.jackson.core.JsonFactory()).read(r.text())
                instanceof Parse.Bad);
    }

    @Test
    void aTruncatedBodyEndsShortOfItsContentLength() throws IOException {
        startGroup(Scope.AVAILABILITY_SET);
        sim.schedule(EventSpec.of(EventType.REBOOT, "node1"));
        admin().fault("node1", new FaultSpec.TruncatedBody());
        RawHttp.Raw r = RawHttp.get(node("node1"), EVENTS, 5_000);
        assertTrue(r.head().startsWith("HTTP/1.1 200"), r.head());
        assertTrue(r.body().length < r.contentLength(),
                r.body().length + " bytes of " + r.contentLength());
        assertTrue(r.body().length > 0);
    }

    @Test
    void aHugeBodyIsAWellFormedDocumentOfTheAskedSize() throws IOException {
        startGroup(Scope.AVAILABILITY_SET);
        admin().fault("node1", new FaultSpec.HugeBody(FaultSpec.DEFAULT_HUGE_BYTES));
        RawHttp.Raw r = RawHttp.get(node("node1"), EVENTS, 10_000);
        assertEquals(FaultSpec.DEFAULT_HUGE_BYTES, r.contentLength());
        assertEquals(FaultSpec.DEFAULT_HUGE_BYTES, r.body().length);
        Object doc = new Http.Answer(200, r.text(), Map.of()).json();
        assertEquals(List.of(), ((Map<?, ?>) doc).get("Events"));
    }

    @Test
    void onlyTheFirstCallAfterASlowFirstCallFaultIsSlow() throws IOException {
        startGroup(Scope.AVAILABILITY_SET);
        admin().fault("node3", new FaultSpec.SlowFirstCall(LONG_STALL));
        assertThrows(SocketTimeoutException.class,
                () -> RawHttp.get(node("node3"), EVENTS, CLIENT_TIMEOUT_MILLIS));
        assertTrue(RawHttp.get(node("node3"), EVENTS, 5_000).head().startsWith("HTTP/1.1 200"));
        assertEquals(List.of(0, 200), sim.requests().stream().map(RecordedRequest::status)
                .toList(), "both recorded on arrival; the slow one is still unanswered");
    }

    @Test
    void anIncarnationResetStartsTheCounterOverWithEventsStillListed() throws IOException {
        startGroup(Scope.AVAILABILITY_SET);
        sim.schedule(EventSpec.of(EventType.REBOOT, "node1"));
        sim.schedule(EventSpec.of(EventType.REBOOT, "node2"));
        assertEquals(3L, incarnation(Http.get(node("node1"), EVENTS)));
        admin().fault("node1", new FaultSpec.IncarnationReset());
        Http.Answer after = Http.get(node("node1"), EVENTS);
        assertEquals(1L, incarnation(after));
        assertEquals(2, events(after).size());
        assertEquals(3L, incarnation(Http.get(node("node2"), EVENTS)), "only node1 reset");
        sim.schedule(EventSpec.of(EventType.FREEZE, "node3"));
        assertEquals(2L, incarnation(Http.get(node("node1"), EVENTS)));
    }

    @Test
    void aVmSilentForADayFindsItsIncarnationStartedOver() throws IOException {
        startGroup(Scope.AVAILABILITY_SET);
        sim.schedule(EventSpec.of(EventType.REBOOT, "node1").withNotBeforeSeconds(7 * 86_400));
        assertEquals(2L, incarnation(Http.get(node("node1"), EVENTS)));
        clock.advance(Duration.ofHours(24).minusSeconds(1));
        assertEquals(2L, incarnation(Http.get(node("node1"), EVENTS)), "not idle long enough");
        assertEquals(2L, incarnation(Http.get(node("node2"), EVENTS)), "node2's first request");
        clock.advance(Duration.ofHours(24));
        Http.Answer after = Http.get(node("node1"), EVENTS);
        assertEquals(1L, incarnation(after));
        assertEquals(1, events(after).size(), "the event is still listed");
    }

    @Test
    void faultsAreListedInOrderAndCleared() throws IOException {
        startGroup(Scope.AVAILABILITY_SET);
        admin().fault("node1", new FaultSpec.FailRequests(500, 1));
        admin().fault("node1", new FaultSpec.MalformedBody());
        Http.Answer listed = Http.call("GET", sim.adminUrl(), "/vms/node1/faults", null, null);
        assertEquals(List.of(Map.of("Fault", "status", "Status", 500L, "Requests", 1L),
                Map.of("Fault", "malformed")), listed.object().get("Faults"));
        assertEquals(500, Http.get(node("node1"), EVENTS).status());
        assertEquals(MetadataEndpoint.MALFORMED, Http.get(node("node1"), EVENTS).body());
        admin().clearFaults("node1");
        assertEquals(200, Http.get(node("node1"), EVENTS).status());
        assertEquals(1L, incarnation(Http.get(node("node1"), EVENTS)),
                "faults do not change the document");
    }
}
