package dev.azevents.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.azevents.imds.EventType;
import dev.azevents.sim.EventSpec;
import dev.azevents.sim.SimEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 10, item 1 on the real cluster: a {@code hostName_<vm>} property left behind by a node
 * that is no longer a member, and events listed for that VM. Every observation checks that no
 * resource action failed (before the fix every monitor of every node exited 1); the remaining
 * nodes' own events are still handled.
 */
@Tag("cluster")
class LabMembershipScenariosTest {

    /** The VM of a node removed from the cluster; its availability set still lists it. */
    static final String GONE_VM = "vm-removed";
    /** Long enough for several passes on every node. */
    static final Duration SEVERAL_PASSES = Duration.ofSeconds(15);
    static final Duration HANDLED = Duration.ofSeconds(120);

    static Stream<AgentUnderTest> agents() {
        return LabScenariosTest.agents();
    }

    @ParameterizedTest(name = "10.1 stale hostName_ of a removed node, event for its VM [{0}]")
    @MethodSource("agents")
    void staleMappingOfARemovedNode(AgentUnderTest agent) {
        List<String> problems = new ArrayList<>();
        try (ScenarioRun run = ScenarioRun.start("10.1 stale mapping", agent,
                ScenarioRun.Options.defaults().withoutReboots())) {
            // What 'crm node delete node4' leaves behind: node4's VM mapping.
            run.lab.execOk(run.lab.liveNode(1), "crm_attribute", "--type", "crm_config",
                    "--name", "hostName_" + GONE_VM, "--update", "node4");
            run.note("hostName_" + GONE_VM + "=node4 written; node4 is not a member");
            SimEvent foreign = run.announce(EventSpec.of(EventType.REBOOT, GONE_VM)
                    .withNotBeforeSeconds(LabFaultScenariosTest.LONG_NOTICE_AZURE_S));
            run.watchFor(SEVERAL_PASSES);
            for (int k = 1; k <= ScenarioRun.NODES; k++) {
                ClusterView v = run.last();
                if (v != null && run.agent.drained(v.node(run.lab.nodeName(k)))) {
                    problems.add("node" + k + " drained for the removed node's event");
                }
            }
            problems.addAll(ownEventStillHandled(run));
            if (run.event(foreign.eventId()).approvedAt().isPresent()) {
                problems.add("the removed node's event was approved");
            }
            assertEquals(List.of(), run.verdict(problems));
        }
    }

    /** node2's own Reboot, listed beside the removed node's: drained, approved, back. */
    private static List<String> ownEventStillHandled(ScenarioRun run) {
        List<String> p = new ArrayList<>();
        Story.node2Milestones(run);
        SimEvent own = run.announce(run.spec(EventType.REBOOT, 2)
                .withNotBeforeSeconds(LabFaultScenariosTest.LONG_NOTICE_AZURE_S));
        if (!run.await("node2's own event approved", HANDLED,
                v -> run.event(own.eventId()).approvedAt().isPresent())) {
            p.add("node2's own event not approved (" + Story.describe(run, 2) + ")");
        }
        p.addAll(Story.approvedInTime(run, run.event(own.eventId()), 2));
        run.end(own.eventId());
        if (!run.await("node2 AVAILABLE after its event", Duration.ofSeconds(45),
                v -> run.timeline.has("AVAILABLE"))) {
            p.add("node2 not AVAILABLE after its event ended (" + Story.describe(run, 2) + ")");
        }
        return p;
    }
}
