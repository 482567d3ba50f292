package dev.azevents.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PullLockTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    final PullLock lock = new PullLock(Duration.ofSeconds(60));

    @Test
    void noLeaseIsTakenForTheLeaseLength() {
        assertEquals(new PullLock.LeaseStep.Take(new PullLease("node1", NOW.plusSeconds(60))),
                lock.next(Optional.empty(), NOW, "node1", NOW));
    }

    @Test
    void validLeaseOfAnotherNodeMeansWait() {
        PullLease held = new PullLease("node2", NOW.plusSeconds(1));
        assertEquals(new PullLock.LeaseStep.Wait(held, "pull lease held by node2 until "
                + held.expiry() + " (its clock); broken at " + NOW.plusSeconds(60)
                + " (this node's clock) if still unchanged"),
                lock.next(Optional.of(held), NOW, "node1", NOW));
    }

    @Test
    void aLeaseSeenUnchangedForTheLeaseLengthIsBrokenExactlyAsRead() {
        PullLease stale = new PullLease("node2", NOW);
        Instant firstSeen = NOW.minusSeconds(60);
        PullLock.LeaseStep step = lock.next(Optional.of(stale), firstSeen, "node1", NOW);
        assertEquals(new PullLock.LeaseStep.BreakStale(stale,
                new PullLease("node1", NOW.plusSeconds(60)), "lease of node2 unchanged since "
                        + firstSeen + " (this node's clock), 60 s; its pass died"), step);
    }

    @Test
    void anExpiryInThePastOnTheHoldersClockIsNotEnoughToBreak() {
        // node2's clock is 10 minutes behind ours: its fresh lease "expired" by our clock.
        PullLease fresh = new PullLease("node2", NOW.minusSeconds(600).plusSeconds(60));
        assertEquals(PullLock.LeaseStep.Wait.class,
                lock.next(Optional.of(fresh), NOW, "node1", NOW).getClass());
        assertEquals(PullLock.LeaseStep.Wait.class,
                lock.next(Optional.of(fresh), NOW, "node1", NOW.plusSeconds(59)).getClass());
        assertEquals(PullLock.LeaseStep.BreakStale.class,
                lock.next(Optional.of(fresh), NOW, "node1", NOW.plusSeconds(60)).getClass());
    }

    @Test
    void aLeaseThatChangedIsSeenAnew() {
        PullLease first = new PullLease("node2", NOW.plusSeconds(60));
        PullLease second = new PullLease("node3", NOW.plusSeconds(90));
        Optional<LeaseSighting> seen = LeaseSighting.observe(Optional.empty(),
                Optional.of(first), NOW);
        seen = LeaseSighting.observe(seen, Optional.of(first), NOW.plusSeconds(30));
        assertEquals(NOW, seen.orElseThrow().firstSeen(), "unchanged: the first sighting");
        seen = LeaseSighting.observe(seen, Optional.of(second), NOW.plusSeconds(40));
        assertEquals(new LeaseSighting(second, NOW.plusSeconds(40)), seen.orElseThrow());
        assertEquals(Optional.empty(), LeaseSighting.observe(seen, Optional.empty(), NOW));
    }

    @Test
    void ownLeaseFromAnEarlierPassIsBrokenAtOnce() {
        PullLease mine = new PullLease("node1", NOW.plusSeconds(30));
        assertEquals(PullLock.LeaseStep.BreakStale.class,
                lock.next(Optional.of(mine), NOW, "node1", NOW).getClass());
    }
}
