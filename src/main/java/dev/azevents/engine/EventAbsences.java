package dev.azevents.engine;

import dev.azevents.imds.EventsDocument;
import dev.azevents.imds.ScheduledEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Since when this node's own reads have missed each event id the CIB records (every node's
 * pending and overridden ids), on this node's clock. A recorded event counts as ended only once
 * it has been missing from reads at least {@code confirmation} apart: one VM's document briefly
 * empty, or briefly missing an event, must not end a drain while Azure still lists the event
 * (the simulation's DOCUMENT_EMPTY: a peer let a node out of standby that was about to reboot).
 *
 * <p>Kept in the state file of the node that decides, not in the CIB: remembering costs no CIB
 * change, and whichever node decides next (with the standby strategy any peer, with the health
 * strategy the drained node itself) needs two reads of its own anyway. A reboot of the deciding
 * node empties its state file: its first read after the reboot starts the count again, so the
 * node it would let out comes back one confirmation later, never earlier.
 *
 * @param missingSince recorded ids missing from this node's last read, each with the time of the
 *                     first read in a row that missed it
 * @param confirmation how long an id must stay missing before it counts as ended; zero counts
 *                     one read as enough (the engine's unit tests, the status preview)
 */
public record EventAbsences(Map<String, Instant> missingSince, Duration confirmation) {

    /**
     * The default monitor interval of the agents (and of the Python originals), used when the
     * agent is not told its own ({@code OCF_RESKEY_CRM_meta_interval}): the pass after the one
     * that first missed an event lets the node out, one interval later at most.
     */
    public static final Duration CONFIRMATION = Duration.ofSeconds(10);
    /** One read is enough: the engine decides on the document alone. */
    public static final EventAbsences ONE_READ = new EventAbsences(Map.of(), Duration.ZERO);

    public EventAbsences {
        // Sorted: the state file writes it in this order, and no hash order leaks anywhere.
        missingSince = Collections.unmodifiableMap(new TreeMap<>(missingSince));
    }

    /** Nothing seen missing yet, counting with {@code confirmation}. */
    public static EventAbsences none(Duration confirmation) {
        return new EventAbsences(Map.of(), confirmation);
    }

    /** The same memory, counting with {@code value} (this monitor's interval). */
    public EventAbsences withConfirmation(Duration value) {
        return new EventAbsences(missingSince, value);
    }

    /**
     * What this node remembers after reading {@code document} at {@code now}: every recorded id
     * it does not list, since the first read that missed it (kept from {@code before}, unless
     * that time is later than {@code now}: a clock set back starts the count again). An id
     * listed again, or no longer recorded, is forgotten.
     */
    public EventAbsences observe(ClusterSnapshot snapshot, EventsDocument document,
            Instant now) {
        Set<String> listed = document.events().stream().map(ScheduledEvent::eventId)
                .collect(Collectors.toSet());
        Map<String, Instant> out = new TreeMap<>();
        for (ClusterNode n : snapshot.nodes()) {
            NodeRecord r = n.record();
            for (String id : Engine.union(r.pendingEventIds(), r.overriddenEventIds())) {
                if (!listed.contains(id)) {
                    Instant since = missingSince.get(id);
                    out.put(id, since == null || since.isAfter(now) ? now : since);
                }
            }
        }
        return new EventAbsences(out, confirmation);
    }

    /**
     * Whether a recorded id missing from the document now counts as ended: missing for at least
     * the confirmation. An id never seen missing before is seen missing for the first time now.
     */
    public boolean ended(String id, Instant now) {
        if (confirmation.isZero()) {
            return true;
        }
        Instant since = missingSince.get(id);
        return since != null && !since.isAfter(now) && !now.isBefore(since.plus(confirmation));
    }

    /** When a missing id counts as ended, or empty when it already does. */
    Optional<Instant> endsAt(String id, Instant now) {
        if (ended(id, now)) {
            return Optional.empty();
        }
        Instant since = missingSince.get(id);
        return Optional.of((since == null || since.isAfter(now) ? now : since)
                .plus(confirmation));
    }
}
