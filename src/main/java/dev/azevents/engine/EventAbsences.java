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
 * @param freeSince    drained or held nodes this node's reads showed with nothing keeping them
 *                     out (no recorded id listed, no relevant event naming their VM), since the
 *                     first such read in a row: a node is let out only once free for the
 *                     confirmation, so an event seen before a briefly empty document keeps it
 *                     out even when nobody had recorded it yet
 * @param lastRead     when the document of the last {@link #observe} was read: an absence is
 *                     measured from read to read, never to the moment of deciding (a pass may
 *                     decide under the lease seconds after its GET)
 */
public record EventAbsences(Map<String, Instant> missingSince, Duration confirmation,
        Map<String, Instant> freeSince, Optional<Instant> lastRead) {

    /**
     * The default monitor interval of the agents (and of the Python originals), used when the
     * agent is not told its own ({@code OCF_RESKEY_CRM_meta_interval}): the pass after the one
     * that first missed an event lets the node out, one interval later at most.
     */
    public static final Duration CONFIRMATION = Duration.ofSeconds(10);
    /** One read is enough: the engine decides on the document alone. */
    public static final EventAbsences ONE_READ = new EventAbsences(Map.of(), Duration.ZERO);

    /** As the state file keeps it: no read observed yet in this pass. */
    public EventAbsences(Map<String, Instant> missingSince, Duration confirmation,
            Map<String, Instant> freeSince) {
        this(missingSince, confirmation, freeSince, Optional.empty());
    }

    public EventAbsences(Map<String, Instant> missingSince, Duration confirmation) {
        this(missingSince, confirmation, Map.of());
    }

    public EventAbsences {
        // Sorted: the state file writes it in this order, and no hash order leaks anywhere.
        missingSince = Collections.unmodifiableMap(new TreeMap<>(missingSince));
        freeSince = Collections.unmodifiableMap(new TreeMap<>(freeSince));
    }

    /** Nothing seen missing yet, counting with {@code confirmation}. */
    public static EventAbsences none(Duration confirmation) {
        return new EventAbsences(Map.of(), confirmation);
    }

    /** Some recorded event is missing, or some drained or held node looks free: counting. */
    public boolean counting() {
        return !missingSince.isEmpty() || !freeSince.isEmpty();
    }

    /** The same memory, counting with {@code value} (this monitor's interval). */
    public EventAbsences withConfirmation(Duration value) {
        return new EventAbsences(missingSince, value, freeSince, lastRead);
    }

    /**
     * What this node remembers after reading {@code document} at {@code now} (the time of the
     * GET): every recorded id it does not list, since the first read that missed it (kept from
     * before, unless that time is later than {@code now}: a clock set back starts the count
     * again). An id listed again, or no longer recorded, is forgotten.
     */
    public EventAbsences observe(ClusterSnapshot snapshot, EventsDocument document,
            NodeIdentity me, Policy policy, Instant now) {
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
        return new EventAbsences(out, confirmation, free(snapshot, document, me, policy, now),
                Optional.of(now));
    }

    /** Nodes not AVAILABLE that this read shows with nothing keeping them out, and since when. */
    private Map<String, Instant> free(ClusterSnapshot snapshot, EventsDocument document,
            NodeIdentity me, Policy policy, Instant now) {
        EventTriage read = new EventTriage(document, policy, now, me.azName(),
                Engine.nodeByAzName(snapshot, me), ONE_READ);
        Set<String> listed = read.listedIds();
        Map<String, Instant> out = new TreeMap<>();
        for (ClusterNode n : snapshot.nodes()) {
            boolean held = n.record().pendingEventIds().stream().anyMatch(listed::contains)
                    || !read.holding(n.name()).isEmpty();
            if (n.record().state() != NodeState.AVAILABLE && !held) {
                Instant since = freeSince.get(n.name());
                out.put(n.name(), since == null || since.isAfter(now) ? now : since);
            }
        }
        return out;
    }

    /**
     * Whether this node's reads have shown {@code node} with nothing keeping it out for the
     * confirmation: only then is its drain lifted.
     */
    boolean freeLongEnough(String node, Instant now) {
        if (confirmation.isZero()) {
            return true;
        }
        Instant read = lastRead.orElse(now);
        Instant since = freeSince.get(node);
        return since != null && !since.isAfter(read) && !read.isBefore(since.plus(confirmation));
    }

    /**
     * Whether a recorded id missing from the document counts as ended: missing from reads at
     * least the confirmation apart (the last observed read, else {@code now}). An id never seen
     * missing before is seen missing for the first time by this read.
     */
    public boolean ended(String id, Instant now) {
        if (confirmation.isZero()) {
            return true;
        }
        Instant read = lastRead.orElse(now);
        Instant since = missingSince.get(id);
        return since != null && !since.isAfter(read) && !read.isBefore(since.plus(confirmation));
    }

    /** When a missing id counts as ended, or empty when it already does. */
    Optional<Instant> endsAt(String id, Instant now) {
        if (ended(id, now)) {
            return Optional.empty();
        }
        Instant read = lastRead.orElse(now);
        Instant since = missingSince.get(id);
        return Optional.of((since == null || since.isAfter(read) ? read : since)
                .plus(confirmation));
    }
}
