package dev.azevents.sim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One VM's {@code http://169.254.169.254/metadata}: records the request, applies the rate
 * limit and any queued fault, then answers as IMDS does ({@link MetadataRoutes}).
 */
final class MetadataEndpoint implements HttpHandler {

    /** Largest request body read; a StartRequests body for many events is a few KiB. */
    static final int MAX_REQUEST_BODY = 64 * 1024;
    /** A body that is not JSON, complete (Content-Length honest), as a broken proxy might send. */
    static final String MALFORMED = "{\"DocumentIncarnation\": 3, \"Events\": [}";
    private static final int CHUNK = 64 * 1024;

    private final VmIdentity vm;
    private final MetadataRoutes routes;
    private final VmFaults faults;
    private final RateLimit rateLimit;
    private final RequestLog requests;
    private final EventBook book;
    private final DocumentWriter writer;
    private final Clock clock;
    private final Consumer<String> log;
    private final CountDownLatch closing;

    MetadataEndpoint(VmIdentity vm, MetadataRoutes routes, VmFaults faults, RequestLog requests,
            EventBook book, DocumentWriter writer, Clock clock, Consumer<String> log,
            CountDownLatch closing) {
        this.vm = vm;
        this.routes = routes;
        this.faults = faults;
        this.rateLimit = new RateLimit(clock);
        this.requests = requests;
        this.book = book;
        this.writer = writer;
        this.clock = clock;
        this.log = log;
        this.closing = closing;
    }

    @Override
    public void handle(HttpExchange x) {
        try {
            // One connection per request: the JDK server sends headers and body as two
            // segments, and on a kept-alive connection the client's delayed ACK then costs
            // 40 ms a request (measured: 44 ms median, 0.6 ms with this).
            x.getResponseHeaders().set("Connection", "close");
            serve(x);
        } catch (IOException e) {
            // The client went away mid-answer (or a truncation fault cut it): nothing to do.
            log.accept("imds-sim: " + LogLine.quote(vm.name()) + " connection ended early: "
                    + e.getMessage());
        } finally {
            x.close();
        }
    }

    private void serve(HttpExchange x) throws IOException {
        String body = HttpInput.body(x, MAX_REQUEST_BODY);
        RecordedRequest rec = record(x, body);
        if (!rateLimit.admit(book.settings().requestsPerSecond())) {
            answer(x, rec, new Reply(429, writer.write(DocumentWriter.error(
                    "Too many requests. Limit is " + book.settings().requestsPerSecond()
                            + " per second"))), "rate limit");
            return;
        }
        Optional<FaultSpec> fault = faults.take();
        if (fault.isEmpty()) {
            answer(x, rec, routes.answer(vm, x.getRequestMethod(), rec, body), "");
            return;
        }
        FaultSpec f = fault.get();
        String tag = "fault " + f.kind().label();
        switch (f.kind()) {
            case STATUS -> answer(x, rec, failure(f), tag);
            case DELAY -> {
                stall(((FaultSpec.Delay) f).delay());
                answer(x, rec, routes.answer(vm, x.getRequestMethod(), rec, body), tag);
            }
            case SLOW_FIRST_CALL -> {
                stall(((FaultSpec.SlowFirstCall) f).delay());
                answer(x, rec, routes.answer(vm, x.getRequestMethod(), rec, body), tag);
            }
            case HANG -> {
                log.accept(line(rec, 0, tag + ": no answer"));
                stall(((FaultSpec.Hang) f).bound());
            }
            case MALFORMED -> answer(x, rec,
                    new Reply(200, MALFORMED.getBytes(StandardCharsets.UTF_8)), tag);
            case TRUNCATED -> truncated(x, rec, routes.answer(vm, x.getRequestMethod(), rec,
                    body), tag);
            case HUGE -> huge(x, rec, ((FaultSpec.HugeBody) f).bytes(), tag);
            case INCARNATION_RESET -> answer(x, rec,
                    routes.answer(vm, x.getRequestMethod(), rec, body), "");
        }
    }

    private RecordedRequest record(HttpExchange x, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h : RecordedRequest.HEADERS_KEPT) {
            String v = x.getRequestHeaders().getFirst(h);
            if (v != null) {
                headers.put(h, v);
            }
        }
        String kept = body.length() > RecordedRequest.MAX_BODY_KEPT
                ? body.substring(0, RecordedRequest.MAX_BODY_KEPT) : body;
        String query = x.getRequestURI().getRawQuery();
        return requests.arrived(seq -> new RecordedRequest(seq, clock.instant(), vm.name(),
                x.getRequestMethod(), x.getRequestURI().getRawPath(),
                query == null ? "" : query, headers, kept, 0));
    }

    private void answer(HttpExchange x, RecordedRequest rec, Reply r, String tag)
            throws IOException {
        requests.answered(rec.sequence(), r.status());
        log.accept(line(rec, r.status(), tag));
        r.send(x);
    }

    private Reply failure(FaultSpec f) {
        int status = f instanceof FaultSpec.FailRequests r ? r.status()
                : ((FaultSpec.FailFor) f).status();
        return new Reply(status, writer.write(DocumentWriter.error(
                "Injected failure: HTTP " + status)));
    }

    private void truncated(HttpExchange x, RecordedRequest rec, Reply r, String tag)
            throws IOException {
        requests.answered(rec.sequence(), r.status());
        log.accept(line(rec, r.status(), tag));
        byte[] b = r.body() == null ? MALFORMED.getBytes(StandardCharsets.UTF_8) : r.body();
        x.getResponseHeaders().set("Content-Type", Reply.JSON);
        x.sendResponseHeaders(r.status(), b.length);
        OutputStream out = x.getResponseBody();
        out.write(b, 0, b.length / 2);
        out.flush();
        // Closing now, short of Content-Length, makes the server drop the connection.
    }

    private void huge(HttpExchange x, RecordedRequest rec, long size, String tag)
            throws IOException {
        requests.answered(rec.sequence(), 200);
        log.accept(line(rec, 200, tag + " (" + size + " bytes)"));
        byte[] head = "{\"DocumentIncarnation\":1,\"Events\":[],\"Padding\":\""
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\"}".getBytes(StandardCharsets.UTF_8);
        long padding = Math.max(0, size - head.length - tail.length);
        x.getResponseHeaders().set("Content-Type", Reply.JSON);
        x.sendResponseHeaders(200, head.length + padding + tail.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(head);
            byte[] chunk = new byte[CHUNK];
            java.util.Arrays.fill(chunk, (byte) 'x');
            for (long left = padding; left > 0; left -= CHUNK) {
                out.write(chunk, 0, (int) Math.min(CHUNK, left));
            }
            out.write(tail);
        }
    }

    /** Waits real time, cut short when the simulator closes. */
    private void stall(Duration d) {
        try {
            closing.await(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String line(RecordedRequest r, int status, String tag) {
        String q = r.query().isEmpty() ? "" : "?" + r.query();
        return "imds-sim: " + LogLine.quote(r.vm()) + " " + r.method() + " "
                + LogLine.quote(r.path() + q) + " -> " + (status == 0 ? "none" : status)
                + (tag.isEmpty() ? "" : " [" + tag + "]");
    }
}
