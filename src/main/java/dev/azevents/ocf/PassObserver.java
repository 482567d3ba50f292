package dev.azevents.ocf;

/**
 * Told how each monitor pass ended, after the exit code is chosen: the hook of the reporting
 * decorators (metrics, alert attributes) that watched the pass through the cluster and IMDS
 * ports. Implemented by the cluster port's decorator so that {@link Monitor} needs no new
 * parameter; a decorator forwards to the one it wraps.
 */
public interface PassObserver {

    /**
     * @param outageBefore a sustained IMDS outage was reported before this pass
     * @param outageNow    it is reported now (false again once IMDS answers)
     */
    void passEnded(PassResult result, boolean outageBefore, boolean outageNow, AgentLog log);

    /** Forwards to {@code inner} when it observes passes too. */
    static void forward(Object inner, PassResult result, boolean outageBefore,
            boolean outageNow, AgentLog log) {
        if (inner instanceof PassObserver observer) {
            observer.passEnded(result, outageBefore, outageNow, log);
        }
    }
}
