package dev.azevents.imds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The events parser on the reference sheet's documents (section 8) and on bad ones. */
class EventsParserTest {

    static final String URL = "http://127.0.0.1:1/metadata/scheduledevents?api-version=2020-07-01";

    static byte[] reference(String name) {
        try (InputStream in = EventsParserTest.class.getResourceAsStream("reference/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError("test resource " + name, e);
        }
    }

    static EventsDocument parsed(byte[] body) {
        ImdsResult<EventsDocument> r = EventsParser.parse(URL, body);
        if (r instanceof ImdsResult.Failed<EventsDocument> f) {
            throw new AssertionError("expected a document, got: " + f.failure().describe());
        }
        return ((ImdsResult.Ok<EventsDocument>) r).value();
    }

    static EventsDocument parsed(String body) {
        return parsed(body.getBytes(StandardCharsets.UTF_8));
    }

    static ImdsFailure.Malformed refused(String body) {
        ImdsResult<EventsDocument> r = EventsParser.parse(URL,
                body.getBytes(StandardCharsets.UTF_8));
        ImdsResult.Failed<?> f = assertInstanceOf(ImdsResult.Failed.class, r, "should be refused");
        return assertInstanceOf(ImdsFailure.Malformed.class, f.failure());
    }

    @Test
    void noEventsDocument() {
        assertEquals(EventsDocument.empty(1), parsed(reference("8.1-no-events.json")));
    }

    @Test
    void scheduledRebootWithEveryField() {
        EventsDocument doc = parsed(reference("8.2-reboot-scheduled.json"));
        assertEquals(7, doc.incarnation());
        assertEquals(List.of(new ScheduledEvent("5B1E2F3A-9C4D-4E6F-8A7B-0C1D2E3F4A5B", "Reboot",
                EventStatus.SCHEDULED, "VirtualMachine", List.of("hana-db-1"),
                Optional.of(Instant.parse("2025-01-14T03:15:00Z")),
                Optional.of("Host server is undergoing maintenance."), Optional.of("Platform"),
                OptionalLong.of(-1))), doc.events());
    }

    @Test
    void startedFreezeHasNoNotBefore() {
        ScheduledEvent e = parsed(reference("8.3-freeze-started.json")).events().get(0);
        assertEquals(EventStatus.STARTED, e.status());
        assertEquals(Optional.empty(), e.notBefore());
        assertEquals(List.of("hana-db-2", "app-2"), e.resources());
        assertEquals(OptionalLong.of(5), e.durationSeconds());
        assertEquals(Optional.of(EventType.FREEZE), e.type());
    }

    @Test
    void preemptAndTerminateAreKnownTypesWithEmptyDescriptions() {
        ScheduledEvent preempt = parsed(reference("8.4-preempt.json")).events().get(0);
        assertEquals(Optional.of(EventType.PREEMPT), preempt.type());
        assertEquals(Optional.of(""), preempt.description());
        ScheduledEvent terminate = parsed(reference("8.5-terminate.json")).events().get(0);
        assertEquals(Optional.of(EventType.TERMINATE), terminate.type());
        assertEquals(Optional.of("User"), terminate.eventSource());
        assertEquals(List.of("app-vmss_3"), terminate.resources());
    }

    @Test
    void availabilitySetDocumentKeepsEventsInOrder() {
        EventsDocument doc = parsed(reference("8.6-availability-set.json"));
        assertEquals(21, doc.incarnation());
        assertEquals(List.of("0A1B2C3D-4E5F-4061-8273-94A5B6C7D8E9",
                "F9E8D7C6-B5A4-4392-8180-7F6E5D4C3B2A"),
                doc.events().stream().map(ScheduledEvent::eventId).toList());
        assertTrue(doc.events().get(0).affects("app-1"));
        assertEquals(Optional.of(Instant.parse("2025-01-14T03:10:00Z")),
                doc.events().get(1).notBefore());
    }

    @Test
    void olderApiVersionsLeaveOutNewerFields() {
        ScheduledEvent e = parsed("""
                {"DocumentIncarnation":2,"Events":[{"EventId":"a","EventStatus":"Scheduled",
                "EventType":"Reboot","ResourceType":"VirtualMachine","Resources":["vm1"],
                "NotBefore":"Mon, 19 Sep 2016 18:29:47 GMT"}]}""").events().get(0);
        assertEquals(Optional.empty(), e.description());
        assertEquals(Optional.empty(), e.eventSource());
        assertEquals(OptionalLong.empty(), e.durationSeconds());
        assertEquals(Optional.of(Instant.parse("2016-09-19T18:29:47Z")), e.notBefore());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-01-14T03:15:00Z", "2025-01-14T04:15:00+01:00",
        "2025-01-14T03:15:00", "Tue, 14 Jan 2025 03:15:00 GMT", " Tue, 14 Jan 2025 03:15:00 GMT "})
    void notBeforeInRfc1123OrIso8601(String time) {
        ScheduledEvent e = parsed(event("\"NotBefore\":\"" + time + "\"")).events().get(0);
        assertEquals(Optional.of(Instant.parse("2025-01-14T03:15:00Z")), e.notBefore());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"NotBefore\":\"\"", "\"NotBefore\":null", "\"Other\":1"})
    void emptyNullOrAbsentNotBeforeMeansNone(String field) {
        assertEquals(Optional.empty(), parsed(event(field)).events().get(0).notBefore());
    }

    @Test
    void unknownFieldsAndUnknownTypesAreKept() {
        EventsDocument doc = parsed("""
                {"Future":{"x":[1,2,{"y":null}]},"DocumentIncarnation":4,"Events":[
                {"EventId":"e1","EventType":"Hibernate","EventStatus":"Scheduled",
                 "Resources":["vm1"],"Extra":[true]}]}""");
        ScheduledEvent e = doc.events().get(0);
        assertEquals("Hibernate", e.eventType());
        assertEquals(Optional.empty(), e.type());
        assertEquals("", e.resourceType());
    }

    @Test
    void absentResourcesMeanNoVm() {
        assertEquals(List.of(), parsed("""
                {"DocumentIncarnation":1,"Events":[{"EventId":"e1","EventType":"Reboot",
                "EventStatus":"Started"}]}""").events().get(0).resources());
    }

    @Test
    void statusIsMatchedWithoutCase() {
        assertEquals(EventStatus.STARTED, parsed(event("\"Other\":1").replace("Scheduled",
                "started")).events().get(0).status());
    }

    @Test
    void incarnationZeroIsAccepted() {
        assertEquals(0, parsed("{\"DocumentIncarnation\":0,\"Events\":[]}").incarnation());
    }

    @Test
    void hostileIdsAndNamesAreKeptVerbatim() {
        String id = "x\"</a>,;$(rm -rf /)`\n\u00e9\u2028";
        EventsDocument doc = parsed("{\"DocumentIncarnation\":1,\"Events\":[{\"EventId\":"
                + "\"x\\\"</a>,;$(rm -rf /)`\\n\u00e9\\u2028\",\"EventType\":\"Reboot\","
                + "\"EventStatus\":\"Scheduled\",\"Resources\":[\"a,b\",\"<vm>\"]}]}");
        assertEquals(id, doc.events().get(0).eventId());
        assertEquals(List.of("a,b", "<vm>"), doc.events().get(0).resources());
    }

    private static String event(String extraField) {
        return "{\"DocumentIncarnation\":5,\"Events\":[{\"EventId\":\"e1\","
                + "\"EventType\":\"Reboot\","
                + "\"EventStatus\":\"Scheduled\",\"Resources\":[\"vm1\"]," + extraField + "}]}";
    }

    // --- odd events: kept as listed, not actionable; the others are read as usual ---

    /** Another VM's odd event first, then this VM's ordinary Reboot. */
    private static EventsDocument besideAReboot(String oddEvent) {
        return parsed("{\"DocumentIncarnation\":4,\"Events\":[" + oddEvent + ","
                + "{\"EventId\":\"mine\",\"EventType\":\"Reboot\",\"EventStatus\":\"Scheduled\","
                + "\"Resources\":[\"vm1\"],\"NotBefore\":\"Mon, 19 Sep 2016 18:29:47 GMT\"}]}");
    }

    @Test
    void unknownStatusKeepsTheEventAsUnreadableAndTheRestOfTheDocument() {
        EventsDocument doc = besideAReboot("{\"EventId\":\"odd\",\"EventType\":\"Freeze\","
                + "\"EventStatus\":\"Completed\",\"Resources\":[\"vm2\"]}");
        assertEquals(EventStatus.UNREADABLE, doc.find("odd").orElseThrow().status());
        assertEquals(List.of("vm2"), doc.find("odd").orElseThrow().resources());
        assertEquals(EventStatus.SCHEDULED, doc.find("mine").orElseThrow().status());
        assertEquals(List.of("event odd: Events[0].EventStatus \"Completed\" is neither Scheduled"
                + " nor Started: kept as listed, not acted on"), doc.problems());
    }

    @Test
    void notBeforeWhoseWeekdayDoesNotMatchItsDateKeepsTheEventAsUnreadable() {
        // 19 Sep 2016 was a Monday.
        EventsDocument doc = besideAReboot("{\"EventId\":\"odd\",\"EventType\":\"Freeze\","
                + "\"EventStatus\":\"Scheduled\",\"Resources\":[\"vm2\"],"
                + "\"NotBefore\":\"Tue, 19 Sep 2016 18:29:47 GMT\"}");
        ScheduledEvent odd = doc.find("odd").orElseThrow();
        assertEquals(EventStatus.UNREADABLE, odd.status());
        assertEquals(Optional.empty(), odd.notBefore());
        assertEquals(List.of("event odd: Events[0].NotBefore \"Tue, 19 Sep 2016 18:29:47 GMT\" is"
                + " neither RFC 1123 (Mon, 19 Sep 2016 18:29:47 GMT) nor ISO-8601: kept as listed,"
                + " not acted on"), doc.problems());
        assertEquals(EventStatus.SCHEDULED, doc.find("mine").orElseThrow().status());
    }

    @Test
    void unreadableNotBeforeKeepsTheEvent() {
        EventsDocument doc = parsed(event("\"NotBefore\":\"soon\""));
        assertEquals(EventStatus.UNREADABLE, doc.events().get(0).status());
        assertEquals(1, doc.problems().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"DurationInSeconds\":\"long\"", "\"Description\":{\"a\":[1]}",
        "\"EventSource\":[\"x\"]"})
    void wrongTypeInAnOptionalFieldKeepsTheEventAsUnreadable(String field) {
        EventsDocument doc = besideAReboot("{\"EventId\":\"odd\",\"EventType\":\"Reboot\","
                + "\"EventStatus\":\"Scheduled\",\"Resources\":[\"vm2\"]," + field + "}");
        assertEquals(EventStatus.UNREADABLE, doc.find("odd").orElseThrow().status());
        assertEquals(EventStatus.SCHEDULED, doc.find("mine").orElseThrow().status());
    }

    @Test
    void missingStatusAndTypeKeepTheEventAsUnreadable() {
        EventsDocument doc = besideAReboot("{\"EventId\":\"odd\",\"Resources\":[\"vm2\"]}");
        assertEquals(List.of("event odd: Events[0].EventType is missing; Events[0].EventStatus is"
                + " missing: kept as listed, not acted on"), doc.problems());
    }

    @Test
    void anOrdinaryDocumentHasNoProblems() {
        assertEquals(List.of(), parsed(event("\"Other\":1")).problems());
    }

    // --- refused documents: each names its problem ---

    @Test
    void incarnationAsStringIsRefused() {
        assertEquals("DocumentIncarnation must be an integer, was the string \"5\"",
                refused("{\"DocumentIncarnation\":\"5\",\"Events\":[]}").problem());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "1.5", "1e3", "99999999999999999999", "true", "null"})
    void incarnationThatIsNotACounterIsRefused(String value) {
        assertTrue(refused("{\"DocumentIncarnation\":" + value + ",\"Events\":[]}").problem()
                .startsWith("DocumentIncarnation must be"));
    }

    @Test
    void missingEventsIsNotAnEmptyList() {
        assertEquals("Events is missing", refused("{\"DocumentIncarnation\":3}").problem());
    }

    @Test
    void missingIncarnationIsRefused() {
        assertEquals("DocumentIncarnation is missing", refused("{\"Events\":[]}").problem());
    }

    @Test
    void duplicateEventIdIsRefused() {
        assertEquals("Events[1].EventId \"e1\" is listed twice", refused("""
                {"DocumentIncarnation":1,"Events":[
                {"EventId":"e1","EventType":"Reboot","EventStatus":"Scheduled"},
                {"EventId":"e1","EventType":"Freeze","EventStatus":"Scheduled"}]}""").problem());
    }

    @Test
    void duplicateKeyIsRefused() {
        assertTrue(refused("{\"DocumentIncarnation\":1,\"DocumentIncarnation\":2,\"Events\":[]}")
                .problem().contains("Duplicate field 'DocumentIncarnation'"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"EventId\":\"\"", "\"Other\":1"})
    void eventWithoutIdIsRefused(String fields) {
        assertEquals("Events[0].EventId is missing or empty", refused(
                "{\"DocumentIncarnation\":1,\"Events\":[{" + fields
                        + ",\"EventType\":\"Reboot\",\"EventStatus\":\"Scheduled\"}]}").problem());
    }

    @Test
    void resourceThatIsNotAStringIsRefused() {
        assertEquals("Events[0].Resources[1] must be a string, was 7",
                refused(event("\"Other\":1").replace("[\"vm1\"]", "[\"vm1\",7]")).problem());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "[]", "null", "\"text\"", "<html>502 Bad Gateway</html>",
        "{\"DocumentIncarnation\":1,\"Events\":[", "{\"DocumentIncarnation\":1,\"Events\":[]}}",
        "{\"DocumentIncarnation\":1,\"Events\":[]} {}", "{\"DocumentIncarnation\":1,\"Ev"})
    void brokenBodiesAreMalformedNeverHalfRead(String body) {
        ImdsFailure.Malformed m = refused(body);
        assertEquals(URL, m.url());
        assertTrue(m.describe().startsWith("IMDS sent a malformed document at " + URL + ": "),
                m.describe());
    }

    @Test
    void excerptOfABadBodyStaysOneShortLine() {
        String body = "oops\n\u0001" + "x".repeat(1000);
        ImdsFailure.Malformed m = refused(body);
        assertEquals("oops\\n?" + "x".repeat(EventsParser.EXCERPT_CHARS - 6) + "...",
                m.bodyExcerpt());
        assertTrue(m.problem().startsWith("invalid JSON at line 1 column "), m.problem());
        assertTrue(!m.describe().contains("\n"));
    }
}
