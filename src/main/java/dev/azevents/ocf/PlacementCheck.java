package dev.azevents.ocf;

import dev.azevents.engine.EventScope;
import dev.azevents.engine.Strategy;
import dev.azevents.imds.ImdsResult;
import dev.azevents.imds.InstanceCompute;
import java.util.Optional;

/**
 * Whether the chosen strategy can be safe where this VM is placed (issue 10, item 3). The standby
 * strategy needs every VM to see every VM's events: a node in standby has no clone running, so a
 * peer must see its events end to let it out. In an availability zone each VM sees only its own,
 * so a peer reads a draining node's event as finished and puts it back online while Azure still
 * lists it, again and again (ClusterLabs #1986). There {@code validate-all} and {@code start}
 * refuse, pointing to {@code azure-events-az}.
 */
final class PlacementCheck {

    private PlacementCheck() {
    }

    /** Why this strategy cannot run on this VM, or empty when it can (or placement is unknown). */
    static Optional<String> problem(Strategy strategy, ImdsResult<InstanceCompute> instance,
            AgentLog log) {
        if (strategy != Strategy.STANDBY) {
            return Optional.empty();
        }
        if (instance instanceof ImdsResult.Failed<InstanceCompute> f) {
            // The monitor reports IMDS trouble itself; a start must not fail on a transient one.
            log.warn("placement not checked (instance metadata unavailable): "
                    + f.failure().describe());
            return Optional.empty();
        }
        InstanceCompute vm = ((ImdsResult.Ok<InstanceCompute>) instance).value();
        EventScope scope = EventScope.forPlacement(vm.zone(), vm.vmScaleSetName());
        return switch (scope) {
            case OWN_VM -> Optional.of("VM " + AgentLog.oneLine(vm.name())
                    + " is in availability zone " + AgentLog.oneLine(vm.zone()) + ", where each"
                    + " VM sees only its own scheduled events: the standby strategy of"
                    + " azure-events cannot tell when a drained node's maintenance is over and"
                    + " would put it back online too early (ClusterLabs #1986); use"
                    + " azure-events-az (the health strategy) on this cluster");
            case EVERY_VM, UNKNOWN -> Optional.empty();
        };
    }
}
