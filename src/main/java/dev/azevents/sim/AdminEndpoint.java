package dev.azevents.sim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The control API ({@code /admin}): schedule and end events, inject faults, read the recorded
 * requests, change the time factor. Documented in {@code docs/imds-sim.md}.
 */
final class AdminEndpoint implements HttpHandler {

    /** Largest admin request body. */
    static final int MAX_BODY = 1024 * 1024;

    private final ImdsSimulator sim;
    private final EventBook book;
    private final RequestLog requests;
    private final DocumentWriter writer;
    private final JsonTree reader;
    private final Consumer<String> log;

    AdminEndpoint(ImdsSimulator sim, EventBook book, RequestLog requests, DocumentWriter writer,
            JsonTree reader, Consumer<String> log) {
        this.sim = sim;
        this.book = book;
        this.requests = requests;
        this.writer = writer;
        this.reader = reader;
        this.log = log;
    }

    @Override
    public void handle(HttpExchange x) {
        try {
            // One connection per request: the JDK server sends headers and body as two
            // segments, and on a kept-alive connection the client's delayed ACK then costs
            // 40 ms a request (measured: 44 ms median, 0.6 ms with this).
            x.getResponseHeaders().set("Connection", "close");
            String body = HttpInput.body(x, MAX_BODY);
            Reply r = route(x.getRequestMethod(), HttpInput.segments(
                    x.getRequestURI().getRawPath()), x.getRequestURI().getRawQuery(), body);
            log.accept("imds-sim: admin " + x.getRequestMethod() + " "
                    + LogLine.quote(x.getRequestURI().getRawPath()) + " -> " + r.status());
            r.send(x);
        } catch (IOException e) {
            log.accept("imds-sim: admin connection ended early: " + e.getMessage());
        } finally {
            x.close();
        }
    }

    private Reply route(String method, List<String> path, String rawQuery, String body) {
        if (body.equals(HttpInput.TOO_LARGE)) {
            return error(413, "body larger than " + MAX_BODY + " bytes");
        }
        List<String> p = path.subList(1, path.size());
        String what = p.isEmpty() ? "" : p.get(0);
        return switch (what) {
            case "events" -> events(method, p, body);
            case "vms" -> vms(method, p, body);
            case "requests" -> requestList(method, rawQuery);
            case "settings" -> settings(method, body);
            default -> error(404, "no such admin resource; see docs/imds-sim.md");
        };
    }

    private Reply events(String method, List<String> p, String body) {
        if (p.size() == 1) {
            return switch (method) {
                case "GET" -> json(200, Map.of("Events", book.all().stream()
                        .map(DocumentWriter::adminEvent).toList()));
                case "POST" -> schedule(body);
                default -> error(405, "use GET or POST");
            };
        }
        if (p.size() != 2) {
            return error(404, "no such admin resource");
        }
        String id = p.get(1);
        return switch (method) {
            case "GET" -> book.all().stream().filter(e -> e.eventId().equals(id)).findFirst()
                    .map(e -> json(200, DocumentWriter.adminEvent(e)))
                    .orElseGet(() -> error(404, "no event " + LogLine.quote(id)));
            case "DELETE" -> book.remove(id).map(e -> json(200, DocumentWriter.adminEvent(e)))
                    .orElseGet(() -> error(404, "no listed event " + LogLine.quote(id)));
            default -> error(405, "use GET or DELETE");
        };
    }

    private Reply schedule(String body) {
        Parse<Object> json = reader.read(body);
        if (json instanceof Parse.Bad<Object> bad) {
            return error(400, bad.problem());
        }
        Parse<EventSpec> spec = AdminJson.eventSpec(((Parse.Ok<Object>) json).value());
        if (spec instanceof Parse.Bad<EventSpec> bad) {
            return error(400, bad.problem());
        }
        Parse<SimEvent> made = book.schedule(((Parse.Ok<EventSpec>) spec).value());
        if (made instanceof Parse.Bad<SimEvent> bad) {
            return error(400, bad.problem());
        }
        return json(201, DocumentWriter.adminEvent(((Parse.Ok<SimEvent>) made).value()));
    }

    private Reply vms(String method, List<String> p, String body) {
        if (p.size() == 1 && method.equals("GET")) {
            List<Object> l = new ArrayList<>();
            for (String vm : sim.vmNames()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("Name", vm);
                m.put("MetadataUrl", sim.metadataUrl(vm).toString());
                l.add(m);
            }
            return json(200, Map.of("VMs", l));
        }
        if (p.size() != 3 || !p.get(2).equals("faults")) {
            return error(404, "no such admin resource");
        }
        String vm = p.get(1);
        Optional<VmFaults> faults = sim.faultsOf(vm);
        if (faults.isEmpty()) {
            return error(404, "no VM " + LogLine.quote(vm));
        }
        switch (method) {
            case "GET" -> {
                return faultList(faults.get());
            }
            case "DELETE" -> {
                faults.get().clear();
                log.accept("imds-sim: " + LogLine.quote(vm) + " faults cleared");
                return faultList(faults.get());
            }
            case "POST" -> {
                return addFault(vm, body);
            }
            default -> {
                return error(405, "use GET, POST or DELETE");
            }
        }
    }

