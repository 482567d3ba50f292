package dev.azevents.ocf;

import dev.azevents.engine.EventScope;
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

    /**
     * The part of the parameters that the decision engine reads. Peers' events: the standby
     * strategy requires every VM to see every VM's events (an availability set; validate-all
     * says so), as {@code azure-events} always assumed; the health strategy is the one for zones
     * and single VMs, where a VM sees only its own, so it never assumes it (ClusterLabs #1986).
     */
    public Policy policy() {
        EventScope scope = switch (strategy) {
            case STANDBY -> EventScope.EVERY_VM;
            case HEALTH -> EventScope.UNKNOWN;
        };
        return new Policy(strategy, eventTypes, drainLeadTime, freezeIgnoreBelow, leaseLength,
                scope);
    }

    /** The same parameters with no IMDS retry (one attempt), for checks with a short timeout. */
    public AgentParameters withoutRetries() {
        return new AgentParameters(strategy, eventTypes, verbose, 0, retryWait, requestTimeout,
                imdsUrl, leaseLength, drainLeadTime, freezeIgnoreBelow, outagePasses);
    }
}
