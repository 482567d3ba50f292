package dev.azevents.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.azevents.imds.EventStatus;
import dev.azevents.imds.EventType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET /metadata/scheduledevents: the document, its fields per version, the event lifecycle. */
class ScheduledEventsTest extends SimTestBase {

    private static Object golden(String name) throws IOException {
        try (InputStream in = ScheduledEventsTest.class.getResourceAsStream("golden/" + name)) {
            return new Http.Answer(200, new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    Map.of()).json();
        }
    }

    @Test
    void aVmWithNoEventsGetsTheEmptyDocumentAtIncarnationOne() throws IOException {
        startGroup(Scope.AVAILABILITY_SET);
        Http.Answer a = Http.get(node("node1"), EVENTS);
        assertEquals(200, a.status());
        assertTrue(a.contentType().startsWith("application/json"), a.contentType());
        assertEquals(golden("8.1-no-events.json"), a.json());
    }

    @Test
    void aScheduledRebootIsServedExactlyAsTheDocumentationsExample() throws IOException {
        start(ImdsSimulator.builder().vm("hana-db-1").settings(SimSettings.defaults()
                .withRequestsPerSecond(0).withFirstIncarnation(6)));
        sim.schedule(EventSpec.of(EventType.REBOOT, "hana-db-1")
                .withEventId("5B1E2F3A-9C4D-4E6F-8A7B-0C1D2E3F4A5B"));
        Http.Answer a = Http.get(node("hana-db-1"), EVENTS);
        assertEquals(golden("8.2-reboot-scheduled.json"), a.json());
        assertTrue(a.body().indexOf("\"EventId\"") < a.body().indexOf("\"DurationInSeconds\""),
                "fields in the documentation's order: " + a.body());
    }

    @Test
    void twoEventsInAnAvailabilitySetMatchTheDocumentationsExample() throws IOException {
        start(ImdsSimulator.builder().vm("hana-db-1").vm("hana-db-2").vm("app-1")
                .settings(SimSettings.defaults().withRequestsPerSecond(0)
                        .withFirstIncarnation(19)));
        sim.schedule(EventSpec.of(EventType.REBOOT, "hana-db-1", "app-1")
                .withEventId("0A1B2C3D-4E5F-4061-8273-94A5B6C7D8E9"));
        sim.schedule(EventSpec.of(EventType.REDEPLOY, "hana-db-2")
                .withEventId("F9E8D7C6-B5A4-4392-8180-7F6E5D4C3B2A").withEventSource("User")
                .withDescription("Virtual machine is going to be redeployed as requested by "
                        + "authorized user."));
        for (String vm : List.of("hana-db-1", "hana-db-2", "app-1")) {
            assertEquals(golden("8.6-availability-set.json"), Http.get(node(vm), EVENTS).json(),
                    vm + " sees the whole set's events");
        }
    }

    @Test
    void aStartedFreezeShowsAnEmptyNotBeforeAsInTheDocumentation() throws IOException {
        start(ImdsSimulator.builder().vm("hana-db-2").vm("app-2").settings(SimSettings
                .defaults().withRequestsPerSecond(0)));
        sim.schedule(EventSpec.of(EventType.FREEZE, "hana-db-2", "app-2")
                .withEventId("C2A1B7E4-3D5F-4A6B-9C8D-7E6F5A4B3C2D"));
        clock.advance(Duration.ofMinutes(15));
        assertEquals(golden("8.3-freeze-started.json"), Http.get(node("app-2"), EVENTS).json());
    }

    @Test
    void aSpotEvictionWithItsDefaultsMatchesTheSheetsExample() throws IOException {
        clock.set(java.time.Instant.parse("2025-01-14T10:42:01Z"));
        start(ImdsSimulator.builder().vm("spot-worker-07").scope(Scope.STANDALONE));
        sim.schedule(EventSpec.of(EventType.PREEMPT, "spot-worker-07")
                .withEventId("9E8D7C6B-5A4F-4E3D-8C2B-1A0F9E8D7C6B"));
        assertEquals(golden("8.4-preempt.json"), Http.get(node("spot-worker-07"), EVENTS).json());
    }

