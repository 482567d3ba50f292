package dev.azevents.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.azevents.imds.EventStatus;
import dev.azevents.imds.EventType;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The admin API over HTTP, through SimAdmin and raw. */
class AdminApiTest extends SimTestBase {

    /** Quotes, angle brackets, commas, newlines, shell and JSON characters, non-ASCII. */
    static final String HOSTILE = "a\"b<c>d,e\nf'g;$(rm -rf /)`h`|i&j\\k\u0000l\u2028m\u00e9/n%2F";

    /** An upper-case version-4 GUID, as in Azure's examples. */
    static final String GUID =
            "[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}";

    @Test
    void anEventCreatedOverHttpIsListedAndServed() throws IOException {
        startGroup(Scope.AVAILABILITY_SET);
        SimAdmin admin = new SimAdmin(sim.adminUrl());
        String id = admin.schedule(EventSpec.of(EventType.REDEPLOY, "node2")
                .withDescription("planned").withEventSource("User").withDurationSeconds(30));
        assertTrue(id.matches(GUID), id);
        List<SimEvent> listed = admin.list();
        assertEquals(sim.events(), listed, "the HTTP listing carries the whole event");
        Map<?, ?> served = firstEvent(Http.get(node("node1"), EVENTS));
        assertEquals(List.of(id, "Redeploy", List.of("node2"), "planned", "User", 30L),
                List.of(served.get("EventId"), served.get("EventType"), served.get("Resources"),
                        served.get("Description"), served.get("EventSource"),
                        served.get("DurationInSeconds")));
    }

    @Test
    void theSameSeedGivesTheSameEventIds() {
        List<List<String>> runs = new java.util.ArrayList<>();
        for (int run = 0; run < 2; run++) {
            try (ImdsSimulator s = ImdsSimulator.builder().vm("node1").seed(7).clock(clock)
                    .log(log::add).build()) {
                s.schedule(EventSpec.of(EventType.REBOOT, "node1"));
                s.schedule(EventSpec.of(EventType.FREEZE, "node1"));
                runs.add(s.events().stream().map(SimEvent::eventId).toList());
            }
        }
        assertEquals(runs.get(0), runs.get(1));
        assertTrue(!runs.get(0).get(0).equals(runs.get(0).get(1)));
    }

    @Test
    void creatingAnswers201WithTheEvent() throws IOException {
        startGroup(Scope.AVAILABILITY_SET);
        Http.Answer a = Http.call("POST", sim.adminUrl(), "/events", "application/json",
                "{\"EventType\":\"Reboot\",\"Resources\":[\"node1\"],\"NotBeforeSeconds\":1200}");
        assertEquals(201, a.status());
        assertEquals("Scheduled", a.object().get("State"));
        assertEquals("2025-01-14T03:20:00Z", a.object().get("NotBefore"));
        assertTrue(((String) a.object().get("EventId")).length() == 36);
    }

    @Test
    void hostileIdsAndVmNamesRoundTripUnharmed() throws IOException {
        start(ImdsSimulator.builder().vm("node1").vm(HOSTILE).settings(SimSettings.defaults()
                .withRequestsPerSecond(0)));
        SimAdmin admin = new SimAdmin(sim.adminUrl());
        String id = admin.schedule(EventSpec.of(EventType.REBOOT, HOSTILE, "node1")
                .withEventId(HOSTILE).withDescription(HOSTILE));
        assertEquals(HOSTILE, id);
        Map<?, ?> served = firstEvent(Http.get(node("node1"), EVENTS));
        assertEquals(List.of(HOSTILE, List.of(HOSTILE, "node1"), HOSTILE),
                List.of(served.get("EventId"), served.get("Resources"),
                        served.get("Description")));
        assertEquals(HOSTILE, ((Map<?, ?>) Http.get(node(HOSTILE), INSTANCE).object()
                .get("compute")).get("name"));
        Http.Answer approved = Http.post(node(HOSTILE), EVENTS,
                "{\"StartRequests\":[{\"EventId\":\"" + jsonEscaped(HOSTILE) + "\"}]}");
        assertEquals(200, approved.status());
        assertEquals(Optional.of(HOSTILE), admin.list().get(0).approvedBy());
        admin.end(HOSTILE);
        assertEquals(SimEvent.Phase.ENDED, admin.list().get(0).phase());
        assertTrue(log.stream().noneMatch(l -> l.contains("\n")), "one line per log entry");
    }

    private static String jsonEscaped(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")
                .replace("\u0000", "\\u0000");
    }

