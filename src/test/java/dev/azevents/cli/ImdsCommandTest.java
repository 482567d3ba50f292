package dev.azevents.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.azevents.imds.EventType;
import dev.azevents.sim.EventSpec;
import dev.azevents.sim.FaultSpec;
import dev.azevents.sim.ImdsSimulator;
import dev.azevents.sim.SimEvent;
import dev.azevents.sim.SimSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code azevents imds ...} as an administrator runs it, against the simulator. */
class ImdsCommandTest {

    final ImdsSimulator sim = ImdsSimulator.builder().vm("node1").vm("node2")
            .settings(SimSettings.defaults().withRequestsPerSecond(0)).log(line -> { }).build();
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    ImdsCommandTest() {
        sim.start();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    /** NotBefore as IMDS writes it: RFC 1123, whole seconds. */
    static java.time.Instant wire(java.time.Instant t) {
        return t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    String url() {
        return sim.metadataUrl("node1").toString();
    }

    @Test
    void eventsAsTextNameTheEventAndItsResources() {
        SimEvent e = sim.schedule(EventSpec.of(EventType.REBOOT, "node2")
                .withDescription("Host server is undergoing maintenance."));

        assertEquals(0, run("imds", "events", "--url", url()));

        String text = out.toString();
        assertTrue(text.startsWith("DocumentIncarnation 2, 1 event\n\nReboot " + e.eventId()
                + "\n  status       Scheduled\n  not before   " + wire(e.notBefore())
                + " (in "), text);
        assertTrue(text.contains("\n  resources    node2\n"), text);
        assertTrue(text.contains("\n  description  Host server is undergoing maintenance.\n"),
                text);
        assertEquals("", err.toString());
    }

    @Test
    void eventsAsJsonForScripts() {
        SimEvent e = sim.schedule(EventSpec.of(EventType.PREEMPT, "node1")
                .withDurationSeconds(-1).withEventSource("Platform").withDescription(""));

        assertEquals(0, run("imds", "events", "--json", "--url", url()));

        assertEquals("{\"DocumentIncarnation\":2,\"Events\":[{\"EventId\":\"" + e.eventId()
                + "\",\"EventStatus\":\"Scheduled\",\"EventType\":\"Preempt\","
                + "\"ResourceType\":\"VirtualMachine\",\"Resources\":[\"node1\"],"
                + "\"NotBefore\":\"" + wire(e.notBefore()) + "\",\"Description\":\"\","
                + "\"EventSource\":\"Platform\",\"DurationInSeconds\":-1}]}\n", out.toString());
    }

    @Test
    void hostileIdCannotForgeOutputLines() {
        sim.schedule(EventSpec.of(EventType.FREEZE, "node1")
                .withEventId("x\n  status       Started\u001b[2J"));

        assertEquals(0, run("imds", "events", "--url", url()));

        assertTrue(out.toString().contains("Freeze x\\n  status       Started?[2J\n"),
                out.toString());
    }

    @Test
    void instanceShowsTheVmName() {
        assertEquals(0, run("imds", "instance", "--url", url()));
        assertTrue(out.toString().startsWith("name           node1\n"), out.toString());
        assertEquals(0, run("imds", "instance", "--json", "--url", url()));
        assertTrue(out.toString().contains("{\"name\":\"node1\","), out.toString());
    }

    @Test
    void approveStartsTheEvents() {
        SimEvent a = sim.schedule(EventSpec.of(EventType.REBOOT, "node1"));
        SimEvent b = sim.schedule(EventSpec.of(EventType.REDEPLOY, "node2"));

        assertEquals(0, run("imds", "approve", a.eventId(), b.eventId(), "--url", url()));

        assertEquals("Approved 2 events: " + a.eventId() + ", " + b.eventId() + "\n",
                out.toString());
        assertEquals(Optional.of("node1"), sim.events().get(1).approvedBy());
    }

    @Test
    void unreachableImdsIsOneLineAndExitOne() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }

        int code = run("imds", "events", "--url", "http://127.0.0.1:" + port + "/metadata");

        assertEquals(ImdsCommand.EXIT_UNREACHABLE, code);
        assertEquals("azevents imds: IMDS unreachable at http://127.0.0.1:" + port
                + "/metadata/scheduledevents?api-version=2020-07-01 after 1 attempt(s): "
                + "ConnectException: Connection refused\n", err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void httpErrorAndMalformedAnswerHaveTheirOwnExitCodes() {
        sim.fault("node1", new FaultSpec.FailRequests(500, 1));
        assertEquals(ImdsCommand.EXIT_HTTP, run("imds", "events", "--url", url()));
        sim.fault("node1", new FaultSpec.MalformedBody());
        assertEquals(ImdsCommand.EXIT_MALFORMED, run("imds", "events", "--url", url()));
        assertEquals(2, err.toString().lines().count(), err.toString());
    }

    @Test
    void badUrlIsAUsageError() {
        assertEquals(ImdsCommand.EXIT_USAGE, run("imds", "events", "--url", "https://x/metadata"));
        assertEquals("azevents imds: metadata URL 'https://x/metadata' must start with http:// "
                + "(IMDS has no TLS)\n", err.toString());
    }

    @Test
    void helpListsTheExitCodes() {
        assertEquals(0, run("imds", "events", "--help"));
        assertTrue(out.toString().contains("Exit codes:\n  0   IMDS answered\n"), out.toString());
    }
}
