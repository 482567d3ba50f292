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
                lock.next(Optional.empty(), "node1", NOW));
    }

    @Test
    void validLeaseOfAnotherNodeMeansWait() {
        PullLease held = new PullLease("node2", NOW.plusSeconds(1));
        assertEquals(new PullLock.LeaseStep.Wait(held, "pull lease held by node2 until "
                + held.expiry()), lock.next(Optional.of(held), "node1", NOW));
    }

    @Test
    void expiredLeaseIsBrokenExactlyAsRead() {
        PullLease stale = new PullLease("node2", NOW);
        PullLock.LeaseStep step = lock.next(Optional.of(stale), "node1", NOW);
        assertEquals(new PullLock.LeaseStep.BreakStale(stale,
                new PullLease("node1", NOW.plusSeconds(60)), "lease of node2 expired at "
                        + NOW + "; its pass died"), step);
    }

    @Test
    void ownLeaseFromAnEarlierPassIsBrokenAtOnce() {
        PullLease mine = new PullLease("node1", NOW.plusSeconds(30));
        assertEquals(PullLock.LeaseStep.BreakStale.class,
                lock.next(Optional.of(mine), "node1", NOW).getClass());
    }
}
