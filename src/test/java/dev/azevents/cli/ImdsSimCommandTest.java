package dev.azevents.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.azevents.sim.ImdsSimulator;
import dev.azevents.sim.Scope;
import dev.azevents.sim.SimSettings;
import java.time.Duration;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code azevents imds-sim}: its options become the simulator they describe. */
class ImdsSimCommandTest {

    private static ImdsSimCommand parsed(String... args) {
        ImdsSimCommand c = new ImdsSimCommand();
        new CommandLine(c).parseArgs(args);
        return c;
    }

    @Test
    void vmsScopeAndTimeFactorBecomeTheSimulator() {
        ImdsSimCommand c = parsed("--vm", "hana-db-1=127.0.0.1:0", "--vm", "hana-db-2",
                "--scope", "standalone", "--time-factor", "60", "--requests-per-second", "0");
        try (ImdsSimulator sim = c.build()) {
            sim.start();
            assertEquals(List.of("hana-db-1", "hana-db-2"), sim.vmNames());
            assertEquals(Scope.STANDALONE, sim.scope());
            assertTrue(sim.metadataUrl("hana-db-1").toString().matches(
                    "http://127\\.0\\.0\\.1:\\d+/metadata"), sim.metadataUrl("hana-db-1")
                    .toString());
        }
    }

    @Test
    void settingsOptionsReachTheSimulator() {
        ImdsSimCommand c = parsed("--vm", "n1", "--approval-waits", "--terminate-notice-seconds",
                "300", "--started-seconds", "60", "--requests-per-second", "7");
        try (ImdsSimulator sim = c.build()) {
            SimSettings s = sim.settings();
            assertEquals(List.of(false, Duration.ofMinutes(5), Duration.ofMinutes(1), 7),
                    List.of(s.approvalStartsAtOnce(), s.terminateNotice(), s.startedLifetime(),
                            s.requestsPerSecond()));
        }
    }

    @Test
    void aTerminateNoticeOutsideFiveToFifteenMinutesIsAUsageError() {
        StringWriter err = new StringWriter();
        int code = new CommandLine(new ImdsSimCommand()).setErr(new PrintWriter(err))
                .execute("--vm", "n1", "--terminate-notice-seconds", "60");
        assertEquals(ImdsSimCommand.EXIT_USAGE, code);
        assertTrue(err.toString().contains("5 to 15 minutes"), err.toString());
    }

    @Test
    void addressesParseWithIpv6Brackets() {
        assertEquals(new InetSocketAddress("::1", 8080),
                ImdsSimCommand.address("--admin", "[::1]:8080"));
        assertEquals(new InetSocketAddress("169.254.169.254", 80),
                ImdsSimCommand.address("--vm", "169.254.169.254:80"));
    }

    @Test
    void aBadAddressIsAUsageErrorNamingTheOption() {
        for (String bad : List.of("a=127.0.0.1", "a=127.0.0.1:x", "a=127.0.0.1:70000", "a=:80")) {
            StringWriter err = new StringWriter();
            int code = new CommandLine(new ImdsSimCommand()).setErr(new PrintWriter(err))
                    .execute("--vm", bad);
            assertEquals(ImdsSimCommand.EXIT_USAGE, code, bad);
            assertTrue(err.toString().contains("--vm " + bad), err.toString());
        }
    }

    @Test
    void anUnknownScopeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImdsSimCommand.parseScope("zonal"));
        assertTrue(e.getMessage().contains("availability-set or standalone"), e.getMessage());
    }

    @Test
    void atLeastOneVmIsRequired() {
        StringWriter err = new StringWriter();
        int code = new CommandLine(new ImdsSimCommand()).setErr(new PrintWriter(err)).execute();
        assertEquals(ImdsSimCommand.EXIT_USAGE, code);
        assertTrue(err.toString().contains("--vm"), err.toString());
    }

    @Test
    void helpDescribesEveryOptionAndTheExitCodes() {
        StringWriter out = new StringWriter();
        int code = new CommandLine(new ImdsSimCommand()).setOut(new PrintWriter(out))
                .execute("--help");
        assertEquals(0, code);
        for (String s : List.of("--vm", "--admin", "--scope", "--time-factor", "Exit codes")) {
            assertTrue(out.toString().contains(s), s);
        }
    }

    @Test
    void theTopCommandListsImdsSim() {
        StringWriter out = new StringWriter();
        new CommandLine(new Main()).setOut(new PrintWriter(out)).execute("--help");
        assertTrue(out.toString().contains("imds-sim"), out.toString());
    }
}
