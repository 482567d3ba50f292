package dev.azevents.sim;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reading a request: its body within a bound, its query string, its path segments. */
final class HttpInput {

    /** A body that was larger than the bound it was read with. */
    static final String TOO_LARGE = "\u0000too large";

    private HttpInput() {
    }

    /** The body as UTF-8, or {@link #TOO_LARGE} when it exceeds {@code maxBytes}. */
    static String body(HttpExchange x, int maxBytes) throws IOException {
        try (InputStream in = x.getRequestBody()) {
            byte[] b = in.readNBytes(maxBytes + 1);
            if (b.length > maxBytes) {
                return TOO_LARGE;
            }
            return new String(b, StandardCharsets.UTF_8);
        }
    }

    /** Query parameters in order, decoded; a name may appear twice (IMDS rejects that). */
    static List<Map.Entry<String, String>> query(String rawQuery) {
        List<Map.Entry<String, String>> l = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return l;
        }
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String k = eq < 0 ? part : part.substring(0, eq);
            String v = eq < 0 ? "" : part.substring(eq + 1);
            l.add(Map.entry(decode(k), decode(v)));
        }
        return l;
    }

    /** Path segments after splitting the raw path, each decoded ({@code %2F} stays inside). */
    static List<String> segments(String rawPath) {
        List<String> l = new ArrayList<>();
        for (String s : rawPath.split("/")) {
            if (!s.isEmpty()) {
                l.add(decode(s));
            }
        }
        return l;
    }

    static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s; // a malformed escape is kept as sent; the name lookup then fails
        }
    }
}
