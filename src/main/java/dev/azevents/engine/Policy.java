package dev.azevents.engine;

import dev.azevents.imds.EventType;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The agent's parameters that shape decisions. Defaults behave as the Python originals.
 *
 * @param strategy              standby or health
 * @param eventTypes            relevant types ({@code eventTypes}, default Reboot,Redeploy)
 * @param drainLeadTime         drain only once {@code NotBefore} is this close; empty = at once
 * @param freezeIgnoreBelow     leave a Freeze alone when its {@code DurationInSeconds} is known
 *                              and below this; zero = drain for every relevant Freeze
 * @param leaseLength           how long a pull lease is valid
 * @param peerEvents            whether this VM sees other VMs' events (see {@link EventScope});
 *                              the 5-argument constructor assumes {@link EventScope#EVERY_VM}, as
 *                              the originals do
 */
public record Policy(
        Strategy strategy,
        Set<EventType> eventTypes,
        Optional<Duration> drainLeadTime,
        Duration freezeIgnoreBelow,
        Duration leaseLength,
        EventScope peerEvents) {

    public static final Set<EventType> DEFAULT_EVENT_TYPES = Set.of(EventType.REBOOT,
            EventType.REDEPLOY);
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(60);

    public Policy {
        eventTypes = Set.copyOf(eventTypes);
    }

    /** The original five parameters; peers' events assumed visible, as the originals assume. */
    public Policy(Strategy strategy, Set<EventType> eventTypes, Optional<Duration> drainLeadTime,
            Duration freezeIgnoreBelow, Duration leaseLength) {
        this(strategy, eventTypes, drainLeadTime, freezeIgnoreBelow, leaseLength,
                EventScope.EVERY_VM);
    }

    public static Policy defaults(Strategy strategy) {
        return new Policy(strategy, DEFAULT_EVENT_TYPES, Optional.empty(), Duration.ZERO,
                DEFAULT_LEASE);
    }
}
