package dev.azevents.imds;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads a Scheduled Events body into an {@link EventsDocument}, or says why it cannot.
 *
 * <p>Strict where a wrong guess would mean a wrong action, liberal where Azure's own samples
 * disagree with its documentation:
 * <ul>
 * <li>{@code DocumentIncarnation} must be a JSON integer from 0 to 2^63-1. A string {@code "5"}
 *     is refused (the documentation and every sample send a number; the Python agents compared
 *     it as a number), as are negatives and fractions (a counter that only increases).
 *     0 is accepted: one public test server starts there and we compare event ids anyway.</li>
 * <li>{@code Events} must be present: a body without it is not "no events" (treating it so
 *     would bring drained nodes back while their maintenance is still pending).</li>
 * <li>{@code NotBefore}: RFC 1123 as documented, or ISO-8601 (Microsoft's mock server sends
 *     {@code 2025-01-14T03:15:00Z}; without an offset it is read as UTC); {@code ""}, {@code null}
 *     or absent mean "none" (Azure sends {@code ""} once an event has Started).</li>
 * <li>Fields newer than the api-version ({@code Description}, {@code EventSource},
 *     {@code DurationInSeconds}) may be absent; {@code ResourceType} and {@code Resources} too
 *     (seen in third-party fixtures). Unknown fields are skipped; an unknown {@code EventType}
 *     is kept verbatim for the caller to ignore.</li>
 * <li>One odd event does not cost the others: an unknown or missing {@code EventStatus}, a
 *     {@code NotBefore} that cannot be read (a weekday that does not match its date), a missing
 *     {@code EventType} or a wrong JSON type in a field other than {@code EventId} and
 *     {@code Resources} keep the event as listed with status {@link EventStatus#UNREADABLE}
 *     (never drained for, never approved, but it holds a drained node) and a line in
 *     {@link EventsDocument#problems()}. Otherwise another VM's strange Freeze would hide this
 *     VM's Reboot.</li>
 * <li>A broken document is refused whole, never half read: a missing or empty {@code EventId}
 *     (the event cannot be tracked), {@code Resources} that are not a list of names (whom it
 *     affects is unknown), two events with the same id, a duplicate key, invalid JSON, trailing
 *     content or a truncated body.</li>
 * </ul>
 */
public final class EventsParser {

    /** Characters of a bad body quoted in the failure, enough to recognise it in a log. */
    static final int EXCERPT_CHARS = 160;

    /**
     * Duplicate keys are an error, not "last one wins": an ambiguous document is refused. In a
     * holder, so that an idle pass (its document read by {@link EmptyDocument}) loads no Jackson.
     */
    static final class Json {
        static final JsonFactory FACTORY = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();

        private Json() {
        }
    }

    private EventsParser() {
    }

    /** The document in {@code body} (fetched from {@code url}), or a {@code Malformed} failure. */
    public static ImdsResult<EventsDocument> parse(String url, byte[] body) {
        EventsDocument empty = EmptyDocument.read(body);
        return empty != null ? new ImdsResult.Ok<>(empty) : parseFully(url, body);
    }

    /** With Jackson, whatever the body (EmptyDocument's answers must equal these). */
    static ImdsResult<EventsDocument> parseFully(String url, byte[] body) {
        try (JsonParser p = Json.FACTORY.createParser(body)) {
            EventsDocument doc = readDocument(p);
            requireEnd(p);
            return new ImdsResult.Ok<>(doc);
        } catch (Refusal | IOException e) {
            return new ImdsResult.Failed<>(
                    new ImdsFailure.Malformed(url, problem(e), excerpt(body, EXCERPT_CHARS)));
        }
    }

    private static EventsDocument readDocument(JsonParser p) throws IOException, Refusal {
        requireStart(p, "the events document");
        long incarnation = -1;
        List<ScheduledEvent> events = null;
        List<String> problems = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "DocumentIncarnation" -> incarnation = readIncarnation(p, value);
                case "Events" -> events = readEvents(p, value, problems);
                default -> p.skipChildren();
            }
        }
        if (incarnation < 0) {
            throw new Refusal("DocumentIncarnation is missing");
        }
        if (events == null) {
            throw new Refusal("Events is missing");
        }
        return new EventsDocument(incarnation, events, problems);
    }

    private static long readIncarnation(JsonParser p, JsonToken value) throws IOException, Refusal {
        if (value != JsonToken.VALUE_NUMBER_INT) {
            throw new Refusal("DocumentIncarnation must be an integer, was " + shown(p, value));
        }
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER || p.getLongValue() < 0) {
            throw new Refusal("DocumentIncarnation must be between 0 and " + Long.MAX_VALUE
                    + ", was " + p.getText());
        }
        return p.getLongValue();
    }

    private static List<ScheduledEvent> readEvents(JsonParser p, JsonToken value,
            List<String> problems) throws IOException, Refusal {
        if (value != JsonToken.START_ARRAY) {
            throw new Refusal("Events must be an array, was " + shown(p, value));
        }
        List<ScheduledEvent> events = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            String where = "Events[" + events.size() + "]";
            if (t != JsonToken.START_OBJECT) {
                throw new Refusal(where + " must be an object, was " + shown(p, t));
            }
            ScheduledEvent e = readEvent(p, where, problems);
            if (!ids.add(e.eventId())) {
                throw new Refusal(where + ".EventId \"" + e.eventId() + "\" is listed twice");
            }
            events.add(e);
        }
        return events;
    }

    /**
     * One event; called on its START_OBJECT, returns after its END_OBJECT. A field that cannot
     * be read (other than the id and the resources) makes the event UNREADABLE, with a problem.
     */
    private static ScheduledEvent readEvent(JsonParser p, String where, List<String> problems)
            throws IOException, Refusal {
        EventFields f = new EventFields();
        List<String> odd = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            String at = where + "." + field;
            switch (field) {
                case "EventId" -> f.id = requireString(p, value, at);
                case "Resources" -> f.resources = readResources(p, value, at);
                default -> {
                    try {
                        readField(p, value, field, at, f);
                    } catch (Refusal r) {
                        odd.add(r.getMessage());
                        p.skipChildren();
                    }
                }
            }
        }
        if (f.id == null || f.id.isEmpty()) {
            throw new Refusal(where + ".EventId is missing or empty");
        }
        if (f.type == null) {
            odd.add(where + ".EventType is missing");
        }
        EventStatus status = EventStatus.UNREADABLE;
        try {
            status = readStatus(f.status, where);
        } catch (Refusal r) {
            odd.add(r.getMessage());
        }
        if (!odd.isEmpty()) {
            status = EventStatus.UNREADABLE;
            problems.add("event " + clip(f.id, EXCERPT_CHARS) + ": " + String.join("; ", odd)
                    + ": kept as listed, not acted on");
        }
        return new ScheduledEvent(f.id, f.type == null ? "" : f.type, status, f.resourceType,
                f.resources, f.notBefore, f.description, f.source, f.duration);
    }

    /** The fields of one event as read so far. */
    private static final class EventFields {
        String id;
        String type;
        String status;
        String resourceType = "";
        List<String> resources = List.of();
        Optional<Instant> notBefore = Optional.empty();
        Optional<String> description = Optional.empty();
        Optional<String> source = Optional.empty();
        OptionalLong duration = OptionalLong.empty();
    }

    private static void readField(JsonParser p, JsonToken value, String field, String at,
            EventFields f) throws IOException, Refusal {
        switch (field) {
            case "EventType" -> f.type = requireString(p, value, at);
            case "EventStatus" -> f.status = requireString(p, value, at);
            case "ResourceType" -> f.resourceType = optionalString(p, value, at).orElse("");
            case "NotBefore" -> f.notBefore = readNotBefore(p, value, at);
            case "Description" -> f.description = optionalString(p, value, at);
            case "EventSource" -> f.source = optionalString(p, value, at);
            case "DurationInSeconds" -> f.duration = readDuration(p, value, at);
            default -> p.skipChildren();
        }
    }

    private static EventStatus readStatus(String status, String where) throws Refusal {
        if (status == null) {
            throw new Refusal(where + ".EventStatus is missing");
        }
        for (EventStatus s : EventStatus.values()) {
            if (s != EventStatus.UNREADABLE && s.azureName().equalsIgnoreCase(status)) {
                return s;
            }
        }
        throw new Refusal(where + ".EventStatus \"" + clip(status, EXCERPT_CHARS)
                + "\" is neither Scheduled nor Started");
    }

    private static List<String> readResources(JsonParser p, JsonToken value, String at)
            throws IOException, Refusal {
        if (value == JsonToken.VALUE_NULL) {
            return List.of();
        }
        if (value != JsonToken.START_ARRAY) {
            throw new Refusal(at + " must be an array of names, was " + shown(p, value));
        }
        List<String> names = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            names.add(requireString(p, t, at + "[" + names.size() + "]"));
        }
        return names;
    }

    private static Optional<Instant> readNotBefore(JsonParser p, JsonToken value, String at)
            throws IOException, Refusal {
        Optional<String> text = optionalString(p, value, at);
        if (text.isEmpty() || text.get().isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parseTime(text.get().strip()));
        } catch (DateTimeParseException e) {
            throw new Refusal(at + " \"" + text.get()
                    + "\" is neither RFC 1123 (Mon, 19 Sep 2016 18:29:47 GMT) nor ISO-8601");
        }
    }

    /** RFC 1123 as documented; ISO-8601 as Microsoft's mock server writes it. */
    static Instant parseTime(String text) {
        if (!Character.isDigit(text.charAt(0))) {
            return ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException noOffset) {
            // IMDS times are GMT; a time written without an offset is read the same way.
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        }
    }

    private static OptionalLong readDuration(JsonParser p, JsonToken value, String at)
            throws IOException, Refusal {
        if (value == JsonToken.VALUE_NULL) {
            return OptionalLong.empty();
        }
        if (value != JsonToken.VALUE_NUMBER_INT
                || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw new Refusal(at + " must be an integer, was " + shown(p, value));
        }
        return OptionalLong.of(p.getLongValue());
    }

    static String requireString(JsonParser p, JsonToken value, String at)
            throws IOException, Refusal {
        if (value != JsonToken.VALUE_STRING) {
            throw new Refusal(at + " must be a string, was " + shown(p, value));
        }
        return p.getText();
    }

    static Optional<String> optionalString(JsonParser p, JsonToken value, String at)
            throws IOException, Refusal {
        return value == JsonToken.VALUE_NULL
                ? Optional.empty() : Optional.of(requireString(p, value, at));
    }

    static void requireStart(JsonParser p, String what) throws IOException, Refusal {
        JsonToken first = p.nextToken();
        if (first == null) {
            throw new Refusal("the body is empty");
        }
        if (first != JsonToken.START_OBJECT) {
            throw new Refusal(what + " must be a JSON object, was " + shown(p, first));
        }
    }

    /** Anything after the document is a sign the body is not what we think it is. */
    static void requireEnd(JsonParser p) throws IOException, Refusal {
        if (p.nextToken() != null) {
            throw new Refusal("unexpected content after the document: " + p.getText());
        }
    }

    /** A value as the administrator would want it quoted: its JSON kind and a short excerpt. */
    static String shown(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "the string \"" + clip(p.getText(), EXCERPT_CHARS) + "\"";
            case VALUE_NULL -> "null";
            default -> clip(p.getText(), EXCERPT_CHARS);
        };
    }

    static String problem(Exception e) {
        if (e instanceof Refusal) {
            return e.getMessage();
        }
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j) {
            // Jackson's own message without its multi-line source dump; the location is ours.
            String where = j.getLocation() == null ? ""
                    : " at line " + j.getLocation().getLineNr()
                    + " column " + j.getLocation().getColumnNr();
            return "invalid JSON" + where + ": " + clip(jacksonReason(j), EXCERPT_CHARS);
        }
        return "unreadable: " + e;
    }

    /** Jackson's reason without the parenthesised source location it appends. */
    private static String jacksonReason(com.fasterxml.jackson.core.JsonProcessingException j) {
        String reason = String.valueOf(j.getOriginalMessage());
        int marker = reason.indexOf(" (start marker at");
        return marker < 0 ? reason : reason.substring(0, marker);
    }

    /**
     * The start of a body for a log line: decoded as UTF-8, control characters shown as
     * {@code \n}-style escapes or {@code ?}, so one bad answer stays one log line.
     */
    public static String excerpt(byte[] body, int maxChars) {
        int n = Math.min(body.length, maxChars * 4);
        String text = new String(body, 0, n, java.nio.charset.StandardCharsets.UTF_8);
        String shown = clip(text, maxChars);
        return body.length > n && shown.length() == text.length() ? shown + "..." : shown;
    }

    /** {@code text} safe for one line of a terminal or log: control characters escaped. */
    public static String printable(String text) {
        return clip(text, Integer.MAX_VALUE);
    }

    static String clip(String text, int maxChars) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), maxChars) + 3);
        for (int i = 0; i < text.length() && i < maxChars; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c < 0x20 || c == 0x7f ? '?' : c);
            }
        }
        if (text.length() > maxChars) {
            out.append("...");
        }
        return out.toString();
    }

    /** Why a body was refused; turned into a {@code Malformed} value before leaving the parser. */
    static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;

        Refusal(String problem) {
            super(problem, null, false, false);
        }
    }
}
