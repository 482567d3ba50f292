package dev.azevents.sim;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** The faults queued on one VM's endpoint, and how much of each is used up. */
final class VmFaults {

    /** Most faults queued on one VM at once. */
    static final int MAX_QUEUED = 64;

    private final Clock clock;
    private final List<Queued> queued = new ArrayList<>();

    /** A fault and what is left of it: requests for a counted one, an end for a timed one. */
    private static final class Queued {
        final FaultSpec spec;
        int requestsLeft;
        final Instant until;

        Queued(FaultSpec spec, int requestsLeft, Instant until) {
            this.spec = spec;
            this.requestsLeft = requestsLeft;
            this.until = until;
        }
    }

    VmFaults(Clock clock) {
        this.clock = clock;
    }

    /** Queues a fault; false when the queue is full. */
    synchronized boolean add(FaultSpec f) {
        if (queued.size() >= MAX_QUEUED) {
            return false;
        }
        Instant now = clock.instant();
        queued.add(switch (f.kind()) {
            case STATUS -> f instanceof FaultSpec.FailRequests r
                    ? new Queued(f, r.count(), Instant.MAX)
                    : new Queued(f, Integer.MAX_VALUE,
                            now.plus(((FaultSpec.FailFor) f).duration()));
            case SLOW_FIRST_CALL -> new Queued(f, 1, Instant.MAX);
            case DELAY, HANG, MALFORMED, TRUNCATED, HUGE, INCARNATION_RESET ->
                    new Queued(f, Integer.MAX_VALUE, Instant.MAX);
        });
        return true;
    }

    synchronized void clear() {
        queued.clear();
    }

    /** The fault that applies to the request arriving now, used up by it; empty if none. */
    synchronized Optional<FaultSpec> take() {
        Instant now = clock.instant();
        Iterator<Queued> it = queued.iterator();
        while (it.hasNext()) {
            Queued q = it.next();
            if (!now.isBefore(q.until) || q.requestsLeft <= 0) {
                it.remove();
                continue;
            }
            if (q.requestsLeft != Integer.MAX_VALUE) {
                q.requestsLeft--;
            }
            return Optional.of(q.spec);
        }
        return Optional.empty();
    }

    /** The faults still in force, in the order they apply. */
    synchronized List<FaultSpec> list() {
        Instant now = clock.instant();
        List<FaultSpec> l = new ArrayList<>();
        for (Queued q : queued) {
            if (now.isBefore(q.until) && q.requestsLeft > 0) {
                l.add(q.spec);
            }
        }
        return l;
    }
}
