package dev.azevents.imds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.azevents.testing.SkippingRetryTimer;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the client does on the wire that the simulator cannot show: a redirect not followed,
 * the JVM's and the environment's proxy settings ignored. Plain loopback servers stand in for
 * a redirecting answer and for a proxy.
 */
class ImdsTransportTest {

    static final String DOCUMENT = "{\"DocumentIncarnation\":9,\"Events\":[]}";

    private final List<HttpServer> servers = new ArrayList<>();

    /** A loopback server answering every request with this status, header and body. */
    private HttpServer server(int status, String header, String value, String body,
            List<String> seen) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        s.createContext("/", exchange -> {
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            exchange.getRequestBody().readAllBytes();
            if (header != null) {
                exchange.getResponseHeaders().add(header, value);
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        s.start();
        servers.add(s);
        return s;
    }

    private static String base(HttpServer s) {
        return "http://127.0.0.1:" + s.getAddress().getPort() + "/metadata";
    }

    @AfterEach
    void stopServers() {
        for (HttpServer s : servers) {
            s.stop(0);
        }
    }

    @Test
    void redirectIsNotFollowedNorRetried() throws IOException {
        List<String> target = new CopyOnWriteArrayList<>();
        List<String> redirector = new CopyOnWriteArrayList<>();
        HttpServer real = server(200, null, null, DOCUMENT, target);
        HttpServer elsewhere = server(302, "Location", base(real) + "/scheduledevents", "",
                redirector);
        ImdsClient client = new ImdsClient(ImdsConfig.azureEventsAz()
                .withBaseUrl(URI.create(base(elsewhere))), new SkippingRetryTimer(), line -> { });

        ImdsResult<EventsDocument> r = client.events();

        ImdsResult.Failed<?> failed = assertInstanceOf(ImdsResult.Failed.class, r);
        ImdsFailure.HttpStatus status = assertInstanceOf(ImdsFailure.HttpStatus.class,
                failed.failure());
        assertEquals(302, status.status());
        assertEquals(1, status.attempts());
        assertEquals("redirect to " + base(real) + "/scheduledevents not followed",
                status.bodyExcerpt());
        assertEquals(1, redirector.size());
        assertEquals(List.of(), target, "the redirect target must never be asked");
    }

    /**
     * A forked JVM with every proxy knob pointing at a loopback "proxy" that would answer a
     * valid document: the request must still go straight to IMDS.
     */
    @Test
    void proxySettingsOfJvmAndEnvironmentAreIgnored() throws Exception {
        List<String> direct = new CopyOnWriteArrayList<>();
        List<String> proxied = new CopyOnWriteArrayList<>();
        HttpServer imds = server(200, null, null, DOCUMENT, direct);
        HttpServer proxy = server(200, null, null, DOCUMENT, proxied);
        String proxyPort = String.valueOf(proxy.getAddress().getPort());
        String proxyUrl = "http://127.0.0.1:" + proxyPort;
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator
                + "java";
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dhttp.proxyHost=127.0.0.1", "-Dhttp.proxyPort=" + proxyPort,
                "-Djava.net.useSystemProxies=true", "-Dhttp.nonProxyHosts=",
                "dev.azevents.cli.Main", "imds", "events", "--json", "--url", base(imds));
        pb.environment().put("http_proxy", proxyUrl);
        pb.environment().put("HTTP_PROXY", proxyUrl);
        pb.environment().remove("no_proxy");
        pb.environment().remove("NO_PROXY");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the forked CLI did not end");

        assertEquals(0, p.exitValue(), output);
        assertEquals(DOCUMENT, output.strip());
        assertEquals(List.of("GET /metadata/scheduledevents?api-version=2020-07-01"), direct);
        assertEquals(List.of(), proxied, "nothing may go through the proxy");
    }

    @Test
    void startRequestsBodyEscapesHostileIds() {
        String hostile = "a\"b\\c</x>\n,;$(id)`\u0000\u00e9";
        assertEquals("{\"StartRequests\":[{\"EventId\":"
                + "\"a\\\"b\\\\c</x>\\n,;$(id)`\\u0000\u00e9\"},"
                + "{\"EventId\":\"plain\"}]}", new String(ImdsClient.startRequests(
                        List.of(hostile, "plain")), StandardCharsets.UTF_8));
    }

    @Test
    void approvingNothingSendsNothing() throws IOException {
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer s = server(200, null, null, "", seen);
        ImdsClient client = new ImdsClient(ImdsConfig.azureEventsAz()
                .withBaseUrl(URI.create(base(s))).withRetries(0, Duration.ZERO,
                        Duration.ofSeconds(5)));
        assertInstanceOf(ImdsResult.Ok.class, client.approve(List.of()));
        assertEquals(List.of(), seen);
    }
}
