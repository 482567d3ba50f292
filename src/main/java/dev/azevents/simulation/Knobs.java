package dev.azevents.simulation;

import dev.azevents.engine.EventScope;
import dev.azevents.engine.Policy;
import dev.azevents.engine.Strategy;
import dev.azevents.imds.EventType;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Everything about a run that is drawn from its seed, printed with it (swarm testing: the fault
 * mix itself varies from run to run).
 *
 * @param nodes           cluster size
 * @param resources       primitive resources to keep running
 * @param scope           which VMs' events each VM sees
 * @param healthTransient {@code #health-azure} lost on reboot (else permanent, as the original)
 * @param crashPercent    chance that a pass is killed instead of taking its next step
 * @param imdsFailPercent chance that an IMDS call fails
 * @param eventPermille   chance per tick that Azure announces an event
 * @param adminPermille   chance per tick that an administrator toggles a standby
 * @param steps           steps of the safety phase
 * @param leadTime        the drain lead-time policy, if set
 * @param freezeIgnoreBelow Freezes known to be shorter than this are left alone
 * @param eventTypes      the {@code eventTypes} parameter
 * @param race            both nodes get an event in the first tick, no other fault
 */
public record Knobs(int nodes, int resources, EventScope scope, boolean healthTransient,
        int crashPercent, int imdsFailPercent, int eventPermille, int adminPermille, int steps,
        Optional<Duration> leadTime, Duration freezeIgnoreBelow, Set<EventType> eventTypes,
        boolean race) {

    /** Lease length in the simulation: short, so that stale leases happen and get broken. */
    public static final Duration LEASE = Duration.ofSeconds(15);
    static final int MIN_STEPS = 300;
    /** Simulated events last 5 to 35 s: about half the Freezes fall under this threshold. */
    static final int FREEZE_THRESHOLD_SECONDS = 20;
    static final int MAX_EXTRA_STEPS = 400;

    public Knobs {
        eventTypes = Set.copyOf(eventTypes);
    }

    /** A random mix of everything. */
    public static Knobs swarm(Random r, Strategy strategy) {
        // The standby strategy needs every VM to see every event (DESIGN.md section 4).
        EventScope scope = strategy == Strategy.STANDBY || r.nextBoolean() ? EventScope.EVERY_VM
                : EventScope.UNKNOWN;
        Set<EventType> types = r.nextInt(3) == 0 ? EnumSet.allOf(EventType.class)
                : Policy.DEFAULT_EVENT_TYPES;
        Optional<Duration> lead = r.nextInt(4) == 0 ? Optional.of(Duration.ofSeconds(60))
                : Optional.empty();
        return new Knobs(2 + r.nextInt(3), 1 + r.nextInt(4), scope, r.nextBoolean(),
                r.nextInt(4) == 0 ? 0 : r.nextInt(12), r.nextInt(4) == 0 ? 0 : r.nextInt(25),
                5 + r.nextInt(40), r.nextInt(3) == 0 ? 0 : r.nextInt(8),
                MIN_STEPS + r.nextInt(MAX_EXTRA_STEPS), lead,
                Duration.ofSeconds(r.nextBoolean() ? 0 : FREEZE_THRESHOLD_SECONDS), types, false);
    }

    /** Two nodes, one event each at once, no faults: the originals' whole-cluster drain race. */
    public static Knobs race(Random r, Strategy strategy) {
        return new Knobs(2, 2, EventScope.EVERY_VM, false, 0, 0, 0, 0, 60, Optional.empty(),
                Duration.ZERO, Policy.DEFAULT_EVENT_TYPES, true);
    }

    public Policy policy(Strategy strategy) {
        return new Policy(strategy, eventTypes, leadTime, freezeIgnoreBelow, LEASE, scope);
    }
}
