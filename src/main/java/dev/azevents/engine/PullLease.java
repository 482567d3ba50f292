package dev.azevents.engine;

import java.time.Instant;

/**
 * The pull lock as a lease: who holds it and until when. Stored as one value so that a stale
 * lease can be broken by a compare-and-delete of exactly what was read.
 */
public record PullLease(String holder, Instant expiry) {

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiry);
    }
}
