package dev.azevents.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.azevents.engine.Action;
import dev.azevents.engine.ClusterSnapshot;
import dev.azevents.engine.NodeState;
import dev.azevents.engine.PullLease;
import dev.azevents.engine.Strategy;
import dev.azevents.testing.CibFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tool failures become Failed values carrying what the tool said; nothing is thrown. */
class PacemakerToolFailureTest {

    /** Long enough for a real tool, short enough that the hanging one is cut quickly. */
    private static final Duration SHORT = Duration.ofMillis(300);

    @TempDir
    Path dir;

    private Path script(String name, String body) throws IOException {
        Path tool = dir.resolve(name);
        Files.writeString(tool, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwx------"));
        return tool;
    }

    private PacemakerCluster withScripts(Duration timeout) {
        return new PacemakerCluster(new ProcessToolRunner(Optional.of(dir), Map.of(), timeout),
                Map.of());
    }

    @Test
    void aMissingCibFileIsFailedWithTheToolsOwnWords() {
        CibFile.assumeTools();
        ProcessToolRunner tools = new ProcessToolRunner(Optional.empty(),
                Map.of("CIB_file", dir.resolve("no-such-cib.xml").toString()),
                ProcessToolRunner.DEFAULT_TIMEOUT);

        CibResult<ClusterSnapshot> result = new PacemakerCluster(tools, Map.of())
                .snapshot(Strategy.STANDBY);

        CibResult.Failed<?> failed = assertInstanceOf(CibResult.Failed.class, result);
        assertEquals("cibadmin --query", failed.what());
        assertTrue(failed.detail().startsWith("exit code "), failed.detail());
        assertTrue(failed.detail().contains("no-such-cib.xml")
                || failed.detail().toLowerCase().contains("could not"), failed.detail());
    }

    @Test
    void aHangingToolIsKilledAfterItsTimeoutAndReported() throws IOException {
        script("cibadmin", "echo 'waiting for the CIB' >&2; exec sleep 30");

        long start = System.nanoTime();
        CibResult<ClusterSnapshot> result = withScripts(SHORT).snapshot(Strategy.STANDBY);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        CibResult.Failed<?> failed = assertInstanceOf(CibResult.Failed.class, result);
        assertTrue(failed.detail().startsWith("timed out after 300 ms and was killed"),
                failed.detail());
        assertTrue(failed.detail().contains("waiting for the CIB"), failed.detail());
        assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "not left to hang: " + took);
    }

    @Test
    void aToolThatCannotBeStartedIsFailedNotThrown() {
        CibResult<ClusterSnapshot> result = withScripts(SHORT).snapshot(Strategy.STANDBY);

        CibResult.Failed<?> failed = assertInstanceOf(CibResult.Failed.class, result);
        assertTrue(failed.detail().startsWith("cannot start " + dir.resolve("cibadmin")),
                failed.detail());
    }

    @Test
    void garbageInsteadOfXmlIsFailedWithTheParsersReasonAndNothingOnStderr() throws IOException {
        script("cibadmin", "echo '<cib><unclosed>'");
        script("crm_mon", "echo '<pacemaker-result/>'");
        java.io.PrintStream stderr = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        CibResult<ClusterSnapshot> result;
        System.setErr(new java.io.PrintStream(captured, true));
        try {
            result = withScripts(SHORT).snapshot(Strategy.STANDBY);
        } finally {
            System.setErr(stderr);
        }

        CibResult.Failed<?> failed = assertInstanceOf(CibResult.Failed.class, result);
        assertTrue(failed.detail().startsWith("not well-formed XML"), failed.detail());
        assertEquals("", captured.toString(), "the parser printed on the agent's stderr");
    }