    @Test
    void aScaleSetTerminateWithItsDefaultsMatchesTheSheetsExample() throws IOException {
        clock.set(java.time.Instant.parse("2025-01-14T10:55:00Z"));
        start(ImdsSimulator.builder().vm("app-vmss_3").settings(SimSettings.defaults()
                .withFirstIncarnation(11)));
        sim.schedule(EventSpec.of(EventType.TERMINATE, "app-vmss_3")
                .withEventId("1F2E3D4C-5B6A-4798-8A9B-0C1D2E3F4051"));
        assertEquals(golden("8.5-terminate.json"), Http.get(node("app-vmss_3"), EVENTS).json());
    }

    @Test
    void olderApiVersionsLeaveOutTheFieldsTheyDidNotHaveYet() throws IOException {
        startGroup(Scope.AVAILABILITY_SET);
        sim.schedule(EventSpec.of(EventType.REBOOT, "node1"));
        Map<?, ?> v2019b = firstEvent(Http.get(node("node1"),
                "/scheduledevents?api-version=2019-08-01"));
        assertTrue(v2019b.containsKey("EventSource"));
        assertFalse(v2019b.containsKey("DurationInSeconds"));
        Map<?, ?> v2019a = firstEvent(Http.get(node("node1"),
                "/scheduledevents?api-version=2019-01-01"));
        assertFalse(v2019a.containsKey("Description"));
        assertFalse(v2019a.containsKey("EventSource"));
        Map<?, ?> v2019c = firstEvent(Http.get(node("node1"),
                "/scheduledevents?api-version=2019-04-01"));
        assertTrue(v2019c.containsKey("Description"));
        assertFalse(v2019c.containsKey("EventSource"));
    }

    @Test
    void terminateIsHiddenFromApiVersionsBefore2019() throws IOException {
        startGroup(Scope.AVAILABILITY_SET);
        sim.schedule(EventSpec.of(EventType.TERMINATE, "node1"));
        assertEquals(List.of(), events(Http.get(node("node1"),
                "/scheduledevents?api-version=2017-11-01")));
        assertEquals("Terminate", firstEvent(Http.get(node("node1"),
                "/scheduledevents?api-version=2019-01-01")).get("EventType"));
    }

    @Test
    void preemptIsHiddenBeforeItsVersionByDefault() throws IOException {
        startGroup(Scope.AVAILABILITY_SET);
        sim.schedule(EventSpec.of(EventType.PREEMPT, "node1"));
        assertEquals(List.of(), events(Http.get(node("node1"),
                "/scheduledevents?api-version=2017-08-01")));
        assertEquals(1, events(Http.get(node("node1"),
                "/scheduledevents?api-version=2017-11-01")).size());
    }

    @Test
    void thePreviewVersionPrefixesVmNamesWithAnUnderscore() throws IOException {
        startGroup(Scope.AVAILABILITY_SET);
        sim.schedule(EventSpec.of(EventType.REBOOT, "node1"));
        assertEquals(List.of("_node1"), firstEvent(Http.get(node("node1"),
                "/scheduledevents?api-version=2017-03-01")).get("Resources"));
    }

    @Test
    void notBeforeIsTheMinimumNoticeCompressedByTheTimeFactor() throws IOException {
        start(ImdsSimulator.builder().vm("node1").timeFactor(60)
                .settings(SimSettings.defaults().withTimeFactor(60).withRequestsPerSecond(0)));
        sim.schedule(EventSpec.of(EventType.REBOOT, "node1"));
        sim.schedule(EventSpec.of(EventType.REDEPLOY, "node1"));
        sim.schedule(EventSpec.of(EventType.PREEMPT, "node1"));
        sim.schedule(EventSpec.of(EventType.TERMINATE, "node1"));
        List<?> es = events(Http.get(node("node1"), EVENTS));
        // 15 min, 10 min, 30 s and the default Terminate 10 min, each divided by 60.
        assertEquals(List.of("Tue, 14 Jan 2025 03:00:15 GMT", "Tue, 14 Jan 2025 03:00:10 GMT",
                        "Tue, 14 Jan 2025 03:00:00 GMT", "Tue, 14 Jan 2025 03:00:10 GMT"),
                es.stream().map(e -> ((Map<?, ?>) e).get("NotBefore")).toList());
    }

