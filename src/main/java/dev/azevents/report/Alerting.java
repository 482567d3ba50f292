package dev.azevents.report;

import dev.azevents.cluster.ToolRunner;
import dev.azevents.ocf.Wiring;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code status_attribute}: the wiring with {@link AlertingCluster} around the cluster port.
 * Loaded only when the parameter is true.
 */
public final class Alerting {

    private Alerting() {
    }

    public static Wiring wrap(Wiring inner, ToolRunner tools) {
        // One pass per process: the cluster is built first, then the IMDS client for the
        // parameters, which tells the cluster decorator the strategy.
        List<AlertingCluster> built = new ArrayList<>(1);
        return new Wiring(
                (parameters, log) -> {
                    built.forEach(c -> c.strategy(parameters.strategy()));
                    return inner.imds().apply(parameters, log);
                },
                () -> {
                    AlertingCluster c = new AlertingCluster(inner.cluster().get(), tools);
                    built.add(c);
                    return c;
                },
                inner.configuration(), inner.decider(), inner.clock(), inner.sleeper());
    }
}
