package dev.azevents.engine;

import dev.azevents.imds.EventsDocument;
import java.time.Instant;

/**
 * The decision function as the pass calls it: {@link Engine} in production, the simulation and
 * the demo; a script or a deliberately broken engine (a mutant) in tests.
 */
@FunctionalInterface
public interface Decider {

    Plan decide(ClusterSnapshot snapshot, EventsDocument document, NodeIdentity self,
            Policy policy, Instant now);

    /**
     * The same, knowing since when this node's reads miss the recorded events (the pass keeps
     * that in the state file). A decider that keeps no such rule (a script in a test) ignores
     * it; {@link Engine} counts a recorded event as over only once the absences confirm it.
     */
    default Plan decide(ClusterSnapshot snapshot, EventsDocument document, NodeIdentity self,
            Policy policy, Instant now, EventAbsences absences) {
        return decide(snapshot, document, self, policy, now);
    }
}
