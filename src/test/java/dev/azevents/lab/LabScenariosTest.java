package dev.azevents.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.azevents.imds.EventType;
import dev.azevents.sim.SimEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 6's scenarios on a real 3-node Pacemaker cluster (lab/lab.sh), one fresh lab per scenario
 * and agent. The agents come from {@code -Dlab.agents=provider:type,...} (default: ours). Each run
 * prints a {@code LAB PASS|FAIL} line with the reason and the timeline, and appends it to
 * target/lab/results.tsv (lab/side-by-side.sh turns that into the table).
 */
@Tag("cluster")
class LabScenariosTest {

    static final String DEFAULT_AGENTS = "azevents:azure-events,azevents:azure-events-az";
    /** Notice 45 s at the lab's time factor, the event over 30 s after it started, reboot. */
    static final Duration SEED_STORY_TIMEOUT = Duration.ofSeconds(200);

    static Stream<AgentUnderTest> agents() {
        return AgentUnderTest.parseList(System.getProperty("lab.agents", DEFAULT_AGENTS))
                .stream();
    }

    static Stream<AgentUnderTest> standbyAgents() {
        return agents().filter(a -> !a.healthStrategy());
    }

    static Stream<AgentUnderTest> healthAgents() {
        return agents().filter(AgentUnderTest::healthStrategy);
    }

    @ParameterizedTest(name = "1 seed story, standby strategy [{0}]")
    @MethodSource("standbyAgents")
    void seedStoryStandby(AgentUnderTest agent) {
        seedStory("1 seed story (standby)", agent);
    }

    @ParameterizedTest(name = "2 seed story, health strategy [{0}]")
    @MethodSource("healthAgents")
    void seedStoryHealth(AgentUnderTest agent) {
        seedStory("2 seed story (health)", agent);
    }

    /**
     * Reboot announced for node2 → STOPPING and drained, its services move → approved (by a peer
     * for standby, by itself for health) once drained → node2 reboots, comes back → AVAILABLE.
     */
    private static void seedStory(String name, AgentUnderTest agent) {
        List<String> problems = new ArrayList<>();
        try (ScenarioRun run = ScenarioRun.start(name, agent, ScenarioRun.Options.defaults())) {
            Story.node2Milestones(run);
            SimEvent e = run.announce(run.spec(EventType.REBOOT, 2));
            boolean done = run.await("node2 AVAILABLE again", SEED_STORY_TIMEOUT,
                    v -> run.timeline.has("AVAILABLE"));
            if (!done) {
                problems.add("node2 not back AVAILABLE within " + SEED_STORY_TIMEOUT.toSeconds()
                        + "s (last seen: " + Story.describe(run, 2) + ")");
            }
            problems.addAll(Story.approvedInTime(run, run.event(e.eventId()), 2));
            problems.addAll(Story.allServicesRunning(run));
            assertEquals(List.of(), run.verdict(problems));
        }
    }
}
