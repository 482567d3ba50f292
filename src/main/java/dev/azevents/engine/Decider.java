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
}
