package dev.azevents.sim;

import com.fasterxml.jackson.core.JsonFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Plain HTTP calls to the simulator, as a client would make them, for the tests. */
final class Http {

    static final int TIMEOUT_MILLIS = 10_000;

    /** What came back. */
    record Answer(int status, String body, Map<String, List<String>> headers) {

        Object json() {
            Parse<Object> p = new JsonTree(new JsonFactory()).read(body);
            if (p instanceof Parse.Bad<Object> bad) {
                throw new AssertionError("not JSON (" + bad.problem() + "): " + body);
            }
            return ((Parse.Ok<Object>) p).value();
        }

        Map<?, ?> object() {
            return (Map<?, ?>) json();
        }

        String contentType() {
            return header("Content-Type");
        }

        /** First value of a response header, whatever its case; "" when absent. */
        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return "";
        }
    }

    private Http() {
    }

    /** GET with {@code Metadata: true}. */
    static Answer get(URI base, String pathAndQuery) throws IOException {
        return call("GET", base, pathAndQuery, null, null, "Metadata", "true");
    }

    /** GET with exactly these headers (name, value, ...). */
    static Answer getWith(URI base, String pathAndQuery, String... headers) throws IOException {
        return call("GET", base, pathAndQuery, null, null, headers);
    }

    /** POST with {@code Metadata: true} and urllib's default form content type. */
    static Answer post(URI base, String pathAndQuery, String body) throws IOException {
        return call("POST", base, pathAndQuery, "application/x-www-form-urlencoded", body,
                "Metadata", "true");
    }

    static Answer call(String method, URI base, String pathAndQuery, String contentType,
            String body, String... headers) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(base + pathAndQuery).toURL()
                .openConnection(Proxy.NO_PROXY);
        c.setRequestMethod(method);
        c.setConnectTimeout(TIMEOUT_MILLIS);
        c.setReadTimeout(TIMEOUT_MILLIS);
        for (int i = 0; i < headers.length; i += 2) {
            c.setRequestProperty(headers[i], headers[i + 1]);
        }
        if (body != null) {
            c.setDoOutput(true);
            if (contentType != null) {
                c.setRequestProperty("Content-Type", contentType);
            }
            try (OutputStream out = c.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
        }
        int status = c.getResponseCode();
        InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
        String text = "";
        if (in != null) {
            try (in) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return new Answer(status, text, c.getHeaderFields());
    }
}
