package dev.azevents.sim;

import dev.azevents.imds.EventStatus;
import dev.azevents.imds.EventType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The events of one simulated group of VMs and what each VM has been shown. Time moves only
 * through the injected clock: every call first applies what the clock says has happened
 * (Scheduled → Started at NotBefore, Started → removed when its time is over), so a test that
 * moves a fake clock sees exact transitions, and a drill on the system clock sees real ones.
 * Every VM has its own DocumentIncarnation, raised whenever the list that VM sees changes.
 */
final class EventBook {

    /** Most events kept, ended ones included; the oldest ended ones are forgotten first. */
    static final int MAX_EVENTS = 10_000;
    static final int MAX_RESOURCES = 100;
    static final int MAX_TEXT = 4096;
    /** Longest notice accepted: degraded-hardware events come days ahead, never a month. */
    static final Duration MAX_NOTICE = Duration.ofDays(30);
    static final Duration MAX_ACTIVE = Duration.ofDays(1);

    private final Clock clock;
    private final Consumer<String> log;
    private final Scope scope;
    private final List<String> vms;
    private final SplittableRandom ids;
    private SimSettings settings;
    private final Map<String, SimEvent> events = new LinkedHashMap<>();
    private final Map<String, Long> incarnation = new LinkedHashMap<>();
    private final Map<String, List<ViewEntry>> shown = new LinkedHashMap<>();
    private final Map<String, Instant> lastAsked = new LinkedHashMap<>();

    /** What a VM's document depends on: which events, in which phase. */
    private record ViewEntry(String eventId, SimEvent.Phase phase) {
    }

    /** What one VM sees now. */
    record VmDocument(long incarnation, List<SimEvent> events) {
    }

    /** What a StartRequests POST did, id by id. */
    record Approval(List<String> started, List<String> alreadyStarted, List<String> unknown) {
    }

    EventBook(Clock clock, Consumer<String> log, Scope scope, List<String> vms,
            SimSettings settings, long seed) {
        this.clock = clock;
        this.log = log;
        this.scope = scope;
        this.vms = List.copyOf(vms);
        this.settings = settings;
        this.ids = new SplittableRandom(seed);
        for (String vm : this.vms) {
            incarnation.put(vm, settings.firstIncarnation());
            shown.put(vm, List.of());
        }
    }

    synchronized SimSettings settings() {
        return settings;
    }

    synchronized void timeFactor(double factor) {
        SimSettings.requireTimeFactor(factor);
        settings = settings.withTimeFactor(factor);
        log.accept("imds-sim: time factor " + factor);
    }

