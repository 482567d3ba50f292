package dev.azevents.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.azevents.imds.EventType;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What IMDS refuses before it looks at events: headers, api-versions, methods, rate. */
class RequestChecksTest extends SimTestBase {

    private static final Map<String, Object> NO_HEADER =
            Map.of("error", "Bad request. Required metadata header not specified");

    @Test
    void aRequestWithoutTheMetadataHeaderIsRefusedWithAJsonError() throws IOException {
        startGroup(Scope.AVAILABILITY_SET);
        Http.Answer a = Http.getWith(node("node1"), EVENTS);
        assertEquals(400, a.status());
        assertEquals(NO_HEADER, a.json());
        Http.Answer instance = Http.getWith(node("node1"), INSTANCE);
        assertEquals(400, instance.status());
        assertEquals(NO_HEADER, instance.json());
    }

    @Test
    void aMetadataHeaderOtherThanTrueIsRefused() throws IOException {
        startGroup(Scope.AVAILABILITY_SET);
        assertEquals(400, Http.getWith(node("node1"), EVENTS, "Metadata", "false").status());
        assertEquals(400, Http.getWith(node("node1"), EVENTS, "Metadata", "yes").status());
    }

    @Test
    void theMetadataHeaderValueIsMatchedWhateverItsCase() throws IOException {
        startGroup(Scope.AVAILABILITY_SET);
        assertEquals(200, Http.getWith(node("node1"), EVENTS, "Metadata", "True").status());
        assertEquals(200, Http.getWith(node("node1"), EVENTS, "metadata", "TRUE").status());
    }

    @Test
    void aRequestCarryingXForwardedForIsRefused() throws IOException {
        startGroup(Scope.AVAILABILITY_SET);
        Http.Answer a = Http.getWith(node("node1"), EVENTS, "Metadata", "true",
                "X-Forwarded-For", "10.0.0.9");
        assertEquals(400, a.status());
        assertTrue(((String) a.object().get("error")).contains("X-Forwarded-For"), a.body());
    }

    @Test
    void aMissingApiVersionIsRefusedListingTheNewestEventsVersions() throws IOException {
        startGroup(Scope.AVAILABILITY_SET);
        Http.Answer a = Http.get(node("node1"), "/scheduledevents");
        assertEquals(400, a.status());
        assertEquals(MetadataRoutes.BAD_VERSION, a.object().get("error"));
        assertEquals(List.of("2020-07-01", "2019-08-01", "2019-04-01"),
                a.object().get("newest-versions"));
    }

    @Test
    void eventsAndInstanceEachCheckTheirOwnVersionList() throws IOException {
        startGroup(Scope.AVAILABILITY_SET);
        // 2021-12-13 exists only for instance metadata, 2020-07-01 only for events.
        assertEquals(400, Http.get(node("node1"),
                "/scheduledevents?api-version=2021-12-13").status());
        Http.Answer a = Http.get(node("node1"), "/instance?api-version=2020-07-01");
        assertEquals(400, a.status());
        assertEquals(List.of("2025-04-07", "2024-07-17", "2024-03-15"),
                a.object().get("newest-versions"));
        // 2019-08-01 is in both lists: the Python agents rely on that.
        assertEquals(200, Http.get(node("node1"),
                "/scheduledevents?api-version=2019-08-01").status());
        assertEquals(200, Http.get(node("node1"), "/instance?api-version=2019-08-01").status());
    }

    @Test
    void eventsCanBeSetToAcceptInstanceVersions() throws IOException {
        start(ImdsSimulator.builder().vm("node1").settings(SimSettings.defaults()
                .withEventsAcceptInstanceVersions(true)));
        assertEquals(200, Http.get(node("node1"),
                "/scheduledevents?api-version=2021-12-13").status());
    }

