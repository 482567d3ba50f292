package dev.azevents.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.azevents.imds.EventType;
import dev.azevents.sim.SimEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 6's scenario 7, four parts on one lab (agent configured with
 * {@code eventTypes=Reboot,Redeploy,Preempt}): an event for a VM outside the cluster, a Freeze
 * (not a handled type), a Reboot cancelled while the node drains, a Preempt with its 30 s notice.
 */
@Tag("cluster")
class LabPolicyScenariosTest {

    static final String EVENT_TYPES = "eventTypes=Reboot,Redeploy,Preempt";
    /** Long enough for two passes on every node. */
    static final Duration NOTHING_HAPPENS = Duration.ofSeconds(12);
    /** A Preempt's notice is 30 s in Azure; the lab keeps it 30 s of real time. */
    static final long PREEMPT_NOTICE_REAL_S = 30;

    static Stream<AgentUnderTest> agents() {
        return LabScenariosTest.agents();
    }

    @ParameterizedTest(name = "7 Freeze, Preempt, cancelled event, foreign VM [{0}]")
    @MethodSource("agents")
    void policies(AgentUnderTest agent) {
        List<String> problems = new ArrayList<>();
        try (ScenarioRun run = ScenarioRun.start("7 policies", agent,
                ScenarioRun.Options.defaults().withAgentParams(EVENT_TYPES))) {
            problems.addAll(nothingHappens(run, "7a foreign VM",
                    run.announce(dev.azevents.sim.EventSpec.of(EventType.REBOOT,
                            "vm-not-in-this-cluster"))));
            problems.addAll(nothingHappens(run, "7b Freeze not in eventTypes",
                    run.announce(run.spec(EventType.FREEZE, 2))));
            problems.addAll(cancelledWhileStopping(run));
            problems.addAll(preempt(run));
            assertEquals(List.of(), run.verdict(problems));
        }
    }

    private static List<String> nothingHappens(ScenarioRun run, String part, SimEvent e) {
        List<String> p = new ArrayList<>();
        run.await(part, NOTHING_HAPPENS, v -> {
            for (int k = 1; k <= ScenarioRun.NODES; k++) {
                if (run.agent.drained(v.node(run.lab.nodeName(k)))
                        || !Story.state(run, v.node(run.lab.nodeName(k)))
                                .matches("|AVAILABLE")) {
                    p.add(part + ": node" + k + " left AVAILABLE (" + Story.describe(run, k)
                            + ")");
                    return true;
                }
            }
            return false;
        });
        if (run.event(e.eventId()).approvedAt().isPresent()) {
            p.add(part + ": approved by " + run.event(e.eventId()).approvedBy().orElse("?"));
        }
        run.end(e.eventId());
        return p;
    }

    private static List<String> cancelledWhileStopping(ScenarioRun run) {
        List<String> p = new ArrayList<>();
        SimEvent e = run.announce(run.spec(EventType.REBOOT, 2)
                .withNotBeforeSeconds(LabFaultScenariosTest.LONG_NOTICE_AZURE_S));
        boolean draining = run.await("7c node2 draining", Duration.ofSeconds(30), v ->
                "STOPPING".equals(Story.state(run, v.node("node2")))
                        || run.agent.drained(v.node("node2")));
        if (!draining) {
            p.add("7c: node2 never drained for its Reboot");
            run.end(e.eventId());
            return p;
        }
        if (run.event(e.eventId()).approvedAt().isPresent()) {
            run.remark("7c: approved before the cancellation reached it (not a cancel test)");
        }
        run.end(e.eventId());
        run.timeline.mark("7c cancelled", Instant.now());
        boolean back = run.await("7c node2 AVAILABLE after the cancellation",
                Duration.ofSeconds(30), v -> Story.available(run, v, 2));
        if (!back) {
            p.add("7c: node2 not AVAILABLE 30 s after the cancellation (" + Story.describe(run, 2)
                    + ")");
        } else {
            run.timeline.mark("7c AVAILABLE", Instant.now());
        }
        if (run.timeline.has("reboot")) {
            p.add("7c: node2 rebooted for a cancelled event");
        }
        return p;
    }

    private static List<String> preempt(ScenarioRun run) {
        List<String> p = new ArrayList<>();
        Story.nodeMilestones(run, 2, "7d ");
        long notice = Math.round(PREEMPT_NOTICE_REAL_S * ScenarioRun.TIME_FACTOR);
        SimEvent e = run.announce(run.spec(EventType.PREEMPT, 2).withNotBeforeSeconds(notice));
        run.timeline.mark("7d Preempt", Instant.now());
        boolean done = run.await("7d node2 AVAILABLE after its Preempt",
                LabScenariosTest.SEED_STORY_TIMEOUT, v -> run.timeline.has("7d AVAILABLE"));
        SimEvent after = run.event(e.eventId());
        if (after.approvedAt().isPresent() && after.approvedAt().get().isAfter(e.notBefore())) {
            p.add("7d: Preempt approved after its NotBefore");
        }
        p.addAll(Story.approvedInTime(run, after, 2, "7d ").stream().map(s -> "7d: " + s)
                .toList());
        if (!done) {
            p.add("7d: node2 not AVAILABLE after the Preempt (" + Story.describe(run, 2) + ")");
        }
        return p;
    }
}
