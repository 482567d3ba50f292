package dev.azevents.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code azevents demo}: exit code and the timeline an administrator reads. */
class DemoCommandTest {

    record Run(int exit, String out, String err) {
        /** The lines appear in this order (other lines may come between). */
        void showsInOrder(String... fragments) {
            int from = 0;
            for (String f : fragments) {
                int at = out.indexOf(f, from);
                assertTrue(at >= 0, "missing, or out of order: '" + f + "' in:\n" + out);
                from = at + f.length();
            }
        }
    }

    static Run demo(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        DemoCommand command = new DemoCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit = new CommandLine(command).execute(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void rebootStoryDrainsApprovesRebootsAndLetsTheNodeBackIn() {
        Run run = demo();
        assertEquals(0, run.exit(), run.out());
        run.showsInOrder("announced for vm2 (node2)", "node2: node2 -> STOPPING",
                "standby on for node2", "rsc2 stopped on node2", "-> IN_EVENT", "approve [",
                "started (approved by vm", "node2 reboots", "node2 is back online (still in "
                        + "standby)", "is over: no longer listed", "letting node2 back in",
                "standby off for node2", "invariants: every invariant held",
                "nodes: node1=AVAILABLE node2=AVAILABLE node3=AVAILABLE");
    }

    @Test
    void healthStrategyLowersHealthApprovesItselfAndResetsHealth() {
        Run run = demo("--strategy", "health");
        assertEquals(0, run.exit(), run.out());
        run.showsInOrder("node2: node2 -> STOPPING", "#health-azure=-1000000 on node2",
                "node2: node2 -> IN_EVENT", "node2: approve [", "approved by vm2",
                "node2 reboots", "node2 -> AVAILABLE", "#health-azure=0 on node2",
                "every invariant held");
        assertTrue(!run.out().contains("standby on"), "the health strategy never uses standby");
    }

    @Test
    void preemptIsDrainedAndApprovedInsideItsThirtySecondNotice() {
        Run run = demo("--story", "preempt");
        assertEquals(0, run.exit(), run.out());
        run.showsInOrder("Preempt", "node3 -> STOPPING", "approve [", "s before its NotBefore",
                "every invariant held");
    }

    @Test
    void lastNodeHoldsUntilAPeerIsBackAndTheAdministratorsStandbyStays() {
        Run run = demo("--story", "last-node");
        assertEquals(0, run.exit(), run.out());
        run.showsInOrder("admin: standby on for node3", "node2 -> STOPPING",
                "node1 -> ON_HOLD", "node2 is back online", "letting node2 back in",
                "node1 -> STOPPING", "node1 reboots", "letting node1 back in",
                "every invariant held", "node3=AVAILABLE/standby");
        assertTrue(!run.out().contains("standby off for node3"), run.out());
    }

    @Test
    void crashMidPassIsRepairedByALaterPass() {
        Run run = demo("--story", "crash");
        assertEquals(0, run.exit(), run.out());
        run.showsInOrder("node2 -> IN_EVENT", "agent killed after its CIB update, before "
                + "approving", "approving again, still Scheduled", "node2 reboots",
                "breaking the stale pull lease", "letting node2 back in",
                "every invariant held");
    }

    @Test
    void unknownStoryIsAUsageErrorNamingTheChoices() {
        Run run = demo("--story", "meteor");
        assertEquals(2, run.exit());
        assertEquals(List.of("demo: unknown story 'meteor'; choose one of reboot, preempt, "
                + "last-node, crash"), run.err().lines().toList());
        assertEquals("", run.out());
    }
}
