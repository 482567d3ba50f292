package dev.azevents.ocf;

import dev.azevents.engine.ClusterSnapshot;
import dev.azevents.engine.NodeIdentity;
import dev.azevents.engine.Plan;
import dev.azevents.engine.Policy;
import dev.azevents.imds.EventsDocument;
import java.time.Instant;

/** The decision function as the pass calls it: the engine in production, a script in tests. */
@FunctionalInterface
public interface Decider {

    Plan decide(ClusterSnapshot snapshot, EventsDocument document, NodeIdentity self,
            Policy policy, Instant now);
}
