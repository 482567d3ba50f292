package dev.azevents.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code azevents imds-sim} as its own process: prints its URLs, serves, and ends on SIGTERM. */
class ImdsSimProcessTest {

    /** Generous bounds for a JVM start and stop on a busy machine; not timing assertions. */
    private static final long START_SECONDS = 60;
    private static final long STOP_SECONDS = 30;
    private static final int SIGTERM_EXIT = 143;

    @Test
    void printsItsUrlsServesThemAndClosesOnSigterm(@TempDir Path tmp) throws Exception {
        Path err = tmp.resolve("stderr.txt");
        Process p = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "imds-sim", "--vm", "node1", "--vm", "node2=127.0.0.1:0", "--time-factor", "60")
                .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(
                        new File("/dev/null"))).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8));
            String node1 = out.readLine();
            String node2 = out.readLine();
            String admin = out.readLine();
            assertTrue(node1.matches("vm node1 http://127\\.0\\.0\\.1:\\d+/metadata"), node1);
            assertTrue(node2.startsWith("vm node2 http://127.0.0.1:"), node2);
            assertTrue(admin.matches("admin http://127\\.0\\.0\\.1:\\d+/admin"), admin);
            assertEquals(200, status(node1.split(" ")[2]
                    + "/scheduledevents?api-version=2020-07-01"));
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(STOP_SECONDS, TimeUnit.SECONDS), "still running after SIGTERM");
            assertEquals(SIGTERM_EXIT, p.exitValue());
            String log = Files.readString(err);
            assertTrue(log.contains("\"node1\" GET \"/metadata/scheduledevents?api-version="
                    + "2020-07-01\" -> 200"), log);
            assertFalse(log.contains("Exception"), log);
        } finally {
            p.destroyForcibly();
            p.waitFor(STOP_SECONDS, TimeUnit.SECONDS);
        }
    }

    private static int status(String url) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL()
                .openConnection(Proxy.NO_PROXY);
        c.setRequestProperty("Metadata", "true");
        c.setConnectTimeout((int) TimeUnit.SECONDS.toMillis(START_SECONDS));
        c.setReadTimeout((int) TimeUnit.SECONDS.toMillis(START_SECONDS));
        return c.getResponseCode();
    }
}