    private Reply addFault(String vm, String body) {
        Parse<Object> json = reader.read(body);
        if (json instanceof Parse.Bad<Object> bad) {
            return error(400, bad.problem());
        }
        Parse<FaultSpec> fault = AdminJson.fault(((Parse.Ok<Object>) json).value());
        if (fault instanceof Parse.Bad<FaultSpec> bad) {
            return error(400, bad.problem());
        }
        if (!sim.fault(vm, ((Parse.Ok<FaultSpec>) fault).value())) {
            return error(409, "too many faults queued on " + LogLine.quote(vm));
        }
        return faultList(sim.faultsOf(vm).orElseThrow()).withStatus(201);
    }

    private Reply faultList(VmFaults faults) {
        return json(200, Map.of("Faults", faults.list().stream().map(FaultSpec::fields)
                .toList()));
    }

    private Reply requestList(String method, String rawQuery) {
        Optional<String> vm = HttpInput.query(rawQuery).stream()
                .filter(q -> q.getKey().equals("vm")).map(Map.Entry::getValue).findFirst();
        switch (method) {
            case "GET" -> {
                List<Object> l = new ArrayList<>();
                for (RecordedRequest r : requests.all()) {
                    if (vm.isEmpty() || vm.get().equals(r.vm())) {
                        l.add(request(r));
                    }
                }
                return json(200, Map.of("Requests", l));
            }
            case "DELETE" -> {
                requests.clear();
                return json(200, Map.of("Requests", List.of()));
            }
            default -> {
                return error(405, "use GET or DELETE");
            }
        }
    }

    static Map<String, Object> request(RecordedRequest r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Sequence", r.sequence());
        m.put("At", r.at().toString());
        m.put("VM", r.vm());
        m.put("Method", r.method());
        m.put("Path", r.path());
        m.put("Query", r.query());
        Map<String, Object> h = new LinkedHashMap<>();
        for (String name : RecordedRequest.HEADERS_KEPT) {
            if (r.headers().containsKey(name)) {
                h.put(name, r.headers().get(name));
            }
        }
        m.put("Headers", h);
        m.put("Body", r.body());
        m.put("Status", (long) r.status());
        return m;
    }

    private Reply settings(String method, String body) {
        switch (method) {
            case "GET" -> {
                return json(200, settingsView());
            }
            case "PUT" -> {
                Parse<Object> json = reader.read(body);
                if (!(json instanceof Parse.Ok<Object> ok) || !(ok.value() instanceof Map<?, ?> m)
                        || !(m.get("TimeFactor") instanceof Number n) || m.size() != 1) {
                    return error(400, "expected {\"TimeFactor\": N}, N from 1 to "
                            + (long) SimSettings.MAX_TIME_FACTOR);
                }
                try {
                    book.timeFactor(n.doubleValue());
                } catch (IllegalArgumentException e) {
                    return error(400, e.getMessage());
                }
                return json(200, settingsView());
            }
            default -> {
                return error(405, "use GET or PUT");
            }
        }
    }

    private Map<String, Object> settingsView() {
        SimSettings s = book.settings();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("TimeFactor", s.timeFactor());
        m.put("Scope", sim.scope().name());
        m.put("StartedLifetimeSeconds", s.startedLifetime().toSeconds());
        m.put("TerminateNoticeSeconds", s.terminateNotice().toSeconds());
        m.put("RequestsPerSecond", (long) s.requestsPerSecond());
        m.put("UnknownEventId", s.unknownEventId().name());
        m.put("EventsAcceptInstanceVersions", s.eventsAcceptInstanceVersions());
        m.put("HidePreemptBeforeItsVersion", s.hidePreemptBeforeItsVersion());
        m.put("FirstIncarnation", s.firstIncarnation());
        m.put("ForwardedForStatus", (long) s.forwardedForStatus());
        m.put("EnforceMinimumNotice", s.enforceMinimumNotice());
        m.put("IdleResetSeconds", s.idleReset().toSeconds());
        m.put("ApprovalStartsAtOnce", s.approvalStartsAtOnce());
        return m;
    }

    private Reply error(int status, String message) {
        return json(status, DocumentWriter.error(message));
    }

    private Reply json(int status, Object value) {
        return new Reply(status, writer.write(value));
    }
}
