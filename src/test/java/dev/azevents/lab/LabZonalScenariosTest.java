package dev.azevents.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.azevents.imds.EventType;
import dev.azevents.sim.Scope;
import dev.azevents.sim.SimEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 10, item 3 on the real cluster: zonal VMs (the simulator gives every VM zone 1 and shows
 * each only its own events). The standby agent refuses to run there (validate-all exits 6 and
 * points to azure-events-az); the health agent drains node2 for its Reboot and never lets it out
 * while Azure still lists the event, though no peer can see it.
 */
@Tag("cluster")
class LabZonalScenariosTest {

    static final String STANDBY_AGENT = "/usr/lib/ocf/resource.d/azevents/azure-events";

    static Stream<AgentUnderTest> healthAgents() {
        return LabScenariosTest.agents().filter(a -> a.ours() && a.healthStrategy());
    }

    @ParameterizedTest(name = "10.3 zonal VMs: standby refused, health holds the drain [{0}]")
    @MethodSource("healthAgents")
    void zonalVms(AgentUnderTest agent) {
        List<String> problems = new ArrayList<>();
        try (ScenarioRun run = ScenarioRun.start("10.3 zonal", agent,
                ScenarioRun.Options.defaults().withScope(Scope.STANDALONE))) {
            problems.addAll(standbyRefused(run));
            Story.node2Milestones(run);
            SimEvent e = run.announce(run.spec(EventType.REBOOT, 2));
            boolean done = run.await("node2 AVAILABLE after its Reboot",
                    LabScenariosTest.SEED_STORY_TIMEOUT, v -> {
                        boolean listed = run.imds.sim().events().stream()
                                .anyMatch(x -> x.eventId().equals(e.eventId())
                                        && x.phase().visible());
                        if (listed && run.timeline.has("stopped") && Story.available(run, v, 2)) {
                            run.violation("node2 let out while its event is still listed");
                        }
                        return run.timeline.has("AVAILABLE");
                    });
            if (!done) {
                problems.add("node2 not AVAILABLE after its Reboot (" + Story.describe(run, 2)
                        + ")");
            }
            problems.addAll(Story.approvedInTime(run, run.event(e.eventId()), 2));
            assertEquals(List.of(), run.verdict(problems));
        }
    }

    /** validate-all of the standby agent, by hand on node1, as an administrator would. */
    private static List<String> standbyRefused(ScenarioRun run) {
        ProcessRun.Outcome o = run.lab.exec(1, "env", "OCF_ROOT=/usr/lib/ocf",
                "OCF_RESOURCE_INSTANCE=rsc_azure-events",
                "OCF_RESKEY_imds_url=" + LabImds.OUR_IMDS_URL, STANDBY_AGENT, "validate-all");
        run.note("standby validate-all on a zonal VM: " + o.describe());
        List<String> p = new ArrayList<>();
        if (o.exit() != 6) {
            p.add("standby validate-all on a zonal VM exited " + o.exit() + ", not 6");
        }
        if (!o.err().contains("ocf-exit-reason:VM vm1 is in availability zone 1")
                || !o.err().contains("use azure-events-az")) {
            p.add("no exit reason pointing to azure-events-az: " + o.err().strip());
        }
        return p;
    }
}
