package dev.azevents.ocf;

/**
 * Told how each monitor pass ended, after the exit code is chosen: the hook of reporting
 * decorators (metrics) that watched the pass through the cluster and IMDS ports. Implemented by
 * the cluster port's decorator so that {@link Monitor} needs no new parameter.
 */
public interface PassObserver {

    void passEnded(PassResult result, AgentLog log);
}
