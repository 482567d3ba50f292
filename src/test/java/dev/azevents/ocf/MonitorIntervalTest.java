package dev.azevents.ocf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.azevents.cluster.CibResult;
import dev.azevents.cluster.ClusterConfiguration;
import dev.azevents.engine.ClusterSnapshot;
import dev.azevents.engine.Decider;
import dev.azevents.engine.EventAbsences;
import dev.azevents.engine.NodeIdentity;
import dev.azevents.engine.Plan;
import dev.azevents.engine.Policy;
import dev.azevents.engine.Strategy;
import dev.azevents.imds.EventsDocument;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A drain ends on two reads one monitor interval apart: the interval is the monitor's own, as
 * Pacemaker passes it ({@code OCF_RESKEY_CRM_meta_interval}), so a node comes back one interval
 * later at most (the lab runs 3 s monitors); 10 s when Pacemaker does not say.
 */
class MonitorIntervalTest {

    @TempDir
    Path rsctmp;

    final Map<String, String> env = new HashMap<>();
    final List<Duration> confirmations = new ArrayList<>();

    void monitor() {
        env.put("HA_RSCTMP", rsctmp.toString());
        env.put("OCF_RESOURCE_INSTANCE", "rsc_ae");
        Decider decider = new Decider() {
            @Override
            public Plan decide(ClusterSnapshot s, EventsDocument d, NodeIdentity self,
                    Policy p, Instant now) {
                throw new AssertionError("the pass must hand the engine its absences");
            }

            @Override
            public Plan decide(ClusterSnapshot s, EventsDocument d, NodeIdentity self,
                    Policy p, Instant now, EventAbsences absences) {
                confirmations.add(absences.confirmation());
                return Plan.idle();
            }
        };
        SteppingClock clock = new SteppingClock(Instant.parse("2026-11-25T02:00:00Z"));
        Wiring wiring = new Wiring((p, l) -> new ScriptedImds(), ScriptedCluster::new,
                () -> new CibResult.Ok<>(new ClusterConfiguration(Map.of(), List.of(),
                        List.of())), decider, clock, clock.sleeper());
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8);
        Agent agent = new Agent(Strategy.STANDBY, env, sink, sink, wiring);
        assertEquals(OcfExit.SUCCESS, agent.run("start"));
        assertEquals(OcfExit.SUCCESS, agent.run("monitor"));
    }

    @Test
    void theMonitorsOwnIntervalIsTheCount() {
        env.put("OCF_RESKEY_CRM_meta_interval", "3000");

        monitor();

        assertEquals(List.of(Duration.ofSeconds(3)), confirmations);
    }

    @Test
    void tenSecondsWhenPacemakerDoesNotSay() {
        monitor();

        assertEquals(List.of(Duration.ofSeconds(10)), confirmations);
    }
}
