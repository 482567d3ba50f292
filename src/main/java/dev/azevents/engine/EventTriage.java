package dev.azevents.engine;

import dev.azevents.imds.EventStatus;
import dev.azevents.imds.EventType;
import dev.azevents.imds.EventsDocument;
import dev.azevents.imds.ScheduledEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The events document read through the agent's parameters: which events matter, which of them
 * are this VM's, which may be acted on now, and which VMs they name. Values only.
 */
final class EventTriage {

    /** A GUID is 36 characters; room for other formats, not for a document-sized id. */
    static final int MAX_EVENT_ID_LENGTH = 128;

    private final EventsDocument document;
    private final Policy policy;
    private final Instant now;
    private final String azName;
    private final Map<String, String> nodeByAzName;
    private final EventAbsences absences;

    EventTriage(EventsDocument document, Policy policy, Instant now, String azName,
            Map<String, String> nodeByAzName, EventAbsences absences) {
        this.document = document;
        this.policy = policy;
        this.now = now;
        this.azName = azName;
        this.nodeByAzName = nodeByAzName;
        this.absences = absences;
    }

    /** Every id Azure lists now, whatever its type. */
    Set<String> listedIds() {
        Set<String> ids = new LinkedHashSet<>();
        document.events().forEach(e -> ids.add(e.eventId()));
        return ids;
    }

    /**
     * A recorded id still counts as listed while Azure lists it, and for one confirmation after
     * this node's reads started missing it ({@link EventAbsences}): only then is it finished.
     */
    boolean countsAsListed(String recordedId) {
        return listedIds().contains(recordedId) || !absences.ended(recordedId, now);
    }

    /** This node's reads have shown {@code node} free of events for the confirmation. */
    boolean freeLongEnough(String node) {
        return absences.freeLongEnough(node, now);
    }

    /** When a recorded id missing from the document counts as ended, if not yet. */
    Optional<Instant> endsAt(String recordedId) {
        return listedIds().contains(recordedId) ? Optional.empty()
                : absences.endsAt(recordedId, now);
    }

    /**
     * Of a type in {@code eventTypes}, not a Freeze short enough to be left alone, and with an id
     * the CIB can record.
     */
    boolean relevant(ScheduledEvent event) {
        return ofRelevantType(event) && recordable(event.eventId());
    }

    private boolean ofRelevantType(ScheduledEvent event) {
        Optional<EventType> type = event.type();
        if (type.isEmpty() || !policy.eventTypes().contains(type.get())) {
            return false;
        }
        return !(type.get() == EventType.FREEZE && shortFreeze(event));
    }

    /**
     * Relevant by type, but with an id that {@code <prefix>_pendingEventIDs} cannot hold: such an
     * event cannot be tracked, so it is left to Azure (it starts at NotBefore) with a note, and
     * the node's other events are still handled (instead of every plan being refused).
     */
    List<ScheduledEvent> unrecordable() {
        return document.events().stream().filter(this::ofRelevantType)
                .filter(e -> !recordable(e.eventId())).toList();
    }

    /**
     * Azure's ids are GUIDs. Anything in printable ASCII but the list separator ',' is kept
     * verbatim (quotes and angle brackets are escaped by the CIB writer); control and non-ASCII
     * characters, which Pacemaker 2.1.5 does not store faithfully, an id Pacemaker would expand
     * as an increment ({@code value++}), and absurd lengths are not.
     */
    static boolean recordable(String id) {
        if (id.isBlank() || id.length() > MAX_EVENT_ID_LENGTH || id.startsWith("value+")) {
            return false;
        }
        return id.chars().allMatch(c -> c >= ' ' && c <= '~' && c != ',');
    }

    private boolean shortFreeze(ScheduledEvent event) {
        // DurationInSeconds is -1 when unknown (and absent before api-version 2020-07-01):
        // an unknown duration is never "short".
        long seconds = event.durationSeconds().orElse(-1);
        return seconds >= 0
                && Duration.ofSeconds(seconds).compareTo(policy.freezeIgnoreBelow()) < 0;
    }

    /** Relevant events naming this VM, in document order. */
    List<ScheduledEvent> local() {
        return document.events().stream().filter(e -> e.affects(azName)).filter(this::relevant)
                .toList();
    }

    /** Local events to drain for now: Scheduled and within the lead time. */
    List<ScheduledEvent> localToDrain() {
        return local().stream().filter(e -> e.status() == EventStatus.SCHEDULED)
                .filter(e -> !deferred(e)).toList();
    }

    /**
     * Relevant events naming {@code node}'s VM that keep it drained once it is: any that has
     * started or that Azure lists in a status this agent does not know, and any Scheduled within
     * the drain lead time (one beyond it is drained for later, when it comes closer).
     */
    List<ScheduledEvent> holding(String node) {
        return document.events().stream().filter(this::relevant)
                .filter(e -> nodesOf(e).contains(node))
                .filter(e -> e.status() != EventStatus.SCHEDULED || !deferred(e)).toList();
    }

    /** Relevant events naming {@code node}'s VM, whatever their status and NotBefore. */
    List<ScheduledEvent> naming(String node) {
        return document.events().stream().filter(this::relevant)
                .filter(e -> nodesOf(e).contains(node)).toList();
    }

    /** Scheduled, but NotBefore is further away than the drain lead time. */
    boolean deferred(ScheduledEvent event) {
        if (policy.drainLeadTime().isEmpty() || event.notBefore().isEmpty()) {
            return false;
        }
        return event.notBefore().get().isAfter(now.plus(policy.drainLeadTime().get()));
    }

    /** Relevant events still Scheduled (approval candidates), in document order. */
    List<ScheduledEvent> scheduled() {
        return document.events().stream().filter(e -> e.status() == EventStatus.SCHEDULED)
                .filter(this::relevant).toList();
    }

    /** The cluster nodes an event names, in its order; VMs outside the cluster are left out. */
    List<String> nodesOf(ScheduledEvent event) {
        List<String> nodes = new ArrayList<>();
        for (String vm : event.resources()) {
            String node = nodeByAzName.get(vm);
            if (node != null && !nodes.contains(node)) {
                nodes.add(node);
            }
        }
        return nodes;
    }

    /** The VMs an event names that are not cluster nodes (as far as the cluster has recorded). */
    List<String> foreignVms(ScheduledEvent event) {
        return event.resources().stream().filter(vm -> !nodeByAzName.containsKey(vm)).toList();
    }

    /**
     * Whether a peer's event missing from our document may be read as finished (#1986): the scope
     * is known to show every VM's events, or this document proves it by listing another VM's.
     */
    boolean showsPeerEvents() {
        return policy.peerEvents() == EventScope.EVERY_VM || document.events().stream()
                .anyMatch(e -> e.resources().stream().anyMatch(vm -> !vm.equals(azName)));
    }

    /** "id (Type, NotBefore ...)" for reasons. */
    static String describe(ScheduledEvent event) {
        String when = event.status() == EventStatus.STARTED ? "Started"
                : "NotBefore " + event.notBefore().map(Instant::toString).orElse("not given");
        return event.eventId() + " (" + event.eventType() + ", " + when + ")";
    }
}
