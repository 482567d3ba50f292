package dev.azevents.sim;

import com.fasterxml.jackson.core.JsonFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A small client of the simulator's admin API, for tests, the demo and the lab, where the
 * simulator may run in another process. A refused request is a programming or setup error of
 * the caller, so it throws {@link AdminException} with the simulator's explanation.
 */
public final class SimAdmin {

    static final int TIMEOUT_MILLIS = 10_000;
    /** Largest admin answer read (the request list is the big one: 10,000 small entries). */
    static final int MAX_ANSWER = 64 * 1024 * 1024;

    private final URI base;
    private final DocumentWriter writer;
    private final JsonTree reader;

    /** The admin API refused a request or could not be reached. */
    public static final class AdminException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        AdminException(String message) {
            super(message);
        }
    }

    /** @param adminUrl {@code http://HOST:PORT/admin}, as {@link ImdsSimulator#adminUrl()} */
    public SimAdmin(URI adminUrl) {
        String s = adminUrl.toString();
        this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        JsonFactory f = new JsonFactory();
        this.writer = new DocumentWriter(f);
        this.reader = new JsonTree(f);
    }

    /** Schedules an event; answers its EventId. */
    public String schedule(EventSpec spec) {
        Map<?, ?> m = (Map<?, ?>) call("POST", "/events", AdminJson.eventSpec(spec), 201);
        return (String) m.get("EventId");
    }

    /** Every event the simulator knows, ended ones included, oldest first. */
    public List<SimEvent> list() {
        Map<?, ?> m = (Map<?, ?>) call("GET", "/events", null, 200);
        List<SimEvent> l = new ArrayList<>();
        for (Object o : (List<?>) m.get("Events")) {
            Parse<SimEvent> e = AdminJson.simEvent(o);
            if (e instanceof Parse.Bad<SimEvent> bad) {
                throw new AdminException(bad.problem());
            }
            l.add(((Parse.Ok<SimEvent>) e).value());
        }
        return l;
    }

    /** Ends a Started event or cancels a Scheduled one: Azure stops listing it. */
    public void end(String eventId) {
        call("DELETE", "/events/" + segment(eventId), null, 200);
    }

    public void fault(String vm, FaultSpec fault) {
        call("POST", "/vms/" + segment(vm) + "/faults", fault.fields(), 201);
    }

    public void clearFaults(String vm) {
        call("DELETE", "/vms/" + segment(vm) + "/faults", null, 200);
    }

    /** The metadata requests the simulator recorded (the last 10,000), oldest first. */
    public List<RecordedRequest> requests() {
        Map<?, ?> m = (Map<?, ?>) call("GET", "/requests", null, 200);
        List<RecordedRequest> l = new ArrayList<>();
        for (Object o : (List<?>) m.get("Requests")) {
            Parse<RecordedRequest> r = AdminJson.recordedRequest(o);
            if (r instanceof Parse.Bad<RecordedRequest> bad) {
                throw new AdminException(bad.problem());
            }
            l.add(((Parse.Ok<RecordedRequest>) r).value());
        }
        return l;
    }

    public void timeFactor(double factor) {
        call("PUT", "/settings", Map.of("TimeFactor", factor), 200);
    }

    private static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private Object call(String method, String path, Object body, int expected) {
        String url = base + path;
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL()
                    .openConnection(Proxy.NO_PROXY);
            c.setRequestMethod(method);
            c.setConnectTimeout(TIMEOUT_MILLIS);
            c.setReadTimeout(TIMEOUT_MILLIS);
            c.setInstanceFollowRedirects(false);
            if (body != null) {
                byte[] b = writer.write(body);
                c.setDoOutput(true);
                c.setRequestProperty("Content-Type", "application/json");
                c.setFixedLengthStreamingMode(b.length);
                try (OutputStream out = c.getOutputStream()) {
                    out.write(b);
                }
            }
            int status = c.getResponseCode();
            InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
            String text = in == null ? "" : read(in);
            if (status != expected) {
                throw new AdminException(method + " " + url + " answered " + status + ": "
                        + text);
            }
            Parse<Object> p = reader.read(text);
            if (p instanceof Parse.Bad<Object> bad) {
                throw new AdminException(method + " " + url + ": " + bad.problem());
            }
            return ((Parse.Ok<Object>) p).value();
        } catch (IOException e) {
            throw new AdminException(method + " " + url + " failed: " + e);
        }
    }

    private static String read(InputStream in) throws IOException {
        try (in) {
            byte[] b = in.readNBytes(MAX_ANSWER + 1);
            if (b.length > MAX_ANSWER) {
                throw new AdminException("admin answer larger than " + MAX_ANSWER + " bytes");
            }
            return new String(b, StandardCharsets.UTF_8);
        }
    }
}
