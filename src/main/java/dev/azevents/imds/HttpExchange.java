package dev.azevents.imds;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 request to IMDS on a plain socket, and the head of its answer; the body is read
 * through {@link #body()}. Why not {@code HttpURLConnection}: an idle monitor pass makes this one
 * GET, and in a JVM that lives 60 ms the JDK's client costs about 12 ms of CPU more than a socket
 * (its handler lookup through {@code ServiceLoader}, {@code net.properties}, its platform logger,
 * proxy selection: measured for issue 13, docs/imds-client.md). IMDS needs little of HTTP: no TLS
 * (refused by {@link ImdsConfig}), no proxy, no redirect, no compression (none is asked for), no
 * keep-alive ({@code Connection: close}), no {@code Expect}. What the answer may be is not
 * trusted: the status line must be HTTP's, the head is capped at {@link #MAX_HEAD_BYTES}, a
 * {@code Content-Length} must be a number, chunked bodies are decoded with their sizes checked,
 * and anything else is a {@link NotHttp} that the client reports as a malformed answer.
 */
final class HttpExchange implements AutoCloseable {

    /** An answer whose status line and headers do not end within this is not IMDS. */
    static final int MAX_HEAD_BYTES = 64 * 1024;

    /** The answer is not HTTP as IMDS speaks it (the message says how). */
    static final class NotHttp extends IOException {
        NotHttp(String message) {
            super(message);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final int status;
    private final long contentLength;
    private final boolean chunked;
    private final String location;

    private HttpExchange(Socket socket, InputStream in, int status, long contentLength,
            boolean chunked, String location) {
        this.socket = socket;
        this.in = in;
        this.status = status;
        this.contentLength = contentLength;
        this.chunked = chunked;
        this.location = location;
    }

    /**
     * Connects within {@code timeoutMs}, sends the request and reads the answer's head, each read
     * waiting at most {@code timeoutMs}. {@code payload} null: a GET; else a POST of JSON.
     */
    static HttpExchange send(URI url, String method, String userAgent, byte[] payload,
            int timeoutMs) throws IOException {
        String host = url.getHost();
        int port = url.getPort() < 0 ? 80 : url.getPort();
        // NO_PROXY: never a SOCKS proxy from the JVM's settings (IMDS documents proxies as
        // unsupported).
        Socket socket = new Socket(java.net.Proxy.NO_PROXY);
        try {
            socket.connect(new InetSocketAddress(host, port), timeoutMs);
            socket.setSoTimeout(timeoutMs);
            OutputStream out = socket.getOutputStream();
            out.write(head(url, method, userAgent, payload, host, port));
            if (payload != null) {
                out.write(payload);
            }
            out.flush();
            InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
            return readHead(socket, in);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** The request line and headers; the URL's parts come from a validated parameter. */
    private static byte[] head(URI url, String method, String userAgent, byte[] payload,
            String host, int port) {
        String query = url.getRawQuery();
        StringBuilder h = new StringBuilder(256).append(method).append(' ')
                .append(url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                .append(query == null ? "" : "?" + query).append(" HTTP/1.1\r\n")
                .append("Host: ").append(port == 80 ? host : host + ":" + port).append("\r\n")
                .append("Metadata: true\r\n")
                .append("User-Agent: ").append(userAgent).append("\r\n")
                .append("Connection: close\r\n");
        if (payload != null) {
            h.append("Content-Type: application/json\r\n")
                    .append("Content-Length: ").append(payload.length).append("\r\n");
        }
        return h.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static HttpExchange readHead(Socket socket, InputStream in) throws IOException {
        int[] budget = {MAX_HEAD_BYTES};
        String statusLine = line(in, budget);
        // "HTTP/1.1 200 OK": the version, a space, three digits, then a space or the end.
        if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/1.")
                || statusLine.charAt(8) != ' ' || !digits(statusLine, 9, 12)
                || statusLine.length() > 12 && statusLine.charAt(12) != ' ') {
            throw new NotHttp("not an HTTP answer (no valid status line)");
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        String location = null;
        for (String header = line(in, budget); !header.isEmpty(); header = line(in, budget)) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new NotHttp("not an HTTP answer (a header line without a name)");
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = contentLength(value, length);
                case "transfer-encoding" -> chunked = transferEncoding(value);
                case "location" -> location = value;
                default -> {
                    // not used
                }
            }
        }
        return new HttpExchange(socket, in, status, chunked ? -1 : length, chunked, location);
    }

    private static long contentLength(String value, long before) throws NotHttp {
        if (value.isEmpty() || value.length() > 18 || !digits(value, 0, value.length())) {
            throw new NotHttp("not an HTTP answer (Content-Length '" + shown(value) + "')");
        }
        long length = Long.parseLong(value);
        if (before >= 0 && before != length) {
            throw new NotHttp("not an HTTP answer (two different Content-Length)");
        }
        return length;
    }

    private static boolean transferEncoding(String value) throws NotHttp {
        if (!value.equalsIgnoreCase("chunked")) {
            throw new NotHttp("not an HTTP answer we read (Transfer-Encoding '" + shown(value)
                    + "')");
        }
        return true;
    }

    /** Text from the network, clipped and made one line for the failure's message. */
    private static String shown(String value) {
        return EventsParser.clip(value, EventsParser.EXCERPT_CHARS);
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** One line of the head without its CRLF (a bare LF is accepted), within the budget. */
    private static String line(InputStream in, int[] budget) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new EOFException("connection closed in the answer's head");
            }
            if (--budget[0] < 0) {
                throw new NotHttp("not an HTTP answer (head longer than " + MAX_HEAD_BYTES
                        + " bytes)");
            }
            line.write(b);
        }
        budget[0]--;
        byte[] bytes = line.toByteArray();
        int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1
                : bytes.length;
        return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
    }

    int status() {
        return status;
    }

    /** The declared body length, or -1 when the body ends with the connection or is chunked. */
    long contentLength() {
        return contentLength;
    }

    /** The {@code Location} header, or null. */
    String location() {
        return location;
    }

    /** The body: the declared length, the decoded chunks, or everything until the server closes. */
    InputStream body() {
        if (chunked) {
            return new ChunkedBody(in);
        }
        if (contentLength >= 0) {
            return new LimitedBody(in, contentLength);
        }
        return in;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** A body read in blocks; a single byte is a block of one. */
    private abstract static class Body extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }
    }

    /** At most the declared length; fewer when the server closes early (the caller counts). */
    private static final class LimitedBody extends Body {
        private final InputStream in;
        private long left;

        LimitedBody(InputStream in, long length) {
            this.in = in;
            this.left = length;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }

    /** {@code Transfer-Encoding: chunked}, decoded; trailers are read and dropped. */
    private static final class ChunkedBody extends Body {
        private final InputStream in;
        private long left;
        private boolean done;
        private final int[] budget = {MAX_HEAD_BYTES};

        ChunkedBody(InputStream in) {
            this.in = in;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (left == 0 && !nextChunk()) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new EOFException("connection closed inside a chunk");
            }
            left -= n;
            if (left == 0 && !line(in, budget).isEmpty()) {
                throw new NotHttp("not an HTTP answer (a chunk not followed by CRLF)");
            }
            return n;
        }

        /** Reads the next chunk's size line; false at the last chunk (after its trailers). */
        private boolean nextChunk() throws IOException {
            String size = line(in, budget);
            int semicolon = size.indexOf(';');
            String hex = (semicolon < 0 ? size : size.substring(0, semicolon)).trim();
            if (hex.isEmpty() || hex.length() > 15) {
                throw new NotHttp("not an HTTP answer (chunk size '" + shown(size) + "')");
            }
            try {
                left = Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw new NotHttp("not an HTTP answer (chunk size '" + shown(size) + "')");
            }
            if (left < 0) {
                throw new NotHttp("not an HTTP answer (chunk size '" + shown(size) + "')");
            }
            if (left == 0) {
                while (!line(in, budget).isEmpty()) {
                    // trailers: not used
                }
                done = true;
                return false;
            }
            return true;
        }
    }
}
