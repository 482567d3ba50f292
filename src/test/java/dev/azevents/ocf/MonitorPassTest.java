package dev.azevents.ocf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.azevents.engine.Action;
import dev.azevents.engine.Decider;
import dev.azevents.engine.LeaseSighting;
import dev.azevents.engine.NodeIdentity;
import dev.azevents.engine.NodeState;
import dev.azevents.engine.Plan;
import dev.azevents.engine.PullLease;
import dev.azevents.engine.Strategy;
import dev.azevents.imds.ImdsFailure;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MonitorPassTest {

    static final Instant T0 = Instant.parse("2026-11-25T02:00:00Z");
    static final NodeIdentity SELF = new NodeIdentity("node1", "vm1");

    final ScriptedCluster cluster = new ScriptedCluster();
    final ScriptedImds imds = new ScriptedImds();
    final SteppingClock clock = new SteppingClock(T0);
    final RecordingLog log = new RecordingLog();
    final List<Plan> plans = new ArrayList<>();
    int decisions;

    static AgentParameters parameters() {
        return new AgentParameters(Strategy.STANDBY, Set.of(), false, 3, Duration.ofSeconds(20),
                Duration.ofSeconds(15), URI.create("http://127.0.0.1:1/metadata"),
                Duration.ofSeconds(60), Optional.empty(), Duration.ZERO, 6);
    }

    MonitorPass pass() {
        Decider decider = (snapshot, doc, self, policy, now) -> {
            decisions++;
            return plans.isEmpty() ? Plan.idle() : plans.remove(0);
        };
        return new MonitorPass(parameters(), cluster, imds, decider, clock, clock.sleeper(),
                log);
    }

    static Plan drainAndApprove() {
        return new Plan(List.of(
                new Action.SetNodeState("node2", NodeState.IN_EVENT, List.of("ev-1"),
                        "node2 is drained"),
                new Action.ApproveEvents(List.of("ev-1"), "every affected node is drained")));
    }

    @Test
    void idlePassTakesNoLeaseWritesNothingAndApprovesNothing() {
        PassResult result = pass().run(SELF);

        assertInstanceOf(PassResult.Idle.class, result);
        assertEquals(List.of("snapshot"), cluster.calls);
        assertEquals(List.of("GET scheduledevents"), imds.requests);
        assertEquals(1, decisions);
    }

    @Test
    void planIsRedecidedUnderTheLeaseWrittenOnceApprovedThenTheLeaseReleased() {
        plans.add(drainAndApprove());
        plans.add(drainAndApprove());

        PassResult result = pass().run(SELF);

        assertInstanceOf(PassResult.Applied.class, result);
        assertEquals(List.of("snapshot", "acquireLease", "snapshot", "apply", "deleteLease node1"),
                cluster.calls);
        assertEquals(2, decisions);
        assertEquals(1, cluster.applied.size());
        assertTrue(cluster.applied.get(0).stream()
                .noneMatch(a -> a instanceof Action.ApproveEvents), "approvals are not CIB writes");
        assertEquals(List.of(List.of("ev-1")), imds.approved);
        assertEquals(Optional.empty(), cluster.lease);
        assertTrue(log.at(AgentLog.Level.INFO).stream().anyMatch(l -> l.contains("ev-1")
                && l.contains("because every affected node is drained")), log.lines.toString());
    }

    @Test
    void planThatBecameIdleUnderTheLeaseWritesNothing() {
        plans.add(drainAndApprove());

        PassResult result = pass().run(SELF);

        assertInstanceOf(PassResult.Idle.class, result);
        assertTrue(cluster.applied.isEmpty());
        assertTrue(imds.approved.isEmpty());
        assertEquals(Optional.empty(), cluster.lease, "lease released");
    }

    @Test
    void leaseHeldByAnotherNodeIsTriedThreeTimesOneSecondApartThenThePassEndsQuietly() {
        PullLease theirs = new PullLease("node2", T0.plus(Duration.ofSeconds(60)));
        cluster.lease = Optional.of(theirs);
        plans.add(drainAndApprove());

        PassResult result = pass().run(SELF);

        assertEquals(new PassResult.LeaseBusy(Optional.of(theirs)), result);
        assertEquals(List.of("snapshot", "snapshot", "snapshot"), cluster.calls,
                "a valid lease is read three times and never created over or deleted");
        assertEquals(2, clock.sleeps);
        assertTrue(cluster.applied.isEmpty());
        assertTrue(imds.approved.isEmpty());
        assertEquals(Optional.of(theirs), cluster.lease, "a live lease is never broken");
    }

    @Test
    void losingTheRaceToCreateTheLeaseCountsAsATryAndAFreshLeaseIsNeverBroken() {
        cluster.otherNodeGrabs = 1;
        // Its expiry passes within the pass by our clock, but we have seen it for 2 s only.
        cluster.otherLease = new PullLease("node2", T0.plusMillis(1500));
        plans.add(drainAndApprove());

        MonitorPass pass = pass();
        PassResult result = pass.run(SELF);

        assertEquals(new PassResult.LeaseBusy(Optional.of(cluster.otherLease)), result);
        assertEquals(List.of("snapshot", "acquireLease", "snapshot", "snapshot"), cluster.calls);
        assertEquals(Optional.of(new LeaseSighting(cluster.otherLease, T0.plusSeconds(1))),
                pass.leaseSeen(), "first seen on the first re-read, remembered for next pass");
    }

    @Test
    void staleLeaseSeenUnchangedForTheLeaseLengthIsBrokenByCompareAndDeleteThenTaken() {
        PullLease stale = new PullLease("node3", T0.plusSeconds(3600));
        cluster.lease = Optional.of(stale);
        plans.add(drainAndApprove());
        plans.add(drainAndApprove());

        PassResult result = pass().rememberingLease(Optional.of(new LeaseSighting(stale,
                T0.minusSeconds(60)))).run(SELF);

        assertInstanceOf(PassResult.Applied.class, result);
        assertEquals("deleteLease node3", cluster.calls.get(1));
        assertTrue(log.at(AgentLog.Level.WARN).stream()
                .anyMatch(l -> l.contains("breaking the stale pull lease: lease of node3"
                        + " unchanged since 2026-11-25T01:59:00Z (this node's clock), 60 s")),
                log.lines.toString());
    }

    @Test
    void aLeaseExpiredOnlyByTheHoldersClockIsNotBroken() {
        // node3's clock is an hour behind: its fresh lease "expired" long ago by ours.
        PullLease fresh = new PullLease("node3", T0.minusSeconds(3600));
        cluster.lease = Optional.of(fresh);
        plans.add(drainAndApprove());

        PassResult result = pass().rememberingLease(Optional.of(new LeaseSighting(fresh,
                T0.minusSeconds(30)))).run(SELF);

        assertEquals(new PassResult.LeaseBusy(Optional.of(fresh)), result);
        assertEquals(Optional.of(fresh), cluster.lease, "not broken");
    }

    @Test
    void aWriteAfterTheLeaseWasBrokenWritesNothingAndApprovesNothing() {
        plans.add(drainAndApprove());
        plans.add(drainAndApprove());
        cluster.breakBeforeApply = new PullLease("node2", T0.plusSeconds(60));

        PassResult result = pass().run(SELF);

        assertInstanceOf(PassResult.LeaseBusy.class, result);
        assertTrue(cluster.applied.isEmpty(), "nothing written");
        assertTrue(imds.approved.isEmpty(), "nothing approved");
        assertEquals(Optional.of(cluster.breakBeforeApply), cluster.lease,
                "the breaker's lease is left alone");
        assertTrue(log.at(AgentLog.Level.WARN).contains("WARN: pull lease (expiring "
                + T0.plusSeconds(60) + ") no longer ours at the write: another node broke it;"
                + " nothing written, the next pass starts over"), log.lines.toString());
    }

    @Test
    void failedWriteApprovesNothingAndStillReleasesTheLease() {
        cluster.failApply = true;
        plans.add(drainAndApprove());
        plans.add(drainAndApprove());

        PassResult result = pass().run(SELF);

        assertInstanceOf(PassResult.ClusterUnavailable.class, result);
        assertTrue(imds.approved.isEmpty(), "never approve what was not recorded");
        assertEquals(Optional.empty(), cluster.lease);
    }

    @Test
    void planPacemakerWouldRefuseTakesNoLease() {
        plans.add(new Plan(List.of(new Action.SetNodeState("node1", NodeState.STOPPING,
                List.of("ev-1,ev-2"), "local event"))));

        PassResult result = pass().run(SELF);

        assertInstanceOf(PassResult.ClusterUnavailable.class, result);
        assertEquals(List.of("snapshot"), cluster.calls, "refused before the lease");
    }

    @Test
    void imdsOutageDecidesNothingAndWritesNothing() {
        imds.down = new ImdsFailure.Unreachable("http://127.0.0.1:1/metadata/scheduledevents",
                "Connection refused", 3);

        PassResult result = pass().run(SELF);

        assertInstanceOf(PassResult.ImdsUnavailable.class, result);
        assertEquals(0, decisions);
        assertEquals(0, cluster.writes());
    }

    @Test
    void failedApprovalIsReportedButTheWriteStands() {
        imds.approvalFailure = new ImdsFailure.HttpStatus("http://x/metadata/scheduledevents",
                500, "{}", 3);
        plans.add(drainAndApprove());
        plans.add(drainAndApprove());

        PassResult result = pass().run(SELF);

        PassResult.Applied applied = assertInstanceOf(PassResult.Applied.class, result);
        assertTrue(applied.approvalFailure().isPresent());
        assertEquals(1, cluster.applied.size());
        assertEquals(Optional.empty(), cluster.lease);
    }

    @Test
    void cachedVmNameSavesTheInstanceRequest() {
        MonitorPass.Identity identity = pass().identify(Optional.of("vm1"));

        assertEquals(new MonitorPass.Identity.Known(SELF), identity);
        assertTrue(imds.requests.isEmpty());
    }

    @Test
    void vmNameComesFromImdsWhenNotCached() {
        MonitorPass.Identity identity = pass().identify(Optional.empty());

        assertEquals(new MonitorPass.Identity.Known(SELF), identity);
        assertEquals(List.of("GET instance"), imds.requests);
    }

    @Test
    void aPeerWroteBeforeOurLeaseSoTheDocumentIsFetchedAgainAndTheDecisionUsesIt() {
        List<Long> decidedOn = new ArrayList<>();
        Decider decider = (snapshot, doc, self, policy, now) -> {
            decidedOn.add(doc.incarnation());
            // Between our first read and our lease a peer records what it saw in a newer
            // document, and Azure lists that document now.
            cluster.base = new dev.azevents.engine.ClusterSnapshot(List.of(), Optional.empty(),
                    java.util.Map.of("vm2", "node2"), false, false, true);
            imds.document = dev.azevents.imds.EventsDocument.empty(2);
            return drainAndApprove();
        };
        MonitorPass pass = new MonitorPass(parameters(), cluster, imds, decider, clock,
                clock.sleeper(), log);

        pass.run(SELF);

        assertEquals(List.of("GET scheduledevents", "GET scheduledevents", "POST [ev-1]"),
                imds.requests);
        assertEquals(List.of(1L, 2L), decidedOn, "the second decision rests on the second GET");
    }

    @Test
    void nobodyWroteBeforeOurLeaseSoOneGetIsEnough() {
        plans.add(drainAndApprove());
        plans.add(drainAndApprove());

        pass().run(SELF);

        assertEquals(List.of("GET scheduledevents", "POST [ev-1]"), imds.requests);
    }

    @Test
    void eachStepMakesAtMostOnePortCallAndTheLastOneEndsThePass() {
        plans.add(drainAndApprove());
        plans.add(drainAndApprove());
        MonitorPass.Steps steps = pass().start(SELF);
        List<MonitorPass.Phase> phases = new ArrayList<>();
        MonitorPass.Step step;
        do {
            phases.add(steps.phase());
            int calls = cluster.calls.size() + imds.requests.size();
            step = steps.step();
            assertTrue(cluster.calls.size() + imds.requests.size() - calls <= 1, phases.toString());
        } while (!(step instanceof MonitorPass.Step.Done));

        assertEquals(List.of(MonitorPass.Phase.SNAPSHOT, MonitorPass.Phase.FETCH,
                MonitorPass.Phase.TAKE, MonitorPass.Phase.REREAD, MonitorPass.Phase.APPLY,
                MonitorPass.Phase.APPROVE, MonitorPass.Phase.RELEASE), phases);
        assertInstanceOf(PassResult.Applied.class, ((MonitorPass.Step.Done) step).result());
    }
}
