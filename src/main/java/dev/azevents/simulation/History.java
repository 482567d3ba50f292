package dev.azevents.simulation;

import dev.azevents.engine.Action;
import dev.azevents.engine.PullLease;
import java.util.List;

/**
 * Every change to the simulated CIB as it happens (the oracle listens, on true time): lease
 * records created and deleted, and each plan's one atomic update with the cluster before and
 * after it.
 */
interface History {

    /** Nobody listens (copies of the cluster, the original protocol's model). */
    History NONE = new History() {
    };

    default void leaseCreated(String by, PullLease lease) {
    }

    default void leaseDeleted(String by, PullLease lease) {
    }

    /** Whether {@link #wrote} needs the cluster as it was before (a copy per write). */
    default boolean wantsBefore() {
        return false;
    }

    /** @param before the cluster before the update when {@link #wantsBefore}, else null */
    default void wrote(String by, List<Action> actions, SimCluster before, SimCluster after) {
    }
}
