package dev.azevents.ocf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.azevents.cluster.CibResult;
import dev.azevents.cluster.ClusterConfiguration;
import dev.azevents.engine.Decider;
import dev.azevents.engine.Plan;
import dev.azevents.engine.Strategy;
import dev.azevents.imds.ImdsFailure;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OCF actions and their exit codes, with scripted IMDS and Pacemaker. */
class AgentTest {

    @TempDir
    Path rsctmp;

    final ScriptedCluster cluster = new ScriptedCluster();
    final ScriptedImds imds = new ScriptedImds();
    final SteppingClock clock = new SteppingClock(Instant.parse("2026-11-25T02:00:00Z"));
    final Map<String, String> env = new HashMap<>();
    CibResult<ClusterConfiguration> configuration = new CibResult.Ok<>(
            new ClusterConfiguration(Map.of(), List.of(), List.of()));
    Plan plan = Plan.idle();
    Decider decider;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    OcfExit run(Strategy strategy, String action) {
        env.putIfAbsent("HA_RSCTMP", rsctmp.toString());
        env.putIfAbsent("OCF_RESOURCE_INSTANCE", "rsc_ae");
        Wiring wiring = new Wiring((p, l) -> imds, () -> cluster, () -> configuration,
                decider != null ? decider : (s, d, self, p, now) -> plan, clock,
                clock.sleeper());
        return new Agent(strategy, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), wiring).run(action);
    }

    OcfExit run(String action) {
        return run(Strategy.STANDBY, action);
    }

    String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    List<String> exitReasons() {
        return stderr().lines().filter(l -> l.startsWith("ocf-exit-reason:")).toList();
    }

    @Test
    void unknownActionIsUnimplementedWithUsage() {
        assertEquals(OcfExit.ERR_UNIMPLEMENTED, run("promote"));
        assertTrue(stderr().contains("usage: azure-events {start|stop|monitor"));
    }

    @Test
    void metaDataNeedsNoParametersAndTouchesNothing() {
        env.put("OCF_RESKEY_retry_count", "lots");

        assertEquals(OcfExit.SUCCESS, run("meta-data"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("<resource-agent"));
        assertTrue(cluster.calls.isEmpty());
        assertTrue(imds.requests.isEmpty());
    }

    @Test
    void badParameterIsNotConfiguredWithEveryProblemInTheExitReason() {
        env.put("OCF_RESKEY_eventTypes", "Reboot,Explode");
        env.put("OCF_RESKEY_request_timeout", "0");

        assertEquals(OcfExit.ERR_CONFIGURED, run("validate-all"));
        assertEquals(List.of("ocf-exit-reason:eventTypes='Reboot,Explode': ['Explode'] not one of"
                + " Freeze,Reboot,Redeploy,Preempt,Terminate; request_timeout='0' is not a whole"
                + " number from 1 to 120"), exitReasons());
    }

    @Test
    void startThenMonitorRunsThenStopThenMonitorIsNotRunning() {
        assertEquals(OcfExit.SUCCESS, run("start"));
        assertEquals(OcfExit.SUCCESS, run("monitor"));
        assertEquals(OcfExit.SUCCESS, run("stop"));
        assertEquals(OcfExit.NOT_RUNNING, run("monitor"));
    }

    @Test
    void stopSucceedsEvenWhenNeverStartedAndMisconfigured() {
        env.put("OCF_RESKEY_eventTypes", "nonsense");

        assertEquals(OcfExit.SUCCESS, run("stop"));
        assertTrue(exitReasons().isEmpty());
    }

    @Test
    void probeOfAStoppedMisconfiguredResourceSaysNotRunning() {
        env.put("OCF_RESKEY_eventTypes", "nonsense");
        env.put("OCF_RESKEY_CRM_meta_interval", "0");

        assertEquals(OcfExit.NOT_RUNNING, run("monitor"));
    }

    @Test
    void probeOfAStartedResourceReadsNothingAndWritesNothing() {
        run("start");
        cluster.calls.clear();
        imds.requests.clear(); // start's placement check (standby) reads the instance metadata
        env.put("OCF_RESKEY_CRM_meta_interval", "0");

        assertEquals(OcfExit.SUCCESS, run("monitor"));
        assertTrue(cluster.calls.isEmpty(), cluster.calls.toString());
        assertTrue(imds.requests.isEmpty(), imds.requests.toString());
    }

    @Test
    void idleMonitorAfterAFullIdlePassMakesOneGetAndNoClusterRead() throws Exception {
        run("start");
        env.put("OCF_RESKEY_CRM_meta_interval", "10000");
        run("monitor");
        assertEquals(List.of("localNodeName", "snapshot"),
                cluster.calls.subList(cluster.calls.size() - 2, cluster.calls.size()),
                "the first pass after start (or a reboot) reads the cluster");
        cluster.calls.clear();
        imds.requests.clear();
        Path state = rsctmp.resolve("azevents-rsc_ae.state");
        String before = Files.readString(state);

        assertEquals(OcfExit.SUCCESS, run("monitor"));

        // The node name comes from Pacemaker's environment: no tool runs at all.
        assertEquals(List.of("localNodeName"), cluster.calls);
        assertEquals(List.of("GET scheduledevents"), imds.requests);
        assertEquals(0, cluster.writes());
        assertEquals(before, Files.readString(state), "idle pass rewrites no state");
        assertTrue(before.contains("azName=vm1"), before);
        assertTrue(before.contains("idleIncarnation=1"), before);
    }

    @Test
    void aNewReasonToWaitIsLoggedAtInfoOnceThenOnlyAtDebug() {
        run("start");
        plan = new Plan(List.of(), List.of("node2 still runs dummy2"));

        run("monitor");
        run("monitor");
        plan = new Plan(List.of(), List.of("node2 drained; waiting for approval"));
        run("monitor");

        List<String> info = stderr().lines().filter(l -> l.contains("INFO: waiting: ")).toList();
        assertEquals(2, info.size(), stderr());
        assertTrue(info.get(0).endsWith("node2 still runs dummy2"));
        assertTrue(info.get(1).endsWith("node2 drained; waiting for approval"));
    }

    @Test
    void transientImdsOutageIsLoggedNotAFailureAndNotReported() {
        run("start");
        imds.down = new ImdsFailure.Unreachable("http://127.0.0.1:9/metadata/scheduledevents",
                "Connection refused", 4);
        env.put("OCF_RESKEY_outage_passes", "3");

        assertEquals(OcfExit.SUCCESS, run("monitor"));
        assertEquals(OcfExit.SUCCESS, run("monitor"));

        assertTrue(exitReasons().isEmpty(), stderr());
        assertTrue(stderr().contains("WARN: pass failed (2 in a row; reported every 3), not a"
                + " resource failure: IMDS unreachable at"), stderr());
        assertEquals(0, cluster.writes());
    }

    @Test
    void sustainedImdsOutageIsReportedEveryOutagePassesAsDegradedToPacemakerSpeakingOcf11() {
        run("start");
        imds.down = new ImdsFailure.HttpStatus("http://127.0.0.1:9/metadata/scheduledevents",
                500, "{}", 4);
        env.put("OCF_RESKEY_outage_passes", "2");
        env.put("OCF_RA_VERSION_MAJOR", "1");
        env.put("OCF_RA_VERSION_MINOR", "1");

        List<OcfExit> exits = new java.util.ArrayList<>();
        for (int pass = 0; pass < 5; pass++) {
            exits.add(run("monitor"));
        }

        // Repeated while it lasts: Pacemaker forgets a reported failure after failure-timeout.
        assertEquals(List.of(OcfExit.SUCCESS, OcfExit.DEGRADED, OcfExit.SUCCESS, OcfExit.DEGRADED,
                OcfExit.SUCCESS), exits, "degraded every 2nd pass: shown, never recovered");
        assertEquals(List.of("ocf-exit-reason:2 monitor passes in a row failed, Azure events are"
                + " not being handled on this node (services are not moved): IMDS answered HTTP"
                + " 500 at http://127.0.0.1:9/metadata/scheduledevents after 4 attempt(s): {}",
                "ocf-exit-reason:4 monitor passes in a row failed, Azure events are"
                + " not being handled on this node (services are not moved): IMDS answered HTTP"
                + " 500 at http://127.0.0.1:9/metadata/scheduledevents after 4 attempt(s): {}"),
                exitReasons());
        assertEquals(0, cluster.writes());
    }

    @Test
    void sustainedOutageNeverFailsTheResourceOnPacemakerBeforeOcf11() {
        run("start");
        imds.down = new ImdsFailure.TimedOut("http://127.0.0.1:9/metadata", 15000, 4);
        env.put("OCF_RESKEY_outage_passes", "1");
        env.put("OCF_RA_VERSION_MAJOR", "1");
        env.put("OCF_RA_VERSION_MINOR", "0");

        assertEquals(OcfExit.SUCCESS, run("monitor"));
        assertEquals(1, exitReasons().size());
    }

    @Test
    void aNewOutageCountsFromZeroAfterImdsCameBack() {
        run("start");
        env.put("OCF_RESKEY_outage_passes", "2");
        ImdsFailure down = new ImdsFailure.TimedOut("http://127.0.0.1:9/metadata", 15000, 4);
        imds.down = down;
        run("monitor");
        run("monitor");
        imds.down = null;
        run("monitor");
        imds.down = down;
        run("monitor");
        assertEquals(1, exitReasons().size(), stderr());
        run("monitor");

        assertEquals(2, exitReasons().size(), stderr());
        assertTrue(stderr().contains("INFO: answers again after 2 failed passes"), stderr());
    }

    @Test
    void aDeciderThatThrowsIsAFailedPassNeverAMonitorFailure() {
        run("start");
        env.put("OCF_RESKEY_outage_passes", "2");
        env.put("OCF_RA_VERSION_MAJOR", "1");
        env.put("OCF_RA_VERSION_MINOR", "1");
        env.put("OCF_RESKEY_verbose", "true");
        decider = (s, d, self, p, now) -> {
            throw new java.util.NoSuchElementException("No value present");
        };

        assertEquals(OcfExit.SUCCESS, run("monitor"));
        assertEquals(OcfExit.DEGRADED, run("monitor"));

        assertTrue(stderr().contains("ERROR: unexpected error in the monitor pass, nothing more"
                + " written, counted as a failed pass (a bug: please report it with the debug"
                + " log): java.util.NoSuchElementException: No value present"), stderr());
        assertTrue(stderr().contains("DEBUG:     at dev.azevents.ocf.AgentTest"), stderr());
        assertEquals(List.of("ocf-exit-reason:2 monitor passes in a row failed, Azure events are"
                + " not being handled on this node (services are not moved): unexpected error"
                + " java.util.NoSuchElementException: No value present"), exitReasons());
        assertEquals(0, cluster.writes());
    }

    @Test
    void aClusterThatThrowsUnderTheLeaseIsAFailedPassAndTheLeaseIsReleased() {
        run("start");
        env.put("OCF_RESKEY_verbose", "true");
        plan = new Plan(List.of(new dev.azevents.engine.Action.SetStandby("node1", true,
                "drain")));
        cluster.throwOnApply = new IllegalStateException("unexpected cibadmin output");

        assertEquals(OcfExit.SUCCESS, run("monitor"));

        assertTrue(stderr().contains("ERROR: unexpected error in the monitor pass"), stderr());
        assertTrue(cluster.lease.isEmpty(), "the lease was released on the way out");
        assertTrue(cluster.applied.isEmpty(), "nothing written");
        assertTrue(new StateFile(rsctmp.resolve("azevents-rsc_ae.state")).read().failedPasses()
                == 1, "counted as a failed pass");
    }

    @Test
    void aLeaseIsBrokenOnlyAfterThisNodeSawItUnchangedForLeaseLengthAcrossPasses() {
        run("start");
        Instant t0 = clock.instant();
        // node2's clock is an hour behind ours: by our clock its lease expired long ago.
        dev.azevents.engine.PullLease theirs = new dev.azevents.engine.PullLease("node2",
                t0.minusSeconds(3600));
        cluster.lease = java.util.Optional.of(theirs);
        plan = new Plan(List.of(new dev.azevents.engine.Action.SetStandby("node1", true,
                "drain")));
        StateFile state = new StateFile(rsctmp.resolve("azevents-rsc_ae.state"));

        assertEquals(OcfExit.SUCCESS, run("monitor"));
        assertEquals(java.util.Optional.of(new dev.azevents.engine.LeaseSighting(theirs, t0)),
                state.read().leaseSeen(), "first sighting kept in the state file");
        clock.advance(java.time.Duration.ofSeconds(30));
        assertEquals(OcfExit.SUCCESS, run("monitor"));
        assertEquals(java.util.Optional.of(theirs), cluster.lease, "seen for 34 s: kept");
        assertEquals(0, cluster.writes());

        clock.advance(java.time.Duration.ofSeconds(30));
        assertEquals(OcfExit.SUCCESS, run("monitor"));
        assertTrue(cluster.calls.contains("deleteLease node2"), cluster.calls.toString());
        assertEquals(1, cluster.applied.size(), "broken after 64 s of our clock, then written");
    }

    @Test
    void healthStrategyStartFailsOnAMisconfiguredClusterSayingWhatIsMissing() {
        configuration = new CibResult.Ok<>(new ClusterConfiguration(Map.of(), List.of(
                new ClusterConfiguration.Primitive("rsc_ae", "ocf", "azevents", "azure-events-az",
                        java.util.Optional.of("cln_ae"), Map.of())), List.of()));

        assertEquals(OcfExit.ERR_CONFIGURED, run(Strategy.HEALTH, "start"));

        String reason = exitReasons().get(0);
        assertTrue(reason.contains("node-health-strategy is not set, it must be custom"), reason);
        assertTrue(reason.contains("no location rule scores resources by #health-azure"), reason);
        assertTrue(reason.contains("clone 'cln_ae' does not match health-.*"), reason);
        assertTrue(reason.contains("lacks meta allow-unhealthy-nodes=true"), reason);
        assertFalse(Files.exists(rsctmp.resolve("azevents-rsc_ae.state")), "not started");
    }

    @Test
    void unreadableCibDoesNotFailValidateAll() {
        configuration = new CibResult.Failed<>("cibadmin --query", "exit code 102");

        assertEquals(OcfExit.SUCCESS, run(Strategy.HEALTH, "validate-all"));
        assertTrue(stderr().contains("configuration not checked: cibadmin --query failed"));
    }

    @Test
    void hostileTextNeverBreaksAnExitReasonLine() {
        env.put("OCF_RESKEY_imds_url", "http://x/\nocf-exit-reason:forged");

        assertEquals(OcfExit.ERR_CONFIGURED, run("validate-all"));
        assertEquals(1, exitReasons().size(), stderr());
        assertTrue(exitReasons().get(0).contains("\\x0a"), stderr());
    }
}