    /** Creates an event from the admin API's request, or says what is wrong with it. */
    synchronized Parse<SimEvent> schedule(EventSpec spec) {
        Instant now = advance();
        Optional<String> problem = check(spec);
        if (problem.isPresent()) {
            return Parse.bad(problem.get());
        }
        EventType type = spec.type();
        boolean started = spec.status().orElse(EventStatus.SCHEDULED) == EventStatus.STARTED;
        Duration notice = spec.notBeforeSeconds().isPresent()
                ? Duration.ofSeconds(spec.notBeforeSeconds().getAsLong())
                : TypeDefaults.defaultNotice(type, settings);
        long impact = spec.durationSeconds().orElse(TypeDefaults.impactSeconds(type));
        Duration active = spec.activeSeconds().isPresent()
                ? Duration.ofSeconds(spec.activeSeconds().getAsLong())
                : longer(settings.startedLifetime(), Duration.ofSeconds(Math.max(0, impact)));
        String id = spec.eventId().orElseGet(this::newGuid);
        Instant notBefore = started ? now : now.plus(compress(notice));
        SimEvent e = new SimEvent(id, type, spec.resources(),
                spec.description().orElse(TypeDefaults.description(type, started)),
                spec.eventSource().orElse(TypeDefaults.eventSource(type)), impact, active,
                SimEvent.Phase.SCHEDULED, now, notBefore, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
        if (started) {
            e = e.started(now, now.plus(compress(active)));
        }
        events.put(id, e);
        forgetOldest();
        log.accept("imds-sim: event " + LogLine.quote(id) + " " + type.azureName() + " for "
                + LogLine.quote(e.resources()) + " " + e.phase().label()
                + (started ? " (hardware failure: no notice)"
                        : ", NotBefore " + DocumentWriter.rfc1123(notBefore) + " (notice "
                                + compress(notice).toMillis() + " ms)"));
        refreshViews();
        return Parse.ok(e);
    }

    /** Advances time, then answers the events {@code vm} sees and its incarnation. */
    synchronized VmDocument document(String vm) {
        Instant now = advance();
        noteAsked(vm, now);
        List<SimEvent> seen = new ArrayList<>();
        for (SimEvent e : events.values()) {
            if (e.phase().visible() && scope.shows(vm, e.resources())) {
                seen.add(e);
            }
        }
        return new VmDocument(incarnation.get(vm), seen);
    }

    /** POST StartRequests from {@code vm}: starts the Scheduled events it names and can see. */
    synchronized Approval approve(String vm, List<String> eventIds) {
        Instant now = advance();
        noteAsked(vm, now);
        List<String> started = new ArrayList<>();
        List<String> already = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String id : eventIds) {
            SimEvent e = events.get(id);
            if (e == null || !e.phase().visible() || !scope.shows(vm, e.resources())) {
                unknown.add(id);
            } else if (e.phase() == SimEvent.Phase.STARTED || e.approvedBy().isPresent()) {
                already.add(id);
            } else if (!settings.approvalStartsAtOnce()) {
                events.put(id, e.approvedOnly(vm, now));
                log.accept("imds-sim: event " + LogLine.quote(id) + " approved by "
                        + LogLine.quote(vm) + "; stays Scheduled until NotBefore (setting)");
            } else {
                events.put(id, e.approved(vm, now, now.plus(compress(e.activeFor()))));
                started.add(id);
                log.accept("imds-sim: event " + LogLine.quote(id) + " Started (approved by "
                        + LogLine.quote(vm) + ")");
                refreshViews();
            }
        }
        return new Approval(started, already, unknown);
    }

    /** The admin API's DELETE: a Scheduled event is cancelled, a Started one ends. */
    synchronized Optional<SimEvent> remove(String eventId) {
        Instant now = advance();
        SimEvent e = events.get(eventId);
        if (e == null || !e.phase().visible()) {
            return Optional.empty();
        }
        SimEvent.Phase how = e.phase() == SimEvent.Phase.SCHEDULED
                ? SimEvent.Phase.CANCELLED : SimEvent.Phase.ENDED;
        SimEvent gone = e.removed(how, now);
        events.put(eventId, gone);
        log.accept("imds-sim: event " + LogLine.quote(eventId) + " removed (" + how.label()
                + " by the admin API)");
        refreshViews();
        return Optional.of(gone);
    }

    /** DocumentIncarnation of {@code vm} starts over, as after Azure's 24 h idle disable. */
    synchronized void resetIncarnation(String vm) {
        incarnation.put(vm, settings.firstIncarnation());
        log.accept("imds-sim: " + LogLine.quote(vm) + " incarnation reset to "
                + settings.firstIncarnation());
    }

    /**
     * Azure disables Scheduled Events for a VM that asked nothing for 24 h; the next request
     * enables it again with DocumentIncarnation starting over.
     */
    private void noteAsked(String vm, Instant now) {
        Instant last = lastAsked.put(vm, now);
        if (last != null && !now.isBefore(last.plus(compress(settings.idleReset())))) {
            log.accept("imds-sim: " + LogLine.quote(vm) + " asked nothing for "
                    + Duration.between(last, now) + "; Scheduled Events re-enabled");
            resetIncarnation(vm);
        }
    }

    /** Every event, ended and cancelled ones included, oldest first. */
    synchronized List<SimEvent> all() {
        advance();
        return List.copyOf(events.values());
    }

    private Instant advance() {
        Instant now = clock.instant();
        for (Map.Entry<String, SimEvent> entry : events.entrySet()) {
            SimEvent e = entry.getValue();
            if (e.phase() == SimEvent.Phase.SCHEDULED && !e.notBefore().isAfter(now)) {
                e = e.started(e.notBefore(), e.notBefore().plus(compress(e.activeFor())));
                entry.setValue(e);
                log.accept("imds-sim: event " + LogLine.quote(e.eventId())
                        + " Started (NotBefore reached)");
                refreshViews();
            }
            if (e.phase() == SimEvent.Phase.STARTED
                    && !e.removeAfter().orElseThrow().isAfter(now)) {
                e = e.removed(SimEvent.Phase.ENDED, e.removeAfter().orElseThrow());
                entry.setValue(e);
                log.accept("imds-sim: event " + LogLine.quote(e.eventId()) + " removed (over)");
                refreshViews();
            }
        }
        return now;
    }

