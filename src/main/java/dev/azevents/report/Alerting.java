package dev.azevents.report;

import dev.azevents.cluster.ToolRunner;
import dev.azevents.ocf.Wiring;

/**
 * {@code status_attribute}: the wiring with {@link AlertingCluster} around the cluster port.
 * Loaded only when the parameter is true.
 */
public final class Alerting {

    private Alerting() {
    }

    public static Wiring wrap(Wiring inner, ToolRunner tools) {
        return new Wiring(inner.imds(),
                () -> new AlertingCluster(inner.cluster().get(), tools),
                inner.configuration(), inner.decider(), inner.clock(), inner.sleeper());
    }
}
