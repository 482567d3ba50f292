package dev.azevents.sim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What IMDS answers to a well-delivered request (reference sheet §1 to §7): header checks, then
 * the endpoint, its method and its api-version, then the document.
 */
final class MetadataRoutes {

    static final String NO_METADATA_HEADER =
            "Bad request. Required metadata header not specified";
    static final String FORWARDED =
            "Bad request. Requests containing the X-Forwarded-For header are not allowed";
    static final String BAD_VERSION = "Bad request. api-version is invalid or was not specified "
            + "in the request. For more information refer to aka.ms/azureimds";

    private final EventBook book;
    private final DocumentWriter writer;
    private final JsonTree reader;
    private final java.util.function.Consumer<String> log;

    MetadataRoutes(EventBook book, DocumentWriter writer, JsonTree reader,
            java.util.function.Consumer<String> log) {
        this.book = book;
        this.writer = writer;
        this.reader = reader;
        this.log = log;
    }

    Reply answer(VmIdentity vm, String method, RecordedRequest rec, String body) {
        SimSettings settings = book.settings();
        String metadata = rec.headers().get("Metadata");
        if (metadata == null || !metadata.trim().equalsIgnoreCase("true")) {
            return error(400, NO_METADATA_HEADER);
        }
        if (rec.headers().containsKey("X-Forwarded-For")) {
            return error(settings.forwardedForStatus(), FORWARDED);
        }
        List<Map.Entry<String, String>> query = HttpInput.query(rec.query());
        Set<String> names = new HashSet<>();
        for (Map.Entry<String, String> q : query) {
            if (!names.add(q.getKey())) {
                return error(400, "Bad request. Query parameter " + q.getKey()
                        + " appears more than once");
            }
        }
        List<String> path = HttpInput.segments(rec.path());
        if (path.isEmpty() || !path.get(0).equals("metadata")) {
            return error(404, "Not found");
        }
        Optional<String> version = query.stream()
                .filter(q -> q.getKey().equals("api-version")).map(Map.Entry::getValue)
                .findFirst();
        Optional<String> format = query.stream().filter(q -> q.getKey().equals("format"))
                .map(Map.Entry::getValue).findFirst();
        List<String> rest = path.subList(1, path.size());
        if (rest.equals(List.of("versions"))) {
            return method.equals("GET")
                    ? json(200, Map.of("apiVersions", ApiVersions.INSTANCE))
                    : error(405, "Method not allowed");
        }
        if (rest.equals(List.of("scheduledevents"))) {
            return scheduledEvents(vm, method, version, body, settings);
        }
        if (!rest.isEmpty() && rest.get(0).equals("instance")) {
            return instance(vm, method, version, format, rest.subList(1, rest.size()));
        }
        return error(404, "Not found");
    }

    private Reply scheduledEvents(VmIdentity vm, String method, Optional<String> version,
            String body, SimSettings settings) {
        boolean known = version.isPresent() && (ApiVersions.EVENTS.contains(version.get())
                || settings.eventsAcceptInstanceVersions()
                        && ApiVersions.INSTANCE.contains(version.get()));
        if (!known) {
            return versionError(ApiVersions.EVENTS);
        }
        return switch (method) {
            case "GET" -> json(200, DocumentWriter.events(book.document(vm.name()),
                    version.get(), settings));
            case "POST" -> approve(vm, body, settings);
            default -> error(405, "Method not allowed");
        };
    }

    /** POST StartRequests. Any content type is accepted: the documentation's samples differ. */
    private Reply approve(VmIdentity vm, String body, SimSettings settings) {
        Parse<List<String>> ids = startRequests(body);
        if (ids instanceof Parse.Bad<List<String>> bad) {
            log.accept("imds-sim: " + LogLine.quote(vm.name()) + " refused StartRequests: "
                    + bad.problem());
            return error(400, "Bad request. " + bad.problem());
        }
        List<String> wanted = ((Parse.Ok<List<String>>) ids).value();
        EventBook.Approval a = book.approve(vm.name(), wanted);
        if (!a.unknown().isEmpty()) {
            log.accept("imds-sim: " + LogLine.quote(vm.name()) + " approved unknown event(s) "
                    + LogLine.quote(a.unknown()));
            switch (settings.unknownEventId()) {
                case OK_NO_CHANGE -> { }
                case BAD_REQUEST -> {
                    return error(400, "Bad request. Unknown EventId");
                }
            }
        }
        return Reply.empty(200);
    }

    /** {@code {"StartRequests":[{"EventId":"..."}, ...]}}, strictly. */
    Parse<List<String>> startRequests(String body) {
        if (body.equals(HttpInput.TOO_LARGE)) {
            return Parse.bad("body larger than " + MetadataEndpoint.MAX_REQUEST_BODY + " bytes");
        }
        Parse<Object> parsed = reader.read(body);
        if (parsed instanceof Parse.Bad<Object> bad) {
            return Parse.bad(bad.problem());
        }
        Object root = ((Parse.Ok<Object>) parsed).value();
        if (!(root instanceof Map<?, ?> m) || !(m.get("StartRequests") instanceof List<?> l)) {
            return Parse.bad("expected {\"StartRequests\":[{\"EventId\":...}]}");
        }
        List<String> ids = new ArrayList<>();
        for (Object o : l) {
            if (!(o instanceof Map<?, ?> entry) || !(entry.get("EventId") instanceof String id)) {
                return Parse.bad("each StartRequests entry needs an EventId string");
            }
            ids.add(id);
        }
        return Parse.ok(ids);
    }

    private Reply instance(VmIdentity vm, String method, Optional<String> version,
            Optional<String> format, List<String> sub) {
        if (version.isEmpty() || !ApiVersions.INSTANCE.contains(version.get())) {
            return versionError(ApiVersions.INSTANCE);
        }
        if (!method.equals("GET")) {
            return error(405, "Method not allowed");
        }
        String v = version.get();
        Object node = InstanceDocument.instance(vm, v);
        for (String name : sub) {
            if (!(node instanceof Map<?, ?> m) || !m.containsKey(name)) {
                return error(404, "Not found");
            }
            node = m.get(name);
        }
        boolean text = format.map(f -> f.toLowerCase(Locale.ROOT).equals("text")).orElse(false);
        if (node instanceof String leaf) {
            return text ? new Reply(200, Reply.TEXT, leaf.getBytes(StandardCharsets.UTF_8))
                    : error(400, "Bad request. Leaf node values must be requested with "
                            + "format=text");
        }
        return json(200, node);
    }

    private Reply versionError(List<String> versions) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("error", BAD_VERSION);
        m.put("newest-versions", ApiVersions.newest(versions));
        return json(400, m);
    }

    private Reply error(int status, String message) {
        return json(status, DocumentWriter.error(message));
    }

    private Reply json(int status, Object value) {
        return new Reply(status, writer.write(value));
    }
}
