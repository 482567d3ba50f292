package dev.azevents.simulation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.azevents.engine.Strategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The seeds that broke an invariant with a fault kind kept out of the default swarm (issue 10's
 * residual defects), replayed exactly as {@code bin/azevents simulate --seed N --strategy S
 * --fault KIND} does: each failed before its fix.
 */
class ResidualSeedTest {

    private static void assertHeld(long seed, Strategy strategy, Fault... faults) {
        List<String> timeline = new ArrayList<>();
        Simulation.Outcome o = Simulation.run(seed, Simulation.Setup.of(strategy)
                .withFaults(Set.of(faults)), timeline::add);
        assertTrue(o.held(), () -> o.violations() + "\n" + o.reproduce() + "\n"
                + String.join("\n", timeline.subList(Math.max(0, timeline.size() - 40),
                        timeline.size())));
    }

    @Test
    @DisplayName("re-approval without quorum (issue 10 items 6 x 13)")
    void reapprovalWithoutQuorum() {
        assertHeld(1006872, Strategy.HEALTH, Fault.APPROVED_STAYS_SCHEDULED);
    }

    @Test
    @DisplayName("re-approval after an override, the node running resources again (6 x 8)")
    void reapprovalAfterOverride() {
        assertHeld(1028869, Strategy.HEALTH, Fault.APPROVED_STAYS_SCHEDULED,
                Fault.ADMIN_ONLINE);
    }

    @Test
    @DisplayName("an override whose transient health 0 a reboot erased before any pass saw it"
            + " leaves no trace: draining again is not undoing it (item 8)")
    void overrideErasedByReboot() {
        assertHeld(1008695, Strategy.HEALTH, Fault.ADMIN_ONLINE);
    }

    @Test
    @DisplayName("a peer let out of standby in the same plan is not running our clone yet (9)")
    void peerLetOutIsNotRunningOurCloneYet() {
        assertHeld(613, Strategy.STANDBY, Fault.CLONE_BLOCKED_ON_PEER);
    }

    @Test
    @DisplayName("an override ends with the events the agent handles: a Terminate outside the"
            + " configured types does not make a later Reboot's drain an undone override (8)")
    void overrideEndsWithTheHandledEvents() {
        assertHeld(1014071, Strategy.HEALTH);
    }
}
