package dev.azevents.simulation;

import dev.azevents.engine.EventScope;
import dev.azevents.imds.EventStatus;
import dev.azevents.imds.EventsDocument;
import dev.azevents.imds.Imds;
import dev.azevents.imds.ImdsFailure;
import dev.azevents.imds.ImdsResult;
import dev.azevents.imds.InstanceCompute;
import dev.azevents.imds.ScheduledEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * An in-memory Azure for the simulation: events appear with their notice, start when approved or
 * at NotBefore, and disappear after their duration. Each VM sees the events its scope shows. The
 * HTTP simulator ({@code dev.azevents.sim}) is the real-wire counterpart; this one is fast enough
 * for hundreds of thousands of runs.
 */
public final class SimAzure {

    /** What the cluster side needs to know about Azure acting. */
    public interface Listener {
        /** A VM asked to start a Scheduled event (called before it starts, only if Scheduled). */
        void approved(String fromVm, SimEvent event);

        /** The event started: impact on its VMs now. */
        void started(SimEvent event);
    }

    /** One event as Azure holds it. */
    public static final class SimEvent {
        String id;
        final String type;
        final List<String> vms;
        final Duration duration;
        EventStatus status;
        Instant notBefore;
        Instant startedAt;
        Instant approvedAt;

        SimEvent(String id, String type, List<String> vms, EventStatus status, Instant notBefore,
                Duration duration) {
            this.id = id;
            this.type = type;
            this.vms = List.copyOf(vms);
            this.status = status;
            this.notBefore = notBefore;
            this.duration = duration;
        }

        public String id() {
            return id;
        }

        public String type() {
            return type;
        }

        public List<String> vms() {
            return vms;
        }

        public EventStatus status() {
            return status;
        }

        public Instant notBefore() {
            return notBefore;
        }
    }

    private final EventScope scope;
    private final Supplier<Instant> clock;
    private final Listener listener;
    private final List<SimEvent> events = new ArrayList<>();
    private final Set<String> ended = new TreeSet<>();
    private long incarnation = 1;
    private final java.util.Map<String, Instant> blankUntil = new java.util.TreeMap<>();
    /** Approved events stay Scheduled this long (Azure may take its time). */
    private Duration approvalDelay = Duration.ZERO;
    /** Gives an approved event a new id (Microsoft's mock server does it on every approval). */
    private Supplier<String> replacementIds;
    /** Each VM's last answered GET: the oracle's ground truth of what a pass could know. */
    private final java.util.Map<String, Read> lastRead = new java.util.TreeMap<>();
    /** Every event id ever served to each VM's agent (DOCUMENT_EMPTY hides some). */
    private final java.util.Map<String, Set<String>> served = new java.util.TreeMap<>();

    /**
     * One GET as Azure answered it: when (true time), the events listed then, each with its
     * status and NotBefore as they stood at that instant, and whether the document was blanked
     * by the DOCUMENT_EMPTY fault.
     */
    public record Read(Instant at, long incarnation, List<ScheduledEvent> listed, boolean blank) {
        public boolean lists(String id) {
            return listed.stream().anyMatch(e -> e.eventId().equals(id));
        }
    }

    /** The last GET this VM's agent made that Azure answered, if any. */
    public Optional<Read> lastRead(String vm) {
        return Optional.ofNullable(lastRead.get(vm));
    }

    /** Whether this event id was ever in a document served to this VM. */
    public boolean servedTo(String vm, String id) {
        return served.getOrDefault(vm, Set.of()).contains(id);
    }

    private boolean blank(String vm) {
        Instant until = blankUntil.get(vm);
        return until != null && clock.get().isBefore(until);
    }

    public SimAzure(EventScope scope, Supplier<Instant> clock, Listener listener) {
        this.scope = scope;
        this.clock = clock;
        this.listener = listener;
    }

    /** Announces an event; {@code notice} zero with Started for a host failure. */
    public SimEvent schedule(String id, String type, List<String> vms, EventStatus status,
            Duration notice, Duration duration) {
        SimEvent e = new SimEvent(id, type, vms, status, clock.get().plus(notice), duration);
        if (status == EventStatus.STARTED) {
            e.startedAt = clock.get();
        }
        events.add(e);
        incarnation++;
        if (status == EventStatus.STARTED) {
            listener.started(e);
        }
        return e;
    }

    /** Azure cancels an event before it starts. */
    public void cancel(String id) {
        if (events.removeIf(e -> e.id.equals(id) && e.status == EventStatus.SCHEDULED)) {
            ended.add(id);
            incarnation++;
        }
    }

