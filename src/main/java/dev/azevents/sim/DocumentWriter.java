package dev.azevents.sim;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes every JSON body the simulator sends, with jackson-core's generator so that hostile
 * strings are escaped by the library, never by string joining. Values are plain Java data:
 * {@code Map} (order kept), {@code List}, {@code String}, {@code Long}/{@code Integer},
 * {@code Double}, {@code Boolean}, {@link JsonTree#NULL}.
 */
final class DocumentWriter {

    /**
     * RFC 1123 as Azure prints it: two-digit day, English names, GMT. (The JDK's
     * {@code RFC_1123_DATE_TIME} drops the leading zero of the day.)
     */
    static final DateTimeFormatter RFC_1123 = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final JsonFactory factory;

    DocumentWriter(JsonFactory factory) {
        this.factory = factory;
    }

    static String rfc1123(Instant t) {
        return RFC_1123.format(t);
    }

    byte[] write(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = factory.createGenerator(out)) {
            value(g, value);
        } catch (IOException e) {
            // Writing to memory cannot fail; a failure here is a bug in this class.
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The Scheduled Events document as a VM sees it at {@code version}: fields introduced after
     * that version are absent (not empty), types too new for it are not listed.
     */
    static Map<String, Object> events(EventBook.VmDocument doc, String version,
            SimSettings settings) {
        List<Object> list = new ArrayList<>();
        for (SimEvent e : doc.events()) {
            if (shownAt(e, version, settings)) {
                list.add(event(e, version));
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("DocumentIncarnation", doc.incarnation());
        m.put("Events", list);
        return m;
    }

    private static boolean shownAt(SimEvent e, String version, SimSettings settings) {
        return switch (e.type()) {
            case FREEZE, REBOOT, REDEPLOY -> true;
            case PREEMPT -> !settings.hidePreemptBeforeItsVersion()
                    || ApiVersions.atLeast(version, ApiVersions.PREEMPT);
            case TERMINATE -> ApiVersions.atLeast(version, ApiVersions.TERMINATE);
        };
    }

    /** One event, fields in the order of the documentation's example. */
    private static Map<String, Object> event(SimEvent e, String version) {
        boolean started = e.phase() == SimEvent.Phase.STARTED;
        // The 2017-03-01 preview prefixed IaaS VM names with an underscore.
        boolean underscore = !ApiVersions.atLeast(version, ApiVersions.UNDERSCORE_DROPPED);
        List<Object> resources = new ArrayList<>();
        for (String r : e.resources()) {
            resources.add(underscore ? "_" + r : r);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("EventId", e.eventId());
        m.put("EventStatus", started ? "Started" : "Scheduled");
        m.put("EventType", e.type().azureName());
        m.put("ResourceType", "VirtualMachine");
        m.put("Resources", resources);
        m.put("NotBefore", started ? "" : rfc1123(e.notBefore()));
        if (ApiVersions.atLeast(version, ApiVersions.DESCRIPTION)) {
            m.put("Description", e.description());
        }
        if (ApiVersions.atLeast(version, ApiVersions.EVENT_SOURCE)) {
            m.put("EventSource", e.eventSource());
        }
        if (ApiVersions.atLeast(version, ApiVersions.DURATION)) {
            m.put("DurationInSeconds", e.durationSeconds());
        }
        return m;
    }

    /** The admin API's view of an event: everything, in ISO-8601 times. */
    static Map<String, Object> adminEvent(SimEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("EventId", e.eventId());
        m.put("EventType", e.type().azureName());
        m.put("State", e.phase().label());
        m.put("Resources", List.copyOf(e.resources()));
        m.put("NotBefore", e.notBefore().toString());
        m.put("Description", e.description());
        m.put("EventSource", e.eventSource());
        m.put("DurationInSeconds", e.durationSeconds());
        m.put("ActiveSeconds", e.activeFor().toSeconds());
        m.put("CreatedAt", e.createdAt().toString());
        m.put("StartedAt", instant(e.startedAt()));
        m.put("RemoveAfter", instant(e.removeAfter()));
        m.put("ApprovedBy", e.approvedBy().<Object>map(s -> s).orElse(JsonTree.NULL));
        m.put("ApprovedAt", instant(e.approvedAt()));
        m.put("EndedAt", instant(e.endedAt()));
        return m;
    }

    private static Object instant(Optional<Instant> t) {
        return t.<Object>map(Instant::toString).orElse(JsonTree.NULL);
    }

    static Map<String, Object> error(String message) {
        return Map.of("error", message);
    }

    private void value(JsonGenerator g, Object v) throws IOException {
        if (v instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName((String) e.getKey());
                value(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> list) {
            g.writeStartArray();
            for (Object o : list) {
                value(g, o);
            }
            g.writeEndArray();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Long n) {
            g.writeNumber(n);
        } else if (v instanceof Integer n) {
            g.writeNumber(n);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v == JsonTree.NULL) {
            g.writeNull();
        } else {
            throw new IllegalArgumentException("cannot write " + v.getClass());
        }
    }
}
