package dev.azevents.ocf;

import dev.azevents.cluster.CibResult;
import dev.azevents.cluster.Cluster;
import dev.azevents.cluster.ClusterConfiguration;
import dev.azevents.engine.Decider;
import dev.azevents.imds.Imds;
import java.time.Clock;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The agent's edges: IMDS, Pacemaker, the engine, the clock. {@link AgentMain} builds the real
 * ones; tests pass the simulator, CIB files or fakes. Factories, so that an action that needs no
 * edge (meta-data, stop) loads none of their classes.
 *
 * @param imds          the IMDS client for these parameters, logging its retries to the log
 * @param configuration one read of the CIB configuration, for validate-all and start
 */
public record Wiring(
        BiFunction<AgentParameters, AgentLog, Imds> imds,
        Supplier<Cluster> cluster,
        Supplier<CibResult<ClusterConfiguration>> configuration,
        Decider decider,
        Clock clock,
        Sleeper sleeper) {
}