    @Test
    void anEventStartsAtNotBeforeAndIsRemovedWhenItsTimeIsOver() throws IOException {
        start(ImdsSimulator.builder().vm("node1").settings(SimSettings.defaults()
                .withRequestsPerSecond(0).withStartedLifetime(Duration.ofMinutes(10))));
        String id = sim.schedule(EventSpec.of(EventType.REBOOT, "node1")).eventId();
        clock.advance(Duration.ofMinutes(15).minusSeconds(1));
        assertEquals("Scheduled", firstEvent(Http.get(node("node1"), EVENTS))
                .get("EventStatus"));
        clock.advance(Duration.ofSeconds(1));
        Map<?, ?> started = firstEvent(Http.get(node("node1"), EVENTS));
        assertEquals(List.of("Started", "", id), List.of(started.get("EventStatus"),
                started.get("NotBefore"), started.get("EventId")), "same id, NotBefore blank");
        clock.advance(Duration.ofMinutes(10).minusSeconds(1));
        assertEquals(1, events(Http.get(node("node1"), EVENTS)).size());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of(), events(Http.get(node("node1"), EVENTS)));
        SimEvent ended = sim.events().get(0);
        assertEquals(SimEvent.Phase.ENDED, ended.phase());
        assertFalse(ended.approvedBy().isPresent(), "nobody approved it");
    }

    @Test
    void documentIncarnationRisesOnEveryChangeAndOnlyThen() throws IOException {
        startGroup(Scope.AVAILABILITY_SET);
        List<Long> seen = new java.util.ArrayList<>();
        seen.add(incarnation(Http.get(node("node1"), EVENTS)));
        seen.add(incarnation(Http.get(node("node1"), EVENTS)));
        sim.schedule(EventSpec.of(EventType.FREEZE, "node1").withActiveSeconds(60));
        seen.add(incarnation(Http.get(node("node1"), EVENTS)));
        clock.advance(Duration.ofMinutes(15));
        seen.add(incarnation(Http.get(node("node1"), EVENTS)));
        clock.advance(Duration.ofMinutes(1));
        seen.add(incarnation(Http.get(node("node1"), EVENTS)));
        seen.add(incarnation(Http.get(node("node1"), EVENTS)));
        // The documentation's Freeze sequence: 1 empty, 2 Scheduled, 3 Started, 4 empty.
        assertEquals(List.of(1L, 1L, 2L, 3L, 4L, 4L), seen);
    }

    @Test
    void aHardwareFailureRebootAppearsAlreadyStarted() throws IOException {
        startGroup(Scope.AVAILABILITY_SET);
        sim.schedule(EventSpec.of(EventType.REBOOT, "node2").withStatus(EventStatus.STARTED));
        Map<?, ?> e = firstEvent(Http.get(node("node1"), EVENTS));
        assertEquals(List.of("Started", ""), List.of(e.get("EventStatus"), e.get("NotBefore")));
        assertEquals(2L, incarnation(Http.get(node("node1"), EVENTS)),
                "never seen as Scheduled");
    }

    @Test
    void aCancelledEventDisappearsWithoutStarting() throws IOException {
        startGroup(Scope.AVAILABILITY_SET);
        String id = sim.schedule(EventSpec.of(EventType.REBOOT, "node1")).eventId();
        new SimAdmin(sim.adminUrl()).end(id);
        Http.Answer a = Http.get(node("node1"), EVENTS);
        assertEquals(List.of(), events(a));
        assertEquals(3L, incarnation(a));
        assertEquals(SimEvent.Phase.CANCELLED, sim.events().get(0).phase());
        assertFalse(sim.events().get(0).startedAt().isPresent());
    }

    @Test
    void inAnAvailabilitySetEveryVmSeesEveryEvent() throws IOException {
        startGroup(Scope.AVAILABILITY_SET);
        sim.schedule(EventSpec.of(EventType.REBOOT, "node1"));
        for (String vm : List.of("node1", "node2", "node3")) {
            assertEquals(1, events(Http.get(node(vm), EVENTS)).size(), vm);
        }
    }

    @Test
    void aStandaloneVmSeesOnlyEventsNamingIt() throws IOException {
        startGroup(Scope.STANDALONE);
        sim.schedule(EventSpec.of(EventType.REBOOT, "node1"));
        assertEquals(1, events(Http.get(node("node1"), EVENTS)).size());
        Http.Answer other = Http.get(node("node2"), EVENTS);
        assertEquals(List.of(), events(other));
        assertEquals(1L, incarnation(other), "node2's document did not change");
    }
}
