package dev.azevents.sim;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One request a VM's metadata endpoint received, for tests to assert what a client sent
 * ({@code GET /admin/requests}), like MockWebServer's RecordedRequest.
 *
 * @param headers the headers of interest ({@link #HEADERS_KEPT}), first value each, by the
 *                spelling in that list
 * @param status  what the simulator answered; 0 while not (yet) answered: delayed or hung
 */
public record RecordedRequest(
        long sequence,
        Instant at,
        String vm,
        String method,
        String path,
        String query,
        Map<String, String> headers,
        String body,
        int status) {

    /** Headers a test may want to see; others are not recorded. */
    public static final java.util.List<String> HEADERS_KEPT = java.util.List.of(
            "Metadata", "X-Forwarded-For", "Content-Type", "User-Agent", "Proxy-Connection",
            "If-None-Match");

    /** Longest body recorded; the rest is cut off (bodies are capped on input anyway). */
    public static final int MAX_BODY_KEPT = 64 * 1024;

    public RecordedRequest {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(vm, "vm");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(query, "query");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }

    RecordedRequest answered(int code) {
        return new RecordedRequest(sequence, at, vm, method, path, query, headers, body, code);
    }
}