    @Test
    void aDoctypeInToolOutputIsRefusedNotExpanded() throws IOException {
        script("cibadmin", "cat <<'EOF'\n<!DOCTYPE cib [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "\n<cib><configuration/><status/></cib>\nEOF");
        script("crm_mon", "echo '<pacemaker-result/>'");

        CibResult.Failed<?> failed = assertInstanceOf(CibResult.Failed.class,
                withScripts(SHORT).snapshot(Strategy.STANDBY));

        assertTrue(failed.detail().contains("DOCTYPE"), failed.detail());
    }

    @Test
    void aFailedWriteCarriesCibadminsExitCodeAndStderr() throws IOException {
        script("cibadmin", "if [ \"$1\" = --query ]; then echo '<configuration><nodes>"
                + "<node id=\"1\" uname=\"node1\"/></nodes></configuration>'; exit 0; fi\n"
                + "echo 'Call failed: Update does not conform to the configured schema' >&2;"
                + " exit 78");

        CibResult<Void> result = withScripts(SHORT).apply(Strategy.STANDBY, List.of(
                new Action.SetNodeState("node1", NodeState.STOPPING, List.of("e"), "test")));

        CibResult.Failed<?> failed = assertInstanceOf(CibResult.Failed.class, result);
        assertEquals("cibadmin --modify", failed.what());
        assertEquals("exit code 78: Call failed: Update does not conform to the configured"
                + " schema", failed.detail());
    }

    @Test
    void aLeaseOperationThatFailsOtherwiseThanNoMatchIsFailed() throws IOException {
        script("cibadmin", "echo 'Could not connect to the CIB: Transport endpoint is not"
                + " connected' >&2; exit 102");

        CibResult.Failed<?> failed = assertInstanceOf(CibResult.Failed.class,
                withScripts(SHORT).acquireLease(Strategy.HEALTH,
                        new PullLease("node1", Instant.parse("2026-11-25T02:00:00Z"))));

        assertTrue(failed.detail().startsWith("exit code 102: Could not connect"),
                failed.detail());
    }

    @Test
    void localNodeNameComesFromPacemakersVariableWithoutAProcess() {
        PacemakerCluster cluster = new PacemakerCluster(
                (argv, stdin) -> {
                    throw new AssertionError("no tool may run: " + argv);
                },
                Map.of(PacemakerCluster.ON_NODE_VARIABLE, "node2"));

        assertEquals(new CibResult.Ok<>("node2"), cluster.localNodeName());
    }

    @Test
    void localNodeNameFallsBackToCrmNode() throws IOException {
        script("crm_node", "[ \"$1\" = -n ] && echo node7");

        assertEquals(new CibResult.Ok<>("node7"), withScripts(SHORT).localNodeName());
    }

    @Test
    void crmNodeFailingIsFailedWithItsWords() throws IOException {
        script("crm_node", "echo 'error: Could not connect to controller' >&2; exit 102");

        CibResult.Failed<?> failed = assertInstanceOf(CibResult.Failed.class,
                withScripts(SHORT).localNodeName());

        assertEquals("crm_node -n", failed.what());
        assertTrue(failed.detail().contains("Could not connect to controller"));
    }

    @Test
    void crmMonReportingAnErrorWithExitCodeZeroIsFailedNotAnEmptyCluster() throws IOException {
        CibFile.assumeTools();
        script("cibadmin", "echo '<cib><configuration/><status/></cib>'");
        // What crm_mon 2.1.5 prints, exit code 0, when it cannot reach the CIB.
        script("crm_mon", "CIB_file=" + dir.resolve("absent.xml") + " exec "
                + onPath("crm_mon") + " \"$@\"");

        CibResult.Failed<?> failed = assertInstanceOf(CibResult.Failed.class,
                withScripts(SHORT.multipliedBy(20)).snapshot(Strategy.STANDBY));

        assertEquals("crm_mon --output-as=xml", failed.what());
        assertEquals("Could not connect to the CIB: No such device or address",
                failed.detail());
    }

    @Test
    void aToolThatNeverReadsALargeInputIsStillCutAtItsTimeout() throws IOException {
        script("cibadmin", "exec sleep 30");
        ProcessToolRunner tools = new ProcessToolRunner(Optional.of(dir), Map.of(), SHORT);
        String big = "x".repeat(1 << 20);

        CibResult<ToolOutput> run = tools.run(List.of("cibadmin", "--modify", "--xml-pipe"),
                Optional.of(big));

        CibResult.Failed<?> failed = assertInstanceOf(CibResult.Failed.class, run);
        assertTrue(failed.detail().startsWith("timed out after 300 ms"), failed.detail());
    }

    private static String onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return Path.of(d, tool).toString();
            }
        }
        throw new AssertionError(tool + " not on PATH");
    }
}
