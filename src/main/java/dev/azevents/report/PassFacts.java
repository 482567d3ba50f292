package dev.azevents.report;

import dev.azevents.engine.ClusterSnapshot;
import dev.azevents.engine.Strategy;
import dev.azevents.imds.EventsDocument;
import java.util.Optional;

/**
 * What one monitor pass saw and did, gathered by the metrics decorators of the cluster and IMDS
 * ports as the pass calls them; the last snapshot and document win (the one under the lease).
 * Mutable, one per process: a pass is one process.
 */
final class PassFacts {

    /** Known once the IMDS client is built for the parameters (before any cluster call). */
    Optional<Strategy> strategy = Optional.empty();
    final long startedNanos;
    Optional<String> self = Optional.empty();
    Optional<ClusterSnapshot> snapshot = Optional.empty();
    Optional<EventsDocument> document = Optional.empty();
    /** CIB actions the pass wrote (or, observing only, would have written). */
    final java.util.List<dev.azevents.engine.Action> written = new java.util.ArrayList<>();
    int imdsErrors;
    int drains;
    int holds;
    int approvals;

    PassFacts(long startedNanos) {
        this.startedNanos = startedNanos;
    }
}
