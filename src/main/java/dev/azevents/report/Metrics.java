package dev.azevents.report;

import dev.azevents.ocf.Wiring;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code metrics_file}: the wiring with the metrics decorators around the cluster and IMDS
 * ports. They sit outside the observe-only decorators, so an observing agent reports the drains
 * and approvals it would make. Only loaded when the parameter is set: the idle pass without it
 * loads none of this package.
 */
public final class Metrics {

    private Metrics() {
    }

    public static Wiring wrap(Wiring inner, Path file) {
        // One pass per process: the wiring's one set of facts, shared by both decorators.
        PassFacts facts = new PassFacts(System.nanoTime());
        return new Wiring(
                (parameters, log) -> {
                    facts.strategy = Optional.of(parameters.strategy());
                    return new MetricsImds(inner.imds().apply(parameters, log), facts);
                },
                () -> new MetricsCluster(inner.cluster().get(), facts, file, inner.clock()),
                inner.configuration(), inner.decider(), inner.clock(), inner.sleeper());
    }
}
