package dev.azevents.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * IMDS's limit of about 5 requests per second per VM (IMDS documentation, "Rate limiting"):
 * a sliding one-second window on the injected clock. Refused requests do not count (whether
 * Azure counts them is unconfirmed), so a client that backs off gets in again.
 */
final class RateLimit {

    static final Duration WINDOW = Duration.ofSeconds(1);

    private final Clock clock;
    private final Deque<Instant> recent = new ArrayDeque<>();

    RateLimit(Clock clock) {
        this.clock = clock;
    }

    /** Counts a request; false when it is over {@code perSecond} (0 = no limit). */
    synchronized boolean admit(int perSecond) {
        if (perSecond == 0) {
            return true;
        }
        Instant now = clock.instant();
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(now.minus(WINDOW))) {
            recent.removeFirst();
        }
        if (recent.size() >= perSecond) {
            return false;
        }
        recent.addLast(now);
        return true;
    }
}
