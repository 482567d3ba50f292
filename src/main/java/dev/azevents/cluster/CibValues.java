package dev.azevents.cluster;

import dev.azevents.engine.Action;
import dev.azevents.engine.Strategy;
import java.util.List;
import java.util.Optional;

/**
 * Whether Pacemaker can store every value of a plan faithfully, asked before anything is written
 * (the same rule {@link PacemakerCluster#apply} enforces). The monitor pass asks it before taking
 * the lease: a plan that would be refused (an event id with a comma or a control character) must
 * not cost a lease taken and released, two CIB changes, every 10 seconds.
 */
public final class CibValues {

    private CibValues() {
    }

    /** Why the CIB actions of this plan would be refused, or empty when they can be written. */
    public static Optional<String> refusal(Strategy strategy, List<Action> actions) {
        CibResult<?> writes = CibUpdate.writes(strategy, actions);
        if (writes instanceof CibResult.Failed<?> f) {
            return Optional.of(f.describe());
        }
        return Optional.empty();
    }
}
