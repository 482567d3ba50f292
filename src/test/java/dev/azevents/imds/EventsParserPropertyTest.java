package dev.azevents.imds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Any document written the way Azure writes it reads back as it was, whatever the strings hold;
 * no cut or damaged copy of it is ever read as a (smaller) document, and nothing escapes.
 */
class EventsParserPropertyTest {

    static final String URL = "http://127.0.0.1:1/metadata/scheduledevents";

    @Property(tries = 300)
    void writtenDocumentReadsBackUnchanged(@ForAll("documents") EventsDocument doc) {
        assertEquals(new ImdsResult.Ok<>(doc), EventsParser.parse(URL, write(doc)));
    }

    @Property(tries = 300)
    void noStrictPrefixIsADocument(@ForAll("documents") EventsDocument doc,
            @ForAll @IntRange(min = 0, max = 10_000) int cut) {
        byte[] body = write(doc);
        byte[] prefix = Arrays.copyOf(body, cut % body.length);
        ImdsResult<EventsDocument> r = EventsParser.parse(URL, prefix);
        ImdsResult.Failed<?> f = assertInstanceOf(ImdsResult.Failed.class, r);
        assertInstanceOf(ImdsFailure.Malformed.class, f.failure());
    }

    /** One byte changed anywhere: either refused, or a complete document; never an exception. */
    @Property(tries = 500)
    void damagedBodyIsRefusedOrWhole(@ForAll("documents") EventsDocument doc,
            @ForAll @IntRange(min = 0, max = 10_000) int at, @ForAll byte value) {
        byte[] body = write(doc);
        body[at % body.length] = value;
        ImdsResult<EventsDocument> r = EventsParser.parse(URL, body);
        if (r instanceof ImdsResult.Ok<EventsDocument> ok) {
            assertEquals(doc.events().size(), ok.value().events().size());
        } else {
            assertInstanceOf(ImdsFailure.Malformed.class,
                    ((ImdsResult.Failed<EventsDocument>) r).failure());
        }
    }

    @Property(tries = 200)
    void startRequestsCarryTheIdsVerbatim(@ForAll("idLists") List<String> ids)
            throws IOException {
        byte[] body = ImdsClient.startRequests(ids);
        List<String> read = new ArrayList<>();
        try (var p = new JsonFactory().createParser(body)) {
            for (var t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == com.fasterxml.jackson.core.JsonToken.FIELD_NAME
                        && p.currentName().equals("EventId")) {
                    p.nextToken();
                    read.add(p.getText());
                }
            }
        }
        assertEquals(ids, read);
    }

    @Provide
    Arbitrary<String> hostile() {
        return Arbitraries.strings().withChars("\"\\<>&,;$`'\n\r\t\u0000\u001f\u2028\u00e9ab-")
                .ofMinLength(1).ofMaxLength(12);
    }

    @Provide
    Arbitrary<List<String>> idLists() {
        return hostile().list().ofMaxSize(5);
    }

    @Provide
    Arbitrary<EventsDocument> documents() {
        Arbitrary<ScheduledEvent> events = Combinators.combine(
                hostile(),
                Arbitraries.of("Freeze", "Reboot", "Redeploy", "Preempt", "Terminate", "Pause"),
                Arbitraries.of(EventStatus.SCHEDULED, EventStatus.STARTED),
                hostile().list().ofMaxSize(4),
                Arbitraries.longs().between(1_500_000_000L, 2_000_000_000L).optional(),
                hostile().optional(),
                Arbitraries.longs().between(-1, 3600).optional())
                .as((id, type, status, resources, notBefore, text, duration) ->
                        new ScheduledEvent(id, type, status, "VirtualMachine", resources,
                                notBefore.map(Instant::ofEpochSecond), text, text,
                                duration.map(OptionalLong::of).orElse(OptionalLong.empty())));
        return Combinators.combine(Arbitraries.longs().between(0, Long.MAX_VALUE),
                events.list().ofMaxSize(4).uniqueElements(ScheduledEvent::eventId))
                .as(EventsDocument::new);
    }

    /** As Azure writes it: fields in the documented order, NotBefore in RFC 1123. */
    static byte[] write(EventsDocument doc) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("DocumentIncarnation", doc.incarnation());
            g.writeArrayFieldStart("Events");
            for (ScheduledEvent e : doc.events()) {
                g.writeStartObject();
                g.writeStringField("EventId", e.eventId());
                g.writeStringField("EventStatus", e.status().azureName());
                g.writeStringField("EventType", e.eventType());
                g.writeStringField("ResourceType", e.resourceType());
                g.writeArrayFieldStart("Resources");
                for (String r : e.resources()) {
                    g.writeString(r);
                }
                g.writeEndArray();
                g.writeStringField("NotBefore", e.notBefore().map(t ->
                        DateTimeFormatter.RFC_1123_DATE_TIME.format(t.atOffset(ZoneOffset.UTC)))
                        .orElse(""));
                writeOptional(g, "Description", e.description());
                writeOptional(g, "EventSource", e.eventSource());
                if (e.durationSeconds().isPresent()) {
                    g.writeNumberField("DurationInSeconds", e.durationSeconds().getAsLong());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    private static void writeOptional(JsonGenerator g, String field, Optional<String> value)
            throws IOException {
        if (value.isPresent()) {
            g.writeStringField(field, value.get());
        }
    }
}
