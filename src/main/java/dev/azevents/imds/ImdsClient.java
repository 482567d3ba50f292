package dev.azevents.imds;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The Instance Metadata Service over a plain socket ({@link HttpExchange}: an idle monitor pass
 * makes one GET, and pays neither {@code java.net.http.HttpClient}'s half second of start-up nor
 * {@code HttpURLConnection}'s 12 ms).
 *
 * <p>Every request: never through a proxy, whatever {@code http_proxy} or the JVM's proxy
 * settings say (IMDS documents proxies as unsupported); redirects not followed (an answer that
 * sends us elsewhere is not IMDS); header {@code Metadata: true}; connect and read limited by
 * {@code request_timeout}; the body capped at {@link #MAX_BODY_BYTES}.
 *
 * <p>Retries as {@code azure-events-az}: up to {@code retry_count} more attempts,
 * {@code retry_wait} apart, but only for answers that may heal (HTTP 410, 429, 500, 503, a
 * timeout, a broken connection; IMDS documents 410 and 500 as "retry later", 429 as its rate
 * limit). A 400 or 404 will not improve by asking again, and a malformed or oversized body is
 * reported at once: the next monitor pass asks again anyway. No call outlives
 * {@link ImdsConfig#deadline()}. Every outcome is a value; nothing is thrown.
 */
public final class ImdsClient implements Imds {

    /** 1 MiB: a real document with a few events is about 1 KiB; anything near this is not IMDS. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    /** Of an error answer we keep only what a log line quotes. */
    static final int ERROR_BODY_BYTES = 4096;

    /** No point starting an attempt with less time than this left before the deadline. */
    static final Duration MIN_ATTEMPT = Duration.ofMillis(200);

    private static final int READ_CHUNK = 8192;

    private final ImdsConfig config;
    private final RetryTimer timer;
    private final Consumer<String> log;

    /** A client on the real clock that keeps its retries to itself. */
    public ImdsClient(ImdsConfig config) {
        this(config, RetryTimer.system(), Silence.INSTANCE);
    }

    /** @param log receives one line per retry, saying what failed and when the next try is */
    public ImdsClient(ImdsConfig config, RetryTimer timer, Consumer<String> log) {
        this.config = config;
        this.timer = timer;
        this.log = log;
    }

    public ImdsConfig config() {
        return config;
    }

    @Override
    public ImdsResult<EventsDocument> events() {
        String url = url("scheduledevents", config.eventsVersion());
        ImdsResult<byte[]> body = call("GET", url, null);
        if (body instanceof ImdsResult.Ok<byte[]> ok) {
            return EventsParser.parse(url, ok.value());
        }
        return new ImdsResult.Failed<>(failure(body));
    }

    @Override
    public ImdsResult<InstanceCompute> instance() {
        String url = url("instance", config.instanceVersion());
        ImdsResult<byte[]> body = call("GET", url, null);
        if (body instanceof ImdsResult.Ok<byte[]> ok) {
            return InstanceParser.parse(url, ok.value());
        }
        return new ImdsResult.Failed<>(failure(body));
    }

    /** Approving nothing sends nothing. Azure answers 200 even for an event already Started. */
    @Override
    public ImdsResult<Void> approve(List<String> eventIds) {
        if (eventIds.isEmpty()) {
            return new ImdsResult.Ok<>(null);
        }
        String url = url("scheduledevents", config.approveVersion());
        ImdsResult<byte[]> answer = call("POST", url, startRequests(eventIds));
        if (answer instanceof ImdsResult.Ok) {
            return new ImdsResult.Ok<>(null);
        }
        return new ImdsResult.Failed<>(failure(answer));
    }

    /** {@code {"StartRequests":[{"EventId":"..."}]}}, ids escaped by the JSON writer. */
    static byte[] startRequests(List<String> eventIds) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = EventsParser.Json.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("StartRequests");
            for (String id : eventIds) {
                g.writeStartObject();
                g.writeStringField("EventId", id);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    private String url(String endpoint, String apiVersion) {
        String base = config.baseUrl().toString();
        String root = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return root + "/" + endpoint + "?api-version=" + apiVersion;
    }

    /** Attempts, pauses and the deadline; the body of a 2xx answer or the last failure. */
    private ImdsResult<byte[]> call(String method, String url, byte[] payload) {
        long start = timer.nanoTime();
        long deadline = start + config.deadline().toNanos();
        long wait = config.retryWait().toNanos();
        for (int attempt = 1; ; attempt++) {
            long budget = Math.min(config.requestTimeout().toNanos(), deadline - timer.nanoTime());
            ImdsResult<byte[]> result = once(method, url, payload, budget);
            if (result instanceof ImdsResult.Ok) {
                return result;
            }
            ImdsFailure failure = failure(result);
            if (!retryable(failure) || attempt > config.retryCount()) {
                return new ImdsResult.Failed<>(settled(failure, attempt, start));
            }
            ImdsFailure sofar = settled(failure, attempt, start);
            if (timer.nanoTime() + wait + MIN_ATTEMPT.toNanos() > deadline) {
                log.accept(sofar.describe() + "; no retry: the " + shown(config.deadline())
                        + " deadline would pass");
                return new ImdsResult.Failed<>(sofar);
            }
            log.accept(sofar.describe() + "; retry " + attempt + " of " + config.retryCount()
                    + " in " + shown(config.retryWait()));
            try {
                timer.pause(config.retryWait());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new ImdsResult.Failed<>(sofar);
            }
        }
    }

    /** "20 s" for whole seconds, else "400 ms". */
    private static String shown(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private static boolean retryable(ImdsFailure failure) {
        if (failure instanceof ImdsFailure.HttpStatus h) {
            // 410 and 500: "retry after some time" (IMDS documentation); 429: its rate limit;
            // 503: not documented, but seen from IMDS in the wild (reference sheet 1.7).
            return switch (h.status()) {
                case 410, 429, 500, 503 -> true;
                default -> false;
            };
        }
        return failure instanceof ImdsFailure.Unreachable
                || failure instanceof ImdsFailure.TimedOut;
    }

    /** The last failure, with the number of attempts and, for a timeout, the whole time taken. */
    private ImdsFailure settled(ImdsFailure f, int attempts, long start) {
        ImdsFailure last = f;
        if (f instanceof ImdsFailure.Unreachable u) {
            last = new ImdsFailure.Unreachable(u.url(), u.cause(), attempts);
        } else if (f instanceof ImdsFailure.TimedOut t) {
            long millis = (timer.nanoTime() - start) / 1_000_000;
            last = new ImdsFailure.TimedOut(t.url(), millis, attempts);
        } else if (f instanceof ImdsFailure.HttpStatus h) {
            last = new ImdsFailure.HttpStatus(h.url(), h.status(), h.bodyExcerpt(), attempts);
        }
        return last;
    }

    /** One request within {@code budgetNanos}. */
    private ImdsResult<byte[]> once(String method, String url, byte[] payload, long budgetNanos) {
        int timeoutMs = (int) Math.max(1, Math.min(Integer.MAX_VALUE, budgetNanos / 1_000_000));
        long started = timer.nanoTime();
        try (HttpExchange c = HttpExchange.send(URI.create(url), method, config.userAgent(),
                payload, timeoutMs)) {
            int status = c.status();
            if (status >= 200 && status < 300) {
                // An approval's answer body says nothing we use (Azure's is unconfirmed,
                // Microsoft's mock sends the document): the status is the answer.
                return payload != null ? new ImdsResult.Ok<>(new byte[0])
                        : readBody(url, c, started, budgetNanos);
            }
            return new ImdsResult.Failed<>(new ImdsFailure.HttpStatus(url, status,
                    errorExcerpt(c, status), 1));
        } catch (HttpExchange.NotHttp e) {
            return new ImdsResult.Failed<>(new ImdsFailure.Malformed(url, e.getMessage(), ""));
        } catch (SocketTimeoutException e) {
            return new ImdsResult.Failed<>(new ImdsFailure.TimedOut(url, timeoutMs, 1));
        } catch (IOException e) {
            return new ImdsResult.Failed<>(new ImdsFailure.Unreachable(url, describe(e), 1));
        }
    }

    /**
     * The body, read no further than the cap and no longer than the attempt's budget (a body
     * trickled byte by byte would otherwise renew the read timeout forever).
     */
    private ImdsResult<byte[]> readBody(String url, HttpExchange c, long started,
            long budgetNanos) throws IOException {
        long declared = c.contentLength();
        if (declared > MAX_BODY_BYTES) {
            return new ImdsResult.Failed<>(new ImdsFailure.TooLarge(url, MAX_BODY_BYTES));
        }
        byte[] buf = new byte[READ_CHUNK];
        int size = 0;
        InputStream in = c.body();
        for (int n; (n = in.read(buf, size, buf.length - size)) >= 0; ) {
            size += n;
            if (size > MAX_BODY_BYTES) {
                return new ImdsResult.Failed<>(new ImdsFailure.TooLarge(url, MAX_BODY_BYTES));
            }
            if (timer.nanoTime() - started > budgetNanos) {
                throw new SocketTimeoutException("body not complete within the timeout");
            }
            if (size == buf.length) {
                buf = Arrays.copyOf(buf, Math.min(buf.length * 2, MAX_BODY_BYTES + 1));
            }
        }
        if (declared >= 0 && size != declared) {
            // A cut transfer is a broken connection (worth a retry), not a malformed document.
            return new ImdsResult.Failed<>(new ImdsFailure.Unreachable(url, "connection closed "
                    + "after " + size + " of " + declared + " body bytes", 1));
        }
        return new ImdsResult.Ok<>(Arrays.copyOf(buf, size));
    }

    /** What to quote of an error answer: its start, or where a redirect pointed. */
    private static String errorExcerpt(HttpExchange c, int status) {
        if (status >= 300 && status < 400) {
            String location = c.location();
            return "redirect to " + (location == null ? "nowhere"
                    : EventsParser.clip(location, EventsParser.EXCERPT_CHARS)) + " not followed";
        }
        try {
            byte[] start = c.body().readNBytes(ERROR_BODY_BYTES);
            return EventsParser.excerpt(start, EventsParser.EXCERPT_CHARS);
        } catch (IOException e) {
            return "(body unreadable: " + describe(e) + ")";
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        String what = e.getClass().getSimpleName();
        return message == null ? what
                : what + ": " + EventsParser.clip(message, EventsParser.EXCERPT_CHARS);
    }

    private static <T> ImdsFailure failure(ImdsResult<T> result) {
        return ((ImdsResult.Failed<T>) result).failure();
    }

    /** The default log: retries are reported in the final failure's attempt count. */
    private enum Silence implements Consumer<String> {
        INSTANCE;

        @Override
        public void accept(String line) {
        }
    }
}
