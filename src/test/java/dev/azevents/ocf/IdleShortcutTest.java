package dev.azevents.ocf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.azevents.engine.Decider;
import dev.azevents.engine.Plan;
import dev.azevents.imds.EventStatus;
import dev.azevents.imds.EventsDocument;
import dev.azevents.imds.ImdsFailure;
import dev.azevents.imds.ScheduledEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The idle shortcut (issue 13): after a full idle pass on an empty document, the passes of the
 * next minute that find the same document read nothing from the cluster; anything that could
 * change the decision makes the pass read everything again.
 */
class IdleShortcutTest {

    final ScriptedCluster cluster = new ScriptedCluster();
    final ScriptedImds imds = new ScriptedImds();
    final SteppingClock clock = new SteppingClock(MonitorPassTest.T0);
    final RecordingLog log = new RecordingLog();
    final List<Plan> plans = new ArrayList<>();
    int decisions;
    Optional<IdleMemory> memory = Optional.empty();

    /** One pass with the memory the last one left (the state file), keeping what it leaves. */
    PassResult pass() {
        Decider decider = (snapshot, doc, self, policy, now) -> {
            decisions++;
            return plans.isEmpty() ? Plan.idle() : plans.remove(0);
        };
        MonitorPass pass = new MonitorPass(MonitorPassTest.parameters(), cluster, imds, decider,
                clock, clock.sleeper(), log).rememberingIdle(memory);
        PassResult result = pass.run(MonitorPassTest.SELF);
        memory = pass.idleMemory();
        return result;
    }

    static EventsDocument oneEvent(long incarnation) {
        return new EventsDocument(incarnation, List.of(new ScheduledEvent("ev-1", "Reboot",
                EventStatus.SCHEDULED, "VirtualMachine", List.of("vm1"), Optional.empty(),
                Optional.empty(), Optional.empty(), OptionalLong.empty())));
    }

    @Test
    void passesAfterAFullIdlePassReadNoClusterForAMinute() {
        imds.document = EventsDocument.empty(4);
        pass();
        assertEquals(Optional.of(new IdleMemory(4, MonitorPassTest.T0)), memory);

        for (int i = 1; i <= 5; i++) {
            clock.advance(Duration.ofSeconds(10));
            assertInstanceOf(PassResult.Idle.class, pass());
        }

        assertEquals(List.of("snapshot"), cluster.calls, "one cluster read in six passes");
        assertEquals(1, decisions);
        assertEquals(6, imds.requests.size(), "one GET per pass");
        assertEquals(Optional.of(new IdleMemory(4, MonitorPassTest.T0)), memory,
                "the bound runs from the last full read");
    }

    @Test
    void aFullReadAtLeastEveryMinute() {
        pass();
        clock.advance(IdleMemory.FULL_READ_BOUND);

        pass();

        assertEquals(List.of("snapshot", "snapshot"), cluster.calls);
        assertEquals(Optional.of(new IdleMemory(1, clock.instant())), memory);
    }

    @Test
    void aNewEventIsDecidedAtTheNextPass() {
        pass();
        clock.advance(Duration.ofSeconds(10));
        imds.document = oneEvent(2);
        plans.add(Plan.idle());

        pass();

        assertEquals(List.of("snapshot", "snapshot"), cluster.calls);
        assertEquals(2, decisions);
        assertEquals(Optional.empty(), memory, "a document listing anything is read every pass");
        clock.advance(Duration.ofSeconds(10));
        pass();
        assertEquals(3, decisions);
    }

    @Test
    void anEmptyDocumentOfAnotherIncarnationIsReadInFull() {
        pass();
        clock.advance(Duration.ofSeconds(10));
        imds.document = EventsDocument.empty(2);

        pass();

        assertEquals(List.of("snapshot", "snapshot"), cluster.calls);
        assertEquals(Optional.of(new IdleMemory(2, clock.instant())), memory);
    }

    @Test
    void aPassThatWroteLeavesNoMemory() {
        plans.add(MonitorPassTest.drainAndApprove());
        plans.add(MonitorPassTest.drainAndApprove());

        assertInstanceOf(PassResult.Applied.class, pass());

        assertEquals(Optional.empty(), memory);
    }

    @Test
    void aPassWaitingForSomethingLeavesNoMemory() {
        plans.add(new Plan(List.of(), List.of("this node's partition has no quorum")));

        pass();

        assertEquals(Optional.empty(), memory);
    }

    @Test
    void aFailedPassLeavesNoMemoryAndAnOutageIsStillSeen() {
        pass();
        clock.advance(Duration.ofSeconds(10));
        cluster.failSnapshot = true;
        imds.document = EventsDocument.empty(2);
        assertInstanceOf(PassResult.ClusterUnavailable.class, pass());
        assertEquals(Optional.empty(), memory);

        imds.document = EventsDocument.empty(1);
        clock.advance(Duration.ofSeconds(10));
        assertInstanceOf(PassResult.ClusterUnavailable.class, pass(),
                "the pass after a failed one reads the cluster");
    }

    @Test
    void noAnswerFromImdsOnTheShortcutIsAFailedPass() {
        pass();
        clock.advance(Duration.ofSeconds(10));
        imds.down = new ImdsFailure.Unreachable("http://127.0.0.1:1/metadata", "refused", 1);

        assertInstanceOf(PassResult.ImdsUnavailable.class, pass());
        assertEquals(Optional.empty(), memory);
    }

    @Test
    void aClockThatWentBackReadsTheCluster() {
        pass();
        clock.advance(Duration.ofSeconds(-5));

        pass();

        assertEquals(List.of("snapshot", "snapshot"), cluster.calls);
    }

    @Test
    void withoutMemoryEveryPassReadsTheCluster() {
        // After a reboot the state file (under HA_RSCTMP, a tmpfs) is gone: no memory.
        MonitorPass pass = new MonitorPass(MonitorPassTest.parameters(), cluster, imds,
                (s, d, self, p, now) -> Plan.idle(), clock, clock.sleeper(), log);
        MonitorPass.Steps steps = pass.start(MonitorPassTest.SELF);

        assertEquals(MonitorPass.Phase.SNAPSHOT, steps.phase());
        steps.step();
        steps.step();
        assertFalse(steps.shortcut());
        assertTrue(pass.idleMemory().isPresent());
    }
}
