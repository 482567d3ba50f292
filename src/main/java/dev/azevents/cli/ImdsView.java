package dev.azevents.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.azevents.imds.EventsDocument;
import dev.azevents.imds.EventsParser;
import dev.azevents.imds.InstanceCompute;
import dev.azevents.imds.ScheduledEvent;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How {@code azevents imds} shows what IMDS said: text for a person, JSON for a script. Every
 * string from the network is printed escaped (text) or written by the JSON writer (JSON), so a
 * hostile event id cannot forge lines or break the document.
 */
final class ImdsView {

    private ImdsView() {
    }

    static void eventsText(EventsDocument doc, Instant now, PrintWriter out) {
        out.println("DocumentIncarnation " + doc.incarnation() + ", " + doc.events().size()
                + (doc.events().size() == 1 ? " event" : " events"));
        for (ScheduledEvent e : doc.events()) {
            out.println();
            out.println(p(e.eventType()) + " " + p(e.eventId()));
            out.println("  status       " + e.status().azureName());
            out.println("  not before   " + e.notBefore().map(t -> t + " (" + relative(t, now)
                    + ")").orElse("-"));
            out.println("  resources    " + (e.resources().isEmpty() ? "-"
                    : p(String.join(", ", e.resources()))));
            e.eventSource().ifPresent(s -> out.println("  source       " + p(s)));
            if (e.durationSeconds().isPresent()) {
                long d = e.durationSeconds().getAsLong();
                out.println("  duration     " + (d < 0 ? "unknown" : d + " s"));
            }
            e.description().filter(s -> !s.isEmpty())
                    .ifPresent(s -> out.println("  description  " + p(s)));
        }
    }

    static void instanceText(InstanceCompute c, PrintWriter out) {
        out.println("name           " + p(c.name()));
        out.println("computerName   " + orDash(c.computerName()));
        out.println("vmId           " + orDash(c.vmId()));
        out.println("location       " + orDash(c.location()));
        out.println("zone           " + orDash(c.zone()));
        out.println("vmScaleSetName " + orDash(c.vmScaleSetName()));
        out.println("resourceId     " + orDash(c.resourceId()));
    }

    static void approvedText(List<String> ids, PrintWriter out) {
        out.println("Approved " + ids.size() + (ids.size() == 1 ? " event: " : " events: ")
                + p(String.join(", ", ids)));
    }

    /** The document as parsed: Azure's field names, NotBefore in ISO-8601 UTC or "". */
    static void eventsJson(EventsDocument doc, PrintWriter out) {
        write(out, g -> {
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
                g.writeStringField("NotBefore", e.notBefore().map(Instant::toString).orElse(""));
                if (e.description().isPresent()) {
                    g.writeStringField("Description", e.description().get());
                }
                if (e.eventSource().isPresent()) {
                    g.writeStringField("EventSource", e.eventSource().get());
                }
                if (e.durationSeconds().isPresent()) {
                    g.writeNumberField("DurationInSeconds", e.durationSeconds().getAsLong());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    static void instanceJson(InstanceCompute c, PrintWriter out) {
        write(out, g -> {
            g.writeStartObject();
            g.writeStringField("name", c.name());
            g.writeStringField("computerName", c.computerName());
            g.writeStringField("vmId", c.vmId());
            g.writeStringField("location", c.location());
            g.writeStringField("zone", c.zone());
            g.writeStringField("vmScaleSetName", c.vmScaleSetName());
            g.writeStringField("resourceId", c.resourceId());
            g.writeEndObject();
        });
    }

    static void approvedJson(List<String> ids, PrintWriter out) {
        write(out, g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("Approved");
            for (String id : ids) {
                g.writeString(id);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** "in 14 min 58 s" or "2 h 3 min ago": when the event may start, seen from now. */
    static String relative(Instant t, Instant now) {
        Duration d = Duration.between(now, t);
        Duration abs = d.abs();
        String span = abs.toHours() > 0
                ? abs.toHours() + " h " + abs.toMinutesPart() + " min"
                : abs.toMinutes() > 0 ? abs.toMinutes() + " min " + abs.toSecondsPart() + " s"
                : abs.toSeconds() + " s";
        return d.isNegative() ? span + " ago" : "in " + span;
    }

    private static String p(String fromNetwork) {
        return EventsParser.printable(fromNetwork);
    }

    private static String orDash(String value) {
        return value.isEmpty() ? "-" : p(value);
    }

    private interface JsonBody {
        void writeTo(JsonGenerator g) throws IOException;
    }

    private static void write(PrintWriter out, JsonBody body) {
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            body.writeTo(g);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to the terminal failed", e);
        }
        out.println();
    }
}