    @Test
    void badEventRequestsAre400WithTheReason() throws IOException {
        startGroup(Scope.AVAILABILITY_SET);
        Map<String, String> cases = Map.of(
                "{\"EventType\":\"Nap\",\"Resources\":[\"node1\"]}", "EventType",
                "{\"EventType\":\"Reboot\"}", "Resources",
                "{\"EventType\":\"Reboot\",\"Resources\":[\"node1\"],\"NotBeforeSeconds\":60}",
                "minimum notice of 900 s",
                "{\"EventType\":\"Reboot\",\"Resources\":[\"node1\"],\"Colour\":\"red\"}",
                "unknown field",
                "{\"EventType\":\"Reboot\",\"Resources\":[\"node1\"],\"EventStatus\":\"Done\"}",
                "EventStatus",
                "{\"EventType\":\"Reboot\",\"Resources\":[\"\"]}", "Resources name",
                "{\"EventType\":\"Terminate\",\"Resources\":[\"node1\"],"
                        + "\"NotBeforeSeconds\":1000}", "5 to 15 minutes",
                "not json", "not JSON");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Http.Answer a = Http.call("POST", sim.adminUrl(), "/events", "application/json",
                    c.getKey());
            assertEquals(400, a.status(), c.getKey());
            assertTrue(((String) a.object().get("error")).contains(c.getValue()),
                    c.getKey() + " -> " + a.body());
        }
        assertEquals(List.of(), sim.events());
    }

    @Test
    void aDuplicateEventIdIsRefused() {
        startGroup(Scope.AVAILABILITY_SET);
        SimAdmin admin = new SimAdmin(sim.adminUrl());
        admin.schedule(EventSpec.of(EventType.REBOOT, "node1").withEventId("same"));
        SimAdmin.AdminException e = assertThrows(SimAdmin.AdminException.class,
                () -> admin.schedule(EventSpec.of(EventType.FREEZE, "node2").withEventId("same")));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertEquals(1, sim.events().size());
    }

    @Test
    void endingAStartedEventRecordsItAsEnded() {
        startGroup(Scope.AVAILABILITY_SET);
        SimAdmin admin = new SimAdmin(sim.adminUrl());
        String id = admin.schedule(EventSpec.of(EventType.REBOOT, "node1")
                .withStatus(EventStatus.STARTED));
        clock.advance(Duration.ofSeconds(7));
        admin.end(id);
        SimEvent e = admin.list().get(0);
        assertEquals(SimEvent.Phase.ENDED, e.phase());
        assertEquals(Optional.of(clock.instant()), e.endedAt());
        assertEquals("Host server is undergoing an emergency repair.", e.description());
    }

    @Test
    void endingAnUnknownOrFinishedEventIs404() {
        startGroup(Scope.AVAILABILITY_SET);
        SimAdmin admin = new SimAdmin(sim.adminUrl());
        assertThrows(SimAdmin.AdminException.class, () -> admin.end("nope"));
        String id = admin.schedule(EventSpec.of(EventType.REBOOT, "node1"));
        admin.end(id);
        assertThrows(SimAdmin.AdminException.class, () -> admin.end(id));
    }

    @Test
    void theTimeFactorCanBeChangedWhileRunning() throws IOException {
        startGroup(Scope.AVAILABILITY_SET);
        SimAdmin admin = new SimAdmin(sim.adminUrl());
        admin.timeFactor(900);
        admin.schedule(EventSpec.of(EventType.REBOOT, "node1"));
        assertEquals("Tue, 14 Jan 2025 03:00:01 GMT",
                firstEvent(Http.get(node("node1"), EVENTS)).get("NotBefore"));
        assertEquals(900.0, Http.call("GET", sim.adminUrl(), "/settings", null, null).object()
                .get("TimeFactor"));
        assertThrows(SimAdmin.AdminException.class, () -> admin.timeFactor(0));
    }

    @Test
    void recordedRequestsCanBeReadAndClearedOverHttp() throws IOException {
        startGroup(Scope.AVAILABILITY_SET);
        Http.post(node("node2"), EVENTS, "{\"StartRequests\":[]}");
        Http.get(node("node1"), EVENTS);
        Http.Answer a = Http.call("GET", sim.adminUrl(), "/requests?vm=node2", null, null);
        List<?> rs = (List<?>) a.object().get("Requests");
        assertEquals(1, rs.size());
        Map<?, ?> r = (Map<?, ?>) rs.get(0);
        assertEquals(List.of("node2", "POST", "/metadata/scheduledevents",
                        "{\"StartRequests\":[]}", 200L,
                        "application/x-www-form-urlencoded"),
                List.of(r.get("VM"), r.get("Method"), r.get("Path"), r.get("Body"),
                        r.get("Status"), ((Map<?, ?>) r.get("Headers")).get("Content-Type")));
        assertEquals(sim.requests(), new SimAdmin(sim.adminUrl()).requests(),
                "SimAdmin reads back exactly what was recorded");
        Http.call("DELETE", sim.adminUrl(), "/requests", null, null);
        assertEquals(List.of(), sim.requests());
    }

    @Test
    void theVmListNamesEachMetadataUrl() throws IOException {
        startGroup(Scope.AVAILABILITY_SET);
        List<?> vms = (List<?>) Http.call("GET", sim.adminUrl(), "/vms", null, null).object()
                .get("VMs");
        assertEquals(3, vms.size());
        assertEquals(sim.metadataUrl("node3").toString(),
                ((Map<?, ?>) vms.get(2)).get("MetadataUrl"));
    }

    @Test
    void unknownAdminPathsAre404() throws IOException {
        startGroup(Scope.AVAILABILITY_SET);
        assertEquals(404, Http.call("GET", sim.adminUrl(), "/nothing", null, null).status());
        assertEquals(404, Http.call("GET", sim.adminUrl(), "/vms/ghost/faults", null, null)
                .status());
        assertFalse(sim.requests().stream().anyMatch(r -> r.path().startsWith("/admin")),
                "admin calls are not metadata requests");
    }
}
