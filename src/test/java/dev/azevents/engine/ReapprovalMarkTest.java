package dev.azevents.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.azevents.imds.EventStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine marks re-approvals, so the pass can send them without the lease. */
class ReapprovalMarkTest {

    static final String E1 = "ev-1";

    @Test
    void anEventApprovedBeforeAndStillScheduledIsAMarkedReapprovalAlone() {
        Plan plan = Scene.standby(3).event(E1, "Reboot", EventStatus.SCHEDULED, "vm2")
                .drainedByAgent("node2", NodeState.IN_EVENT, E1).passOn("node1");

        assertEquals(1, plan.actions().size(), "no CIB action, not even the incarnation: "
                + plan.actions());
        Action.ApproveEvents approve = (Action.ApproveEvents) plan.actions().get(0);
        assertTrue(approve.again());
        assertEquals(List.of(E1), approve.eventIds());
    }

    @Test
    void aFirstApprovalIsNotMarked() {
        Plan plan = Scene.standby(3).event(E1, "Reboot", EventStatus.SCHEDULED, "vm2")
                .drainedByAgent("node2", NodeState.STOPPING, E1).passOn("node1");

        List<Action.ApproveEvents> approvals = plan.actions().stream()
                .filter(a -> a instanceof Action.ApproveEvents)
                .map(a -> (Action.ApproveEvents) a).toList();
        assertEquals(1, approvals.size(), plan.actions().toString());
        assertFalse(approvals.get(0).again());
    }
}
