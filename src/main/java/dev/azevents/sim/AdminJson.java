package dev.azevents.sim;

import dev.azevents.imds.EventStatus;
import dev.azevents.imds.EventType;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The admin API's JSON shapes, both ways: what {@link SimAdmin} sends and the server reads
 * (an event to schedule, a fault), and what the server sends and {@link SimAdmin} reads.
 * Field names are Azure's where Azure has one.
 */
final class AdminJson {

    static final Set<String> EVENT_FIELDS = Set.of("EventType", "Resources", "EventStatus",
            "NotBeforeSeconds", "EventSource", "DurationInSeconds", "Description",
            "ActiveSeconds", "EventId");

    private AdminJson() {
    }

    static Map<String, Object> eventSpec(EventSpec s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("EventType", s.type().azureName());
        m.put("Resources", List.copyOf(s.resources()));
        s.status().ifPresent(v -> m.put("EventStatus", v.azureName()));
        s.notBeforeSeconds().ifPresent(v -> m.put("NotBeforeSeconds", v));
        s.eventSource().ifPresent(v -> m.put("EventSource", v));
        s.durationSeconds().ifPresent(v -> m.put("DurationInSeconds", v));
        s.description().ifPresent(v -> m.put("Description", v));
        s.activeSeconds().ifPresent(v -> m.put("ActiveSeconds", v));
        s.eventId().ifPresent(v -> m.put("EventId", v));
        return m;
    }

    static Parse<EventSpec> eventSpec(Object json) {
        if (!(json instanceof Map<?, ?> m)) {
            return Parse.bad("expected a JSON object");
        }
        for (Object k : m.keySet()) {
            if (!EVENT_FIELDS.contains(k)) {
                return Parse.bad("unknown field " + LogLine.quote((String) k)
                        + "; known: " + new java.util.TreeSet<>(EVENT_FIELDS));
            }
        }
        Optional<EventType> type = m.get("EventType") instanceof String t
                ? EventType.fromAzure(t) : Optional.empty();
        if (type.isEmpty()) {
            return Parse.bad("EventType must be one of Freeze, Reboot, Redeploy, Preempt, "
                    + "Terminate");
        }
        if (!(m.get("Resources") instanceof List<?> list)
                || !list.stream().allMatch(String.class::isInstance)) {
            return Parse.bad("Resources must be a list of VM names");
        }
        EventSpec spec = EventSpec.of(type.get(),
                list.stream().map(String.class::cast).toArray(String[]::new));
        Object status = m.get("EventStatus");
        if (status != null) {
            if ("Started".equals(status)) {
                spec = spec.withStatus(EventStatus.STARTED);
            } else if ("Scheduled".equals(status)) {
                spec = spec.withStatus(EventStatus.SCHEDULED);
            } else {
                return Parse.bad("EventStatus must be Scheduled or Started");
            }
        }
        return optionals(m, spec);
    }

    private static Parse<EventSpec> optionals(Map<?, ?> m, EventSpec spec) {
        for (String f : List.of("NotBeforeSeconds", "DurationInSeconds", "ActiveSeconds")) {
            if (m.containsKey(f) && !(m.get(f) instanceof Long)) {
                return Parse.bad(f + " must be an integer");
            }
        }
        for (String f : List.of("EventSource", "Description", "EventId")) {
            if (m.containsKey(f) && !(m.get(f) instanceof String)) {
                return Parse.bad(f + " must be a string");
            }
        }
        if (m.get("NotBeforeSeconds") instanceof Long n) {
            spec = spec.withNotBeforeSeconds(n);
        }
        if (m.get("DurationInSeconds") instanceof Long n) {
            spec = spec.withDurationSeconds(n);
        }
        if (m.get("ActiveSeconds") instanceof Long n) {
            spec = spec.withActiveSeconds(n);
        }
        if (m.get("EventSource") instanceof String s) {
            spec = spec.withEventSource(s);
        }
        if (m.get("Description") instanceof String s) {
            spec = spec.withDescription(s);
        }
        if (m.get("EventId") instanceof String s) {
            spec = spec.withEventId(s);
        }
        return Parse.ok(spec);
    }