    void approvalDelay(Duration value) {
        approvalDelay = value;
    }

    void replaceOnApproval(Supplier<String> ids) {
        replacementIds = ids;
    }

    /** When this VM's last blank ends (or ended), if it had one. */
    Optional<Instant> blankEnded(String vm) {
        return Optional.ofNullable(blankUntil.get(vm));
    }

    /** This VM's document lists nothing until {@code until}. */
    void blank(String vm, Instant until) {
        blankUntil.put(vm, until);
    }

    /** The counter starts over, as after 24 h without requests. */
    public void resetIncarnation() {
        incarnation = 1;
    }

    /** Events start at NotBefore and disappear once over. */
    public void tick() {
        Instant now = clock.get();
        for (SimEvent e : List.copyOf(events)) {
            boolean due = !now.isBefore(e.notBefore) || e.approvedAt != null
                    && !now.isBefore(e.approvedAt.plus(approvalDelay));
            if (e.status == EventStatus.SCHEDULED && due) {
                start(e);
            }
        }
        for (Iterator<SimEvent> it = events.iterator(); it.hasNext();) {
            SimEvent e = it.next();
            if (e.status == EventStatus.STARTED && !now.isBefore(e.startedAt.plus(e.duration))) {
                it.remove();
                ended.add(e.id);
                incarnation++;
            }
        }
    }

    private void start(SimEvent e) {
        e.status = EventStatus.STARTED;
        e.startedAt = clock.get();
        if (replacementIds != null && e.approvedAt != null) {
            ended.add(e.id);
            e.id = replacementIds.get();
        }
        incarnation++;
        listener.started(e);
    }

    public List<SimEvent> events() {
        return List.copyOf(events);
    }

    public boolean listed(String id) {
        return events.stream().anyMatch(e -> e.id.equals(id));
    }

    /** The document this VM reads now. */
    public EventsDocument document(String vm) {
        List<ScheduledEvent> visible = new ArrayList<>();
        Instant blank = blankUntil.get(vm);
        if (blank != null && clock.get().isBefore(blank)) {
            return new EventsDocument(incarnation, visible);
        }
        for (SimEvent e : events) {
            if (scope == EventScope.EVERY_VM || e.vms.contains(vm)) {
                Optional<Instant> nb = e.status == EventStatus.SCHEDULED ? Optional.of(e.notBefore)
                        : Optional.empty();
                visible.add(new ScheduledEvent(e.id, e.type, e.status, "VirtualMachine", e.vms,
                        nb, Optional.of(""), Optional.of("Platform"),
                        OptionalLong.of(e.duration.toSeconds())));
            }
        }
        return new EventsDocument(incarnation, visible);
    }

    /** POST StartRequests from a VM: starts the Scheduled events it can see. */
    public void approve(String vm, List<String> ids) {
        for (SimEvent e : List.copyOf(events)) {
            boolean visible = scope == EventScope.EVERY_VM || e.vms.contains(vm);
            if (ids.contains(e.id) && visible && e.status == EventStatus.SCHEDULED) {
                listener.approved(vm, e);
                if (e.approvedAt == null) {
                    e.approvedAt = clock.get();
                }
                if (approvalDelay.isZero()) {
                    start(e);
                }
            }
        }
    }

    /** The {@link Imds} port for one VM; {@code failing} says when a call fails. */
    public Imds imds(String vm, BooleanSupplier failing) {
        return new Imds() {
            @Override
            public ImdsResult<EventsDocument> events() {
                if (failing.getAsBoolean()) {
                    return new ImdsResult.Failed<>(new ImdsFailure.HttpStatus("sim://" + vm, 503,
                            "simulated outage", 1));
                }
                EventsDocument document = document(vm);
                lastRead.put(vm, new Read(clock.get(), document.incarnation(),
                        document.events(), blank(vm)));
                document.events().forEach(e -> served.computeIfAbsent(vm,
                        v -> new TreeSet<>()).add(e.eventId()));
                return new ImdsResult.Ok<>(document);
            }

            @Override
            public ImdsResult<InstanceCompute> instance() {
                return new ImdsResult.Ok<>(new InstanceCompute(vm, vm, "sim", "", "", "", vm));
            }

            @Override
            public ImdsResult<Void> approve(List<String> ids) {
                if (failing.getAsBoolean()) {
                    return new ImdsResult.Failed<>(new ImdsFailure.HttpStatus("sim://" + vm, 500,
                            "simulated outage", 1));
                }
                SimAzure.this.approve(vm, ids);
                return new ImdsResult.Ok<>(null);
            }
        };
    }
}
