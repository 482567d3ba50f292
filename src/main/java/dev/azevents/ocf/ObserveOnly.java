package dev.azevents.ocf;

/**
 * The {@code observe_only} wiring: the real edges behind {@link ObservingCluster} and
 * {@link ObservingImds}, everything else unchanged (engine, clock), so the decisions are the
 * acting agent's own.
 *
 * <p>The cluster factory takes no log; its lines go to the log the IMDS factory is given. Both
 * are built by the one action of this process, the IMDS client first ({@link Monitor}); a line
 * logged before that (there is none: the cluster writes only after IMDS was read) would go to
 * standard error rather than be lost.
 */
final class ObserveOnly {

    private AgentLog log = (level, message) -> System.err.println(level + ": " + message);

    private ObserveOnly() {
    }

    static Wiring wrap(Wiring real) {
        ObserveOnly observer = new ObserveOnly();
        return new Wiring(
                (parameters, log) -> {
                    observer.log = log;
                    return new ObservingImds(real.imds().apply(parameters, log), log::info);
                },
                () -> new ObservingCluster(real.cluster().get(), m -> observer.log.info(m)),
                real.configuration(), real.decider(), real.clock(), real.sleeper());
    }
}
