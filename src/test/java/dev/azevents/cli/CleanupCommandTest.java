package dev.azevents.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.azevents.cluster.CibResult;
import dev.azevents.cluster.PacemakerCluster;
import dev.azevents.engine.PullLease;
import dev.azevents.engine.Strategy;
import dev.azevents.testing.CibFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code azevents cleanup} on CIB files: after the clone was disabled mid-event it undoes exactly
 * what the agent did, in one CIB update, and nothing an administrator set.
 */
class CleanupCommandTest {

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    static Run cleanup(CibFile cib, boolean apply) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CleanupCommand c = new CleanupCommand();
        c.apply = apply;
        int exit = c.run(Map.of("CIB_file", cib.path().toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8));
    }

    static void attr(CibFile cib, String node, String name, String value) {
        cib.run("crm_attribute", "--node", node, "--name", name, "--update", value);
    }

    /** The health story stopped mid-event: node2 drained and IN_EVENT, a lease left behind. */
    CibFile healthClusterLeftMidEvent() {
        CibFile cib = CibFile.copy("story-health.xml", dir);
        attr(cib, "node2", "#health-azure", "-1000000");
        attr(cib, "node2", "azure-events-az_drainedByAgent", "true");
        attr(cib, "node2", "azure-events-az_curNodeState", "IN_EVENT");
        attr(cib, "node2", "azure-events-az_pendingEventIDs", "ev-1");
        attr(cib, "node3", "#health-azure", "-500");
        attr(cib, "node1", "standby", "on");
        PacemakerCluster cluster = new PacemakerCluster(cib.tools(), Map.of());
        CibResult<Boolean> taken = cluster.acquireLease(Strategy.HEALTH,
                new PullLease("node2", Instant.parse("2026-11-25T02:00:00Z")));
        assertEquals(new CibResult.Ok<>(true), taken);
        cib.run("crm_resource", "--resource", "health-azure-events", "--meta",
                "--set-parameter", "target-role", "--parameter-value", "Stopped");
        cib.simulateReaction();
        return cib;
    }

    @Test
    void aDryRunShowsWhatItWouldUndoAndWritesNothing() {
        CibFile cib = healthClusterLeftMidEvent();
        String before = cib.text();

        Run run = cleanup(cib, false);

        assertEquals(ExitCode.FAILED.code(), run.exit(), run.out() + run.err());
        assertEquals(before, cib.text(), "a dry run writes nothing");
        assertEquals(List.of(
                "left alone: node1: standby is not the agent's (an administrator's): left on",
                "left alone: node3: #health-azure -500 is not the agent's: left as it is",
                "would azure-events-az: node2: #health-azure -1000000 -> 0 (the agent's)",
                "would azure-events-az: node2: state IN_EVENT events [ev-1] -> AVAILABLE, none",
                "would azure-events-az: release the pull lease of node2 (expiry "
                        + "2026-11-25T02:00:00Z)",
                "dry run: nothing written; 'azevents cleanup --apply' writes the above in one"
                        + " CIB update"), run.out().lines().toList());
    }

    @Test
    void applyUndoesExactlyTheAgentsChangesInOneUpdate() {
        CibFile cib = healthClusterLeftMidEvent();
        List<Long> before = cib.version();

        Run run = cleanup(cib, true);

        assertEquals(ExitCode.OK.code(), run.exit(), run.out() + run.err());
        assertTrue(run.out().endsWith("written in one CIB update\n"), run.out());
        assertEquals(before.get(0) + 1, cib.version().get(0), "one CIB operation");
        assertEquals("0", cib.pythonRead(Optional.of("node2"), "#health-azure"));
        assertEquals("false", cib.pythonRead(Optional.of("node2"),
                "azure-events-az_drainedByAgent"));
        assertEquals("AVAILABLE", cib.pythonRead(Optional.of("node2"),
                "azure-events-az_curNodeState"));
        assertEquals("", cib.pythonRead(Optional.of("node2"), "azure-events-az_pendingEventIDs"));
        assertEquals("-500", cib.pythonRead(Optional.of("node3"), "#health-azure"),
                "an administrator's value stays");
        assertEquals("on", cib.pythonRead(Optional.of("node1"), "standby"),
                "an administrator's standby stays");
        assertEquals("", cib.pythonRead(Optional.empty(), "azure-events-az_pullLeaseHolder"));
        assertEquals("IDLE", cib.pythonRead(Optional.empty(), "azure-events-az_globalPullState"));

        Run again = cleanup(cib, false);
        assertEquals(ExitCode.OK.code(), again.exit(), again.out());
        assertTrue(again.out().endsWith("nothing to clean up\n"), again.out());
    }

    @Test
    void nothingIsDoneForAStandbyAgentWhoseCloneStillRuns() {
        CibFile cib = CibFile.copy("story-standby.xml", dir);
        attr(cib, "node2", "standby", "on");
        attr(cib, "node2", "azure-events_drainedByAgent", "true");
        attr(cib, "node2", "azure-events_curNodeState", "IN_EVENT");
        String before = cib.text();

        Run run = cleanup(cib, true);

        assertEquals(ExitCode.OK.code(), run.exit(), run.out() + run.err());
        assertTrue(run.out().startsWith("left alone: azure-events runs on node1"), run.out());
        assertTrue(run.out().contains(": it lets its nodes back in itself; disable or delete its"
                + " clone first"), run.out());
        assertEquals(before, cib.text());
    }

    @Test
    void aStandbyLeftByADeletedCloneIsTurnedOffButAnAdministratorsIsNot() {
        CibFile cib = CibFile.copy("story-standby.xml", dir);
        attr(cib, "node2", "standby", "on");
        attr(cib, "node2", "azure-events_drainedByAgent", "true");
        attr(cib, "node2", "azure-events_curNodeState", "IN_EVENT");
        attr(cib, "node3", "standby", "on");
        cib.run("cibadmin", "--delete", "--xml-text", "<clone id=\"azure-events-clone\"/>");
        cib.simulateReaction();

        Run run = cleanup(cib, true);

        assertEquals(ExitCode.OK.code(), run.exit(), run.out() + run.err());
        assertEquals("off", cib.pythonRead(Optional.of("node2"), "standby"));
        assertEquals("on", cib.pythonRead(Optional.of("node3"), "standby"));
        assertTrue(run.out().contains("left alone: node3: standby is not the agent's (an"
                + " administrator's): left on"), run.out());
    }
}
