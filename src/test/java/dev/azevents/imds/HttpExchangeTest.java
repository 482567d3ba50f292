package dev.azevents.imds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The wire as {@link HttpExchange} speaks it, against a raw loopback socket that answers with
 * exactly the bytes of each test: what a request looks like, the bodies HTTP allows (declared
 * length, chunked with extensions and trailers, until close, bare LF line ends), and answers
 * that are not HTTP as IMDS speaks it, each a failure value with a reason, never an exception.
 */
class HttpExchangeTest {

    static final String DOCUMENT = "{\"DocumentIncarnation\":4,\"Events\":[]}";

    /** What the client sent, and what it made of the answer. */
    private record Exchange(String request, ImdsResult<EventsDocument> result) {
    }

    private static Exchange exchange(String answer) throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> request = CompletableFuture.supplyAsync(
                    () -> answerOnce(listener, answer));
            ImdsClient client = new ImdsClient(ImdsConfig.azureEventsAz().withRetries(0,
                    Duration.ZERO, Duration.ofSeconds(5)).withBaseUrl(URI.create(
                    "http://127.0.0.1:" + listener.getLocalPort() + "/metadata")));
            ImdsResult<EventsDocument> result = client.events();
            return new Exchange(request.get(10, TimeUnit.SECONDS), result);
        }
    }

    /** Reads the request head, answers, closes; returns the head. */
    private static String answerOnce(ServerSocket listener, String answer) {
        try (Socket s = listener.accept()) {
            s.setSoTimeout(5_000);
            InputStream in = s.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.write(b);
            }
            s.getOutputStream().write(answer.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            return head.toString(StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "server: " + e;
        }
    }

    private static EventsDocument document(Exchange e) {
        return assertInstanceOf(ImdsResult.Ok.class, e.result(), () -> e.result().toString())
                .value() instanceof EventsDocument d ? d : null;
    }

    private static ImdsFailure failure(Exchange e) {
        return assertInstanceOf(ImdsResult.Failed.class, e.result()).failure();
    }

    private static String malformed(Exchange e) {
        return assertInstanceOf(ImdsFailure.Malformed.class, failure(e)).problem();
    }

    @Test
    void requestIsOneGetWithTheMetadataHeaderAndNoKeepAlive() throws Exception {
        Exchange e = exchange("HTTP/1.1 200 OK\r\nContent-Length: " + DOCUMENT.length()
                + "\r\n\r\n" + DOCUMENT);

        assertEquals(4, document(e).incarnation());
        String[] lines = e.request().split("\r\n");
        assertEquals("GET /metadata/scheduledevents?api-version=2020-07-01 HTTP/1.1", lines[0]);
        assertTrue(e.request().startsWith(lines[0] + "\r\nHost: 127.0.0.1:"), e.request());
        assertTrue(e.request().contains("\r\nMetadata: true\r\n"), e.request());
        assertTrue(e.request().contains("\r\nConnection: close\r\n"), e.request());
        assertTrue(e.request().contains("\r\nUser-Agent: "), e.request());
    }

    @Test
    void chunkedBodyWithExtensionsAndTrailersIsDecoded() throws Exception {
        String first = DOCUMENT.substring(0, 10);
        String rest = DOCUMENT.substring(10);
        Exchange e = exchange("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(first.length()) + "\r\n" + first + "\r\n"
                + Integer.toHexString(rest.length()).toUpperCase() + ";name=value\r\n" + rest
                + "\r\n0\r\nX-Trailer: t\r\n\r\n");
        assertEquals(4, document(e).incarnation());
    }

    @Test
    void bodyWithoutLengthEndsWithTheConnection() throws Exception {
        assertEquals(4, document(exchange("HTTP/1.0 200 OK\r\n\r\n" + DOCUMENT)).incarnation());
    }

    @Test
    void bareLineFeedsAreAccepted() throws Exception {
        assertEquals(4, document(exchange("HTTP/1.1 200 OK\nContent-Length: "
                + DOCUMENT.length() + "\n\n" + DOCUMENT)).incarnation());
    }

    @Test
    void notAStatusLineIsMalformed() throws Exception {
        assertEquals("not an HTTP answer (no valid status line)",
                malformed(exchange("SSH-2.0-OpenSSH_9.2\r\n\r\n")));
        assertEquals("not an HTTP answer (no valid status line)",
                malformed(exchange("HTTP/1.1 2000 OK\r\n\r\n")));
    }

    @Test
    void endlessHeadIsMalformedAtItsCap() throws Exception {
        String problem = malformed(exchange("HTTP/1.1 200 OK\r\nX: "
                + "a".repeat(HttpExchange.MAX_HEAD_BYTES) + "\r\n\r\n{}"));
        assertEquals("not an HTTP answer (head longer than 65536 bytes)", problem);
    }

    @Test
    void lengthsThatAreNotOneNumberAreMalformed() throws Exception {
        assertEquals("not an HTTP answer (Content-Length '-5')",
                malformed(exchange("HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\n{}")));
        assertEquals("not an HTTP answer (two different Content-Length)", malformed(exchange(
                "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}")));
        assertEquals("not an HTTP answer (Content-Length 'a\\rb')",
                malformed(exchange("HTTP/1.1 200 OK\r\nContent-Length: a\rb\r\n\r\n{}")));
    }

    @Test
    void encodingsWeDidNotAskForAreMalformed() throws Exception {
        assertEquals("not an HTTP answer we read (Transfer-Encoding 'gzip')",
                malformed(exchange("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n{}")));
    }

    @Test
    void brokenChunksAreMalformed() throws Exception {
        assertEquals("not an HTTP answer (chunk size 'zz')", malformed(exchange(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n")));
        assertEquals("not an HTTP answer (a chunk not followed by CRLF)", malformed(exchange(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}xx\r\n0\r\n\r\n")));
    }

    /** A connection cut in the head or in a chunk may heal: Unreachable, which is retried. */
    @Test
    void answerCutShortIsABrokenConnection() throws Exception {
        ImdsFailure head = failure(exchange("HTTP/1.1 200 OK\r\nContent-Le"));
        assertTrue(assertInstanceOf(ImdsFailure.Unreachable.class, head).cause()
                .contains("connection closed in the answer's head"), head.describe());
        ImdsFailure chunk = failure(exchange(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n20\r\n{\"Doc"));
        assertTrue(assertInstanceOf(ImdsFailure.Unreachable.class, chunk).cause()
                .contains("connection closed inside a chunk"), chunk.describe());
    }
}
