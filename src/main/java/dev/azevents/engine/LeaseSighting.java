package dev.azevents.engine;

import java.time.Instant;
import java.util.Optional;

/**
 * When this node first saw a lease, exactly as recorded (holder and expiry), on its own clock.
 * A lease is broken only when it has stayed unchanged for {@code lease_length} by that clock
 * ({@link PullLock}): the expiry recorded in the lease was computed on the holder's clock.
 */
public record LeaseSighting(PullLease lease, Instant firstSeen) {

    /** What to remember after reading {@code now} at {@code at}: the older sighting if same. */
    public static Optional<LeaseSighting> observe(Optional<LeaseSighting> before,
            Optional<PullLease> now, Instant at) {
        if (now.isEmpty()) {
            return Optional.empty();
        }
        if (before.isPresent() && before.get().lease().equals(now.get())
                && !before.get().firstSeen().isAfter(at)) {
            return before;
        }
        return Optional.of(new LeaseSighting(now.get(), at));
    }
}