    @Test
    void anUnknownApiVersionIsRefused() throws IOException {
        startGroup(Scope.AVAILABILITY_SET);
        assertEquals(400, Http.get(node("node1"),
                "/scheduledevents?api-version=2099-01-01").status());
        assertEquals(400, Http.get(node("node1"), "/scheduledevents?api-version=latest")
                .status());
    }

    @Test
    void aRepeatedQueryParameterIsRefused() throws IOException {
        startGroup(Scope.AVAILABILITY_SET);
        assertEquals(400, Http.get(node("node1"),
                EVENTS + "&api-version=2019-08-01").status());
    }

    @Test
    void versionsAreListedWithoutAnApiVersion() throws IOException {
        startGroup(Scope.AVAILABILITY_SET);
        Http.Answer a = Http.get(node("node1"), "/versions");
        assertEquals(200, a.status());
        assertEquals(ApiVersions.INSTANCE, a.object().get("apiVersions"));
    }

    @Test
    void unknownPathsAndMethodsGet404And405() throws IOException {
        startGroup(Scope.AVAILABILITY_SET);
        assertEquals(404, Http.get(node("node1"), "/identity/oauth2?api-version=2019-08-01")
                .status());
        assertEquals(405, Http.call("DELETE", node("node1"), EVENTS, null, null,
                "Metadata", "true").status());
        assertEquals(405, Http.post(node("node1"), INSTANCE, "{}").status());
    }

    @Test
    void aSixthRequestWithinOneSecondGets429AndTheNextSecondIsServed() throws IOException {
        start(ImdsSimulator.builder().vm("node1").vm("node2"));
        for (int i = 0; i < SimSettings.DEFAULT_REQUESTS_PER_SECOND; i++) {
            assertEquals(200, Http.get(node("node1"), EVENTS).status(), "request " + (i + 1));
        }
        assertEquals(429, Http.get(node("node1"), EVENTS).status());
        assertEquals(429, Http.get(node("node1"), INSTANCE).status(),
                "the budget is per VM, shared by all endpoints");
        assertEquals(200, Http.get(node("node2"), EVENTS).status(), "another VM's budget");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(200, Http.get(node("node1"), EVENTS).status());
    }

    @Test
    void everyAnswerClosesItsConnection() throws IOException {
        // A kept-alive connection to the JDK server costs a delayed ACK (40 ms) per request.
        startGroup(Scope.AVAILABILITY_SET);
        assertEquals("close", Http.get(node("node1"), EVENTS).header("Connection"));
        assertEquals("close", Http.getWith(node("node1"), EVENTS).header("Connection"));
        assertEquals("close", Http.call("GET", sim.adminUrl(), "/events", null, null)
                .header("Connection"));
    }

    @Test
    void everyRequestIsRecordedWithItsHeadersAndAnswer() throws IOException {
        startGroup(Scope.AVAILABILITY_SET);
        Http.getWith(node("node2"), EVENTS, "Metadata", "true", "User-Agent", "probe/1");
        Http.getWith(node("node1"), EVENTS);
        List<RecordedRequest> r = sim.requests();
        assertEquals(2, r.size());
        assertEquals(List.of("node2", "GET", "/metadata/scheduledevents",
                        "api-version=2020-07-01", "true", "probe/1", 200),
                List.of(r.get(0).vm(), r.get(0).method(), r.get(0).path(), r.get(0).query(),
                        r.get(0).headers().get("Metadata"), r.get(0).headers().get("User-Agent"),
                        r.get(0).status()));
        assertEquals(400, r.get(1).status());
        assertTrue(log.stream().anyMatch(l -> l.contains("\"node2\" GET")
                && l.endsWith("-> 200")), String.join("\n", log));
    }

    @Test
    void everyMemberOfAnAvailabilitySetGetsTheSameDocument() throws IOException {
        startGroup(Scope.AVAILABILITY_SET);
        sim.schedule(EventSpec.of(EventType.REDEPLOY, "node3"));
        assertEquals(Http.get(node("node1"), EVENTS).json(),
                Http.get(node("node2"), EVENTS).json());
    }
}
