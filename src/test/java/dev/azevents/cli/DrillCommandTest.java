package dev.azevents.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.azevents.testing.CibFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code azevents drill} on a CIB file: the real agent and crm_simulate play the event on a copy;
 * the timeline names the decisions and Pacemaker's transitions; the file itself is untouched.
 */
class DrillCommandTest {

    @TempDir
    Path dir;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int drill(CibFile cib, String vm, String type, String... more) {
        DrillCommand command = new DrillCommand();
        command.vm = vm;
        command.type = type;
        for (int i = 0; i + 1 < more.length; i += 2) {
            switch (more[i]) {
                case "--not-before" -> command.notBefore = more[i + 1];
                case "--rounds" -> command.rounds = Integer.parseInt(more[i + 1]);
                default -> throw new IllegalArgumentException(more[i]);
            }
        }
        return command.run(Map.of("CIB_file", cib.path().toString(),
                "PATH", System.getenv("PATH")), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    CibFile cluster(String fixture) {
        CibFile cib = CibFile.copy(fixture, dir);
        for (int k = 1; k <= 3; k++) {
            cib.run("crm_attribute", "--node", "node" + k, "--name", "azName", "--update",
                    "vm" + k);
        }
        return cib;
    }

    @Test
    void rebootOfNode2OnAStandbyClusterDrainsApprovesAndBringsItBack() {
        CibFile cib = cluster("story-standby.xml");
        String before = cib.text();

        assertEquals(0, drill(cib, "vm2", "Reboot"), printed() + err);

        String t = printed();
        assertTrue(t.startsWith("Drill: Reboot for VM vm2 (node node2), event "), t);
        assertTrue(t.contains("Agent: azure-events (ocf:azevents:azure-events), parameters"
                + " from the CIB\n"), t);
        assertTrue(t.contains("  node2 pass: node2: standby on because "), t);
        assertTrue(t.contains("  Pacemaker: Move dummy2 ( node2 -> node3 )\n"), t);
        assertTrue(t.contains("\nround 2\n  node1 pass: node2: state IN_EVENT"), t);
        assertTrue(t.contains("  node1 pass: approve ["), t);
        assertTrue(t.contains("  Azure: event approved by VM vm1; the platform starts the"
                + " Reboot now\n  Azure: VM of node2 reboots\n"), t);
        assertTrue(t.contains("  node1 pass: node2: standby off because node2 is AVAILABLE"), t);
        // One round (a monitor interval) after the event ended: two reads must miss it.
        assertTrue(t.contains("\nround 3\n  node1 pass: waiting: events ["), t);
        assertTrue(t.contains("] of node2 (IN_EVENT) are not all in this VM's document; they"
                + " count as over only if still missing at "), t);
        assertTrue(t.contains("Summary: node2 drained in round 1; the event approved in round 2;"
                + " node2 back in service in round 4.\n"), t);
        assertEquals(before, cib.text(), "the drill works on a copy");
    }

    @Test
    void theLastAvailableNodeIsHeldAndTheEventNeverApprovedSaysSo() {
        CibFile cib = cluster("story-standby.xml");
        cib.run("crm_attribute", "--node", "node1", "--name", "standby", "--update", "on");
        cib.run("crm_attribute", "--node", "node3", "--name", "standby", "--update", "on");
        cib.simulateReaction();

        assertEquals(1, drill(cib, "vm2", "Redeploy", "--rounds", "3"), printed() + err);

        String t = printed();
        assertTrue(t.contains("node2: state ON_HOLD"), t);
        assertTrue(t.contains("Summary: node2 never drained; the event never approved: Azure"
                + " starts it at NotBefore "), t);
    }

    @Test
    void aTypeOutsideEventTypesIsSaidToBeLeftAlone() {
        CibFile cib = cluster("story-standby.xml");

        assertEquals(1, drill(cib, "vm2", "Freeze", "--rounds", "2"), printed() + err);

        String t = printed();
        assertTrue(t.contains("\nnote: Freeze is not in eventTypes (Reboot,Redeploy): the agent"
                + " leaves it alone and Azure starts it at NotBefore\n"), t);
        assertTrue(t.contains("Summary: node2 never drained; the event never approved"), t);
    }

    @Test
    void notBeforeIsSecondsOrAnInstantAndUsageErrorsAreExitCodeTwo() {
        Instant now = Instant.parse("2026-12-07T14:00:00Z");
        assertEquals(300, DrillCommand.notBeforeSeconds("300", now).getAsLong());
        assertEquals(3900, DrillCommand.notBeforeSeconds("2026-12-07T15:05:00Z", now)
                .getAsLong());
        CibFile cib = cluster("story-standby.xml");

        assertEquals(2, drill(cib, "vm2", "Reboots"));
        assertEquals(2, drill(cib, "vm2", "Reboot", "--not-before", "tomorrow"));

        assertEquals(List.of("drill: --type must be Reboot, Redeploy, Freeze, Preempt or"
                + " Terminate, not Reboots", "drill: --not-before must be seconds from now or an"
                + " instant such as 2026-12-07T14:05:00Z, not tomorrow"),
                err.toString(StandardCharsets.UTF_8).lines().toList());
    }
}
