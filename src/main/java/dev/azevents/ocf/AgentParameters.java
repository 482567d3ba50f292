package dev.azevents.ocf;

import dev.azevents.engine.Policy;
import dev.azevents.engine.Strategy;
import dev.azevents.imds.EventType;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The agent's parameters after validation ({@link ParameterValidator}); every value is in range.
 *
 * @param outagePasses consecutive failed passes that make a sustained IMDS outage
 */
public record AgentParameters(
        Strategy strategy,
        Set<EventType> eventTypes,
        boolean verbose,
        int retryCount,
        Duration retryWait,
        Duration requestTimeout,
        URI imdsUrl,
        Duration leaseLength,
        Optional<Duration> drainLeadTime,
        Duration freezeIgnoreBelow,
        int outagePasses) {

    public AgentParameters {
        eventTypes = Set.copyOf(eventTypes);
    }

    /** The part of the parameters that the decision engine reads. */
    public Policy policy() {
        return new Policy(strategy, eventTypes, drainLeadTime, freezeIgnoreBelow, leaseLength);
    }
}
