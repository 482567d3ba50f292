package dev.azevents.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.azevents.imds.EventType;
import dev.azevents.sim.SimEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 and issue 10 item 14 on the lab: a bare 3-node cluster set up by
 * {@code azevents setup --apply}, or by the README's own command blocks copied verbatim (crmsh,
 * pcs) and run inside node 1, then the seed story (Reboot for node2) must pass as with
 * lab/agent.sh. The README's agents have no imds_url: inside each node 169.254.169.254 is the
 * lab's relay to that node's simulated VM, never the machine's.
 */
@Tag("cluster")
class LabSetupTest {

    static final String IMDS_IN_NODE = "http://127.0.0.1:8080/metadata";

    @Test
    void setupApplyOnABareClusterThenTheSeedStory() {
        String jar = LabPaths.repo().resolve("target/lab-install/usr/lib/azevents/azevents.jar")
                .toString();
        seedStory("11 setup --apply (health)", AgentUnderTest.AZEVENTS_HEALTH,
                List.of(List.of("java", "-jar", jar, "setup", "--strategy", "health", "--apply",
                        "--param", "imds_url=" + IMDS_IN_NODE)));
    }

    @Test
    void setupApplyStandbyOnABareClusterThenTheSeedStory() {
        String jar = LabPaths.repo().resolve("target/lab-install/usr/lib/azevents/azevents.jar")
                .toString();
        seedStory("11 setup --apply (standby)", AgentUnderTest.AZEVENTS_STANDBY,
                List.of(List.of("java", "-jar", jar, "setup", "--strategy", "standby", "--apply",
                        "--imds-url", IMDS_IN_NODE, "--param", "imds_url=" + IMDS_IN_NODE)));
    }

    @Test
    void readmeCrmshStandbyBlockVerbatimThenTheSeedStory() throws IOException {
        seedStory("10.14 README crmsh (standby)", AgentUnderTest.AZEVENTS_STANDBY,
                readmeBlock("### Standby strategy", "crmsh:"));
    }

    @Test
    void readmePcsStandbyBlockVerbatimThenTheSeedStory() throws IOException {
        seedStory("10.14 README pcs (standby)", AgentUnderTest.AZEVENTS_STANDBY,
                readmeBlock("### Standby strategy", "pcs:"));
    }

    @Test
    void readmeCrmshHealthBlockVerbatimThenTheSeedStory() throws IOException {
        seedStory("10.14 README crmsh (health)", AgentUnderTest.AZEVENTS_HEALTH,
                readmeBlock("### Health strategy", "crmsh:"));
    }

    @Test
    void readmePcsHealthBlockVerbatimThenTheSeedStory() throws IOException {
        seedStory("10.14 README pcs (health)", AgentUnderTest.AZEVENTS_HEALTH,
                readmeBlock("### Health strategy", "pcs:"));
    }

    private static void seedStory(String name, AgentUnderTest agent,
            List<List<String>> configure) {
        List<String> problems = new ArrayList<>();
        ScenarioRun.Options options = ScenarioRun.Options.defaults().configuredBy(configure);
        try (ScenarioRun run = ScenarioRun.start(name, agent, options)) {
            Story.node2Milestones(run);
            SimEvent e = run.announce(run.spec(EventType.REBOOT, 2));
            boolean done = run.await("node2 AVAILABLE again", LabScenariosTest.SEED_STORY_TIMEOUT,
                    v -> run.timeline.has("AVAILABLE"));
            if (!done) {
                problems.add("node2 not back AVAILABLE within "
                        + LabScenariosTest.SEED_STORY_TIMEOUT.toSeconds() + "s (last seen: "
                        + Story.describe(run, 2) + ")");
            }
            problems.addAll(Story.approvedInTime(run, run.event(e.eventId()), 2));
            problems.addAll(Story.allServicesRunning(run));
            assertEquals(List.of(), run.verdict(problems));
        }
    }

    /**
     * The README's indented block under {@code label} in {@code section}, run as one shell
     * script in a fresh directory, as an administrator pasting it into a shell would.
     */
    static List<List<String>> readmeBlock(String section, String label) throws IOException {
        List<String> lines = Files.readAllLines(LabPaths.repo().resolve("README.md"));
        int at = indexFrom(lines, 0, l -> l.startsWith(section));
        at = indexFrom(lines, at, l -> l.equals(label)) + 1;
        while (lines.get(at).isBlank()) {
            at++;
        }
        StringBuilder script = new StringBuilder("set -e\ncd \"$(mktemp -d)\"\n");
        int first = at;
        for (; at < lines.size() && lines.get(at).startsWith("    "); at++) {
            script.append(lines.get(at).substring(4)).append('\n');
        }
        assertFalse(at == first, "no command block under " + section + " / " + label);
        return List.of(List.of("sh", "-c", script.toString()));
    }

    private static int indexFrom(List<String> lines, int from,
            java.util.function.Predicate<String> p) {
        for (int i = from; i < lines.size(); i++) {
            if (p.test(lines.get(i))) {
                return i;
            }
        }
        throw new AssertionError("README has no line for the lab to find after line " + from);
    }
}
