package dev.azevents.sim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 request on a bare socket, read to the end: for faults an HTTP library would hide
 * (a short body, a dropped connection) or retry on its own.
 */
final class RawHttp {

    private RawHttp() {
    }

    /** What came back before the server closed the connection. */
    record Raw(String head, byte[] body) {

        long contentLength() {
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                    return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                }
            }
            return -1;
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** GET with {@code Metadata: true} and {@code Connection: close}; reads until EOF. */
    static Raw get(URI base, String pathAndQuery, int timeoutMillis) throws IOException {
        URI u = URI.create(base + pathAndQuery);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(u.getHost(), u.getPort()), timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            String req = "GET " + u.getRawPath() + (u.getRawQuery() == null ? ""
                    : "?" + u.getRawQuery()) + " HTTP/1.1\r\nHost: " + u.getHost()
                    + "\r\nMetadata: true\r\nConnection: close\r\n\r\n";
            s.getOutputStream().write(req.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            in.transferTo(all);
            byte[] b = all.toByteArray();
            String text = new String(b, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                return new Raw(text, new byte[0]);
            }
            byte[] body = java.util.Arrays.copyOfRange(b, end + 4, b.length);
            return new Raw(text.substring(0, end), body);
        }
    }
}
