package dev.azevents.simulation;

import dev.azevents.engine.EventScope;
import dev.azevents.engine.Policy;
import dev.azevents.engine.Strategy;
import dev.azevents.imds.EventType;
import java.time.Duration;
import java.util.Collections;
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
 * @param scope           which VMs' events each VM sees (EVERY_VM: an availability set; UNKNOWN:
 *                        zones and standalone VMs, each its own)
 * @param healthTransient {@code #health-azure} lost on reboot (else permanent, as the original)
 * @param faults          the fault kinds on in this run
 * @param crashPercent    chance that a pass is killed instead of taking its next step
 * @param imdsFailPercent chance that an IMDS call fails
 * @param eventPermille   chance per tick that Azure announces an event
 * @param adminPermille   chance per tick that an administrator acts (each admin fault kind)
 * @param steps           steps of the safety phase
 * @param leadTime        the drain lead-time policy, if set
 * @param freezeIgnoreBelow Freezes known to be shorter than this are left alone
 * @param eventTypes      the {@code eventTypes} parameter
 * @param maxSkewSeconds  each node's clock is off true time by up to this much, either way
 * @param race            both nodes get an event in the first tick, no other fault
 */
public record Knobs(int nodes, int resources, EventScope scope, boolean healthTransient,
        Set<Fault> faults, int crashPercent, int imdsFailPercent, int eventPermille,
        int adminPermille, int steps, Optional<Duration> leadTime, Duration freezeIgnoreBelow,
        Set<EventType> eventTypes, int maxSkewSeconds, boolean race) {

    /** Lease length in the simulation: short, so that stale leases happen and get broken. */
    public static final Duration LEASE = Duration.ofSeconds(15);
    static final int MIN_STEPS = 300;
    /** Simulated events last 5 to 35 s: about half the Freezes fall under this threshold. */
    static final int FREEZE_THRESHOLD_SECONDS = 20;
    static final int MAX_EXTRA_STEPS = 400;
    /** "A few minutes" of clock skew (issue 9): NTP-less VMs drift that far. */
    static final int MAX_SKEW_SECONDS = 180;

    public Knobs {
        faults = Collections.unmodifiableSet(EnumSet.copyOf(faults.isEmpty()
                ? EnumSet.noneOf(Fault.class) : faults));
        eventTypes = Set.copyOf(eventTypes);
    }

    /** The default swarm's candidates: every kind whose defects are fixed. */
    public static Set<Fault> defaultCandidates() {
        Set<Fault> all = EnumSet.noneOf(Fault.class);
        for (Fault f : Fault.values()) {
            if (f.swarm()) {
                all.add(f);
            }
        }
        return all;
    }

    /** A random mix of {@code candidates}, each on or off. */
    public static Knobs swarm(Random r, Strategy strategy, Set<Fault> candidates) {
        Set<Fault> on = EnumSet.noneOf(Fault.class);
        for (Fault f : Fault.values()) {
            // Drawn for every kind, candidate or not, so the candidates do not shift the rest.
            if (r.nextBoolean() && candidates.contains(f)) {
                on.add(f);
            }
        }
        // The standby strategy needs every VM to see every event (DESIGN.md section 4): it
        // refuses zones (PlacementCheck), so own-events-only is drawn for it only with --fault.
        // The health strategy must work in both placements: half its runs draw it, whatever
        // the candidates (a draw of its own, so that no health seed changed when it was named
        // in the knobs), and the knobs then list it.
        boolean own = strategy == Strategy.STANDBY ? on.contains(Fault.OWN_EVENTS_ONLY)
                : r.nextBoolean() || on.contains(Fault.OWN_EVENTS_ONLY);
        if (own) {
            on.add(Fault.OWN_EVENTS_ONLY);
        }
        EventScope scope = own ? EventScope.UNKNOWN : EventScope.EVERY_VM;
        Set<EventType> types = r.nextInt(3) == 0 ? EnumSet.allOf(EventType.class)
                : Policy.DEFAULT_EVENT_TYPES;
        Optional<Duration> lead = r.nextInt(4) == 0 ? Optional.of(Duration.ofSeconds(60))
                : Optional.empty();
        return new Knobs(2 + r.nextInt(3), 1 + r.nextInt(4), scope, r.nextBoolean(), on,
                on.contains(Fault.CRASH) ? 1 + r.nextInt(11) : 0,
                on.contains(Fault.IMDS_OUTAGE) ? 1 + r.nextInt(24) : 0,
                5 + r.nextInt(40), 1 + r.nextInt(8),
                MIN_STEPS + r.nextInt(MAX_EXTRA_STEPS), lead,
                Duration.ofSeconds(r.nextBoolean() ? 0 : FREEZE_THRESHOLD_SECONDS), types,
                on.contains(Fault.CLOCK_SKEW) ? 1 + r.nextInt(MAX_SKEW_SECONDS) : 0, false);
    }

    /** Two nodes, one event each at once, no faults: the originals' whole-cluster drain race. */
    public static Knobs race(Random r, Strategy strategy, Set<Fault> candidates) {
        return new Knobs(2, 2, EventScope.EVERY_VM, false, Set.of(), 0, 0, 0, 0, 60,
                Optional.empty(), Duration.ZERO, Policy.DEFAULT_EVENT_TYPES, 0, true);
    }

    /** A scripted scenario: nothing random happens but the passes' interleaving. */
    public static Knobs scripted(int nodes, int resources, EventScope scope, Set<Fault> faults) {
        return new Knobs(nodes, resources, scope, false, faults, 0, 0, 0, 0, 0, Optional.empty(),
                Duration.ZERO, EnumSet.allOf(EventType.class), 0, false);
    }

    Knobs withSteps(int value) {
        return new Knobs(nodes, resources, scope, healthTransient, faults, crashPercent,
                imdsFailPercent, eventPermille, adminPermille, value, leadTime, freezeIgnoreBelow,
                eventTypes, maxSkewSeconds, race);
    }

    public boolean on(Fault fault) {
        return faults.contains(fault);
    }
}