    /** A fault from {@code {"Fault":"status","Status":503,"Requests":3}} and its kin. */
    static Parse<FaultSpec> fault(Object json) {
        if (!(json instanceof Map<?, ?> m) || !(m.get("Fault") instanceof String kind)) {
            return Parse.bad("expected {\"Fault\": \"status|delay|hang|malformed|truncated|huge"
                    + "|slow-first-call|incarnation-reset\", ...}");
        }
        try {
            return switch (kind) {
                case "status" -> status(m);
                case "delay" -> Parse.ok(new FaultSpec.Delay(millis(m)));
                case "hang" -> Parse.ok(new FaultSpec.Hang(millis(m)));
                case "malformed" -> Parse.ok(new FaultSpec.MalformedBody());
                case "truncated" -> Parse.ok(new FaultSpec.TruncatedBody());
                case "huge" -> Parse.ok(new FaultSpec.HugeBody(m.containsKey("Bytes")
                        ? number(m, "Bytes") : FaultSpec.DEFAULT_HUGE_BYTES));
                case "slow-first-call" -> Parse.ok(new FaultSpec.SlowFirstCall(millis(m)));
                case "incarnation-reset" -> Parse.ok(new FaultSpec.IncarnationReset());
                default -> Parse.bad("unknown Fault " + LogLine.quote(kind));
            };
        } catch (IllegalArgumentException e) {
            return Parse.bad(e.getMessage());
        }
    }

    private static Parse<FaultSpec> status(Map<?, ?> m) {
        int status = (int) number(m, "Status");
        if (m.containsKey("Requests") == m.containsKey("Millis")) {
            return Parse.bad("a status fault needs either Requests or Millis");
        }
        return Parse.ok(m.containsKey("Requests")
                ? new FaultSpec.FailRequests(status, (int) number(m, "Requests"))
                : new FaultSpec.FailFor(status, millis(m)));
    }

    private static Duration millis(Map<?, ?> m) {
        return Duration.ofMillis(number(m, "Millis"));
    }

    private static long number(Map<?, ?> m, String field) {
        if (!(m.get(field) instanceof Long n)) {
            throw new IllegalArgumentException(field + " must be an integer");
        }
        return n;
    }

    /** An event from the admin API's listing (the inverse of DocumentWriter.adminEvent). */
    static Parse<SimEvent> simEvent(Object json) {
        try {
            Map<?, ?> m = (Map<?, ?>) json;
            List<String> resources = new ArrayList<>();
            for (Object r : (List<?>) m.get("Resources")) {
                resources.add((String) r);
            }
            return Parse.ok(new SimEvent((String) m.get("EventId"),
                    EventType.fromAzure((String) m.get("EventType")).orElseThrow(),
                    resources, (String) m.get("Description"), (String) m.get("EventSource"),
                    (Long) m.get("DurationInSeconds"),
                    Duration.ofSeconds((Long) m.get("ActiveSeconds")),
                    SimEvent.Phase.fromLabel((String) m.get("State")).orElseThrow(),
                    Instant.parse((String) m.get("CreatedAt")),
                    Instant.parse((String) m.get("NotBefore")), instant(m, "StartedAt"),
                    instant(m, "RemoveAfter"), text(m, "ApprovedBy"), instant(m, "ApprovedAt"),
                    instant(m, "EndedAt")));
        } catch (ClassCastException | NullPointerException | DateTimeParseException
                | java.util.NoSuchElementException e) {
            return Parse.bad("not an admin event: " + e);
        }
    }

    /** A recorded request from the admin API's listing (the inverse of AdminEndpoint's). */
    static Parse<RecordedRequest> recordedRequest(Object json) {
        try {
            Map<?, ?> m = (Map<?, ?>) json;
            Map<String, String> headers = new LinkedHashMap<>();
            for (Map.Entry<?, ?> h : ((Map<?, ?>) m.get("Headers")).entrySet()) {
                headers.put((String) h.getKey(), (String) h.getValue());
            }
            return Parse.ok(new RecordedRequest((Long) m.get("Sequence"),
                    Instant.parse((String) m.get("At")), (String) m.get("VM"),
                    (String) m.get("Method"), (String) m.get("Path"), (String) m.get("Query"),
                    headers, (String) m.get("Body"), (int) (long) (Long) m.get("Status")));
        } catch (ClassCastException | NullPointerException | DateTimeParseException e) {
            return Parse.bad("not a recorded request: " + e);
        }
    }

    private static Optional<Instant> instant(Map<?, ?> m, String f) {
        return m.get(f) instanceof String s ? Optional.of(Instant.parse(s)) : Optional.empty();
    }

    private static Optional<String> text(Map<?, ?> m, String f) {
        return m.get(f) instanceof String s ? Optional.of(s) : Optional.empty();
    }
}