    private void refreshViews() {
        for (String vm : vms) {
            List<ViewEntry> view = new ArrayList<>();
            for (SimEvent e : events.values()) {
                if (e.phase().visible() && scope.shows(vm, e.resources())) {
                    view.add(new ViewEntry(e.eventId(), e.phase()));
                }
            }
            if (!view.equals(shown.get(vm))) {
                shown.put(vm, List.copyOf(view));
                long next = incarnation.get(vm) + 1;
                incarnation.put(vm, next);
                log.accept("imds-sim: " + LogLine.quote(vm) + " DocumentIncarnation " + next
                        + " (" + view.size() + " event(s))");
            }
        }
    }

    private Optional<String> check(EventSpec spec) {
        if (spec.resources().size() > MAX_RESOURCES) {
            return Optional.of("Resources lists " + spec.resources().size()
                    + " VMs; at most " + MAX_RESOURCES);
        }
        for (String r : spec.resources()) {
            if (r.isEmpty() || r.length() > MAX_TEXT) {
                return Optional.of("a Resources name must be 1 to " + MAX_TEXT + " characters");
            }
        }
        if (spec.eventId().isPresent()) {
            String id = spec.eventId().get();
            if (id.isEmpty() || id.length() > MAX_TEXT) {
                return Optional.of("EventId must be 1 to " + MAX_TEXT + " characters");
            }
            if (events.containsKey(id)) {
                return Optional.of("EventId " + LogLine.quote(id) + " already exists");
            }
        }
        if (spec.notBeforeSeconds().isPresent()) {
            long s = spec.notBeforeSeconds().getAsLong();
            Duration min = TypeDefaults.minimumNotice(spec.type(), settings);
            if (s > MAX_NOTICE.toSeconds()) {
                return Optional.of("NotBeforeSeconds " + s + " is above the longest notice "
                        + MAX_NOTICE.toSeconds());
            }
            if (settings.enforceMinimumNotice() && spec.type() == EventType.TERMINATE
                    && s > SimSettings.MAX_TERMINATE_NOTICE.toSeconds()) {
                return Optional.of("NotBeforeSeconds " + s + " is above 900: a scale set's "
                        + "notBeforeTimeout for Terminate is 5 to 15 minutes");
            }
            if (s < 0 || settings.enforceMinimumNotice() && s < min.toSeconds()) {
                return Optional.of("NotBeforeSeconds " + s + " is below the minimum notice of "
                        + min.toSeconds() + " s for " + spec.type().azureName()
                        + " (give EventStatus Started for an event without notice)");
            }
        }
        if (spec.durationSeconds().isPresent() && spec.durationSeconds().getAsLong() < -1) {
            return Optional.of("DurationInSeconds must be -1 (unknown) or more, was "
                    + spec.durationSeconds().getAsLong());
        }
        if (spec.activeSeconds().isPresent() && (spec.activeSeconds().getAsLong() < 0
                || spec.activeSeconds().getAsLong() > MAX_ACTIVE.toSeconds())) {
            return Optional.of("ActiveSeconds must be 0 to " + MAX_ACTIVE.toSeconds());
        }
        if (spec.description().map(String::length).orElse(0) > MAX_TEXT
                || spec.eventSource().map(String::length).orElse(0) > MAX_TEXT) {
            return Optional.of("Description and EventSource are at most " + MAX_TEXT
                    + " characters");
        }
        return Optional.empty();
    }

    private void forgetOldest() {
        var it = events.entrySet().iterator();
        while (events.size() > MAX_EVENTS && it.hasNext()) {
            if (!it.next().getValue().phase().visible()) {
                it.remove();
            }
        }
    }

    private Duration compress(Duration azure) {
        return SimSettings.compress(azure, settings.timeFactor());
    }

    private static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** An upper-case GUID like Azure's documentation examples (version 4 layout). */
    private String newGuid() {
        long hi = (ids.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (ids.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new java.util.UUID(hi, lo).toString().toUpperCase(java.util.Locale.ROOT);
    }
}
