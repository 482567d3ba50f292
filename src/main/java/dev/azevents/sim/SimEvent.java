package dev.azevents.sim;

import dev.azevents.imds.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One event as the simulator keeps it: what Azure shows, plus what Azure knows but does not
 * show (who approved it and when, when it ended), for tests and drills to assert on.
 *
 * @param activeFor   how long it stays Started, in Azure time (before the time factor)
 * @param notBefore   the NotBefore Azure announced (shown as {@code ""} once Started)
 * @param removeAfter when Started, the instant Azure removes it (the event is over)
 */
public record SimEvent(
        String eventId,
        EventType type,
        List<String> resources,
        String description,
        String eventSource,
        long durationSeconds,
        Duration activeFor,
        Phase phase,
        Instant createdAt,
        Instant notBefore,
        Optional<Instant> startedAt,
        Optional<Instant> removeAfter,
        Optional<String> approvedBy,
        Optional<Instant> approvedAt,
        Optional<Instant> endedAt) {

    /** Where an event is in its life. Only the first two are ever visible to a VM. */
    public enum Phase {
        SCHEDULED("Scheduled"),
        STARTED("Started"),
        /** Removed by Azure after it ran (or ended early by the admin API). */
        ENDED("Ended"),
        /** Removed before it started: Azure's cancellation. */
        CANCELLED("Cancelled");

        private final String label;

        Phase(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public boolean visible() {
            return switch (this) {
                case SCHEDULED, STARTED -> true;
                case ENDED, CANCELLED -> false;
            };
        }

        static Optional<Phase> fromLabel(String label) {
            for (Phase p : values()) {
                if (p.label.equals(label)) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        }
    }

    public SimEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        resources = List.copyOf(resources);
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(eventSource, "eventSource");
        Objects.requireNonNull(activeFor, "activeFor");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(removeAfter, "removeAfter");
        Objects.requireNonNull(approvedBy, "approvedBy");
        Objects.requireNonNull(approvedAt, "approvedAt");
        Objects.requireNonNull(endedAt, "endedAt");
    }

    SimEvent started(Instant at, Instant removeAt) {
        return new SimEvent(eventId, type, resources, description, eventSource, durationSeconds,
                activeFor, Phase.STARTED, createdAt, notBefore, Optional.of(at),
                Optional.of(removeAt), approvedBy, approvedAt, endedAt);
    }

    SimEvent approved(String vm, Instant at, Instant removeAt) {
        return new SimEvent(eventId, type, resources, description, eventSource, durationSeconds,
                activeFor, Phase.STARTED, createdAt, notBefore, Optional.of(at),
                Optional.of(removeAt), Optional.of(vm), Optional.of(at), endedAt);
    }

    /** Approved, but Azure has not started it yet (it may wait for NotBefore). */
    SimEvent approvedOnly(String vm, Instant at) {
        return new SimEvent(eventId, type, resources, description, eventSource, durationSeconds,
                activeFor, phase, createdAt, notBefore, startedAt, removeAfter, Optional.of(vm),
                Optional.of(at), endedAt);
    }

    SimEvent removed(Phase how, Instant at) {
        return new SimEvent(eventId, type, resources, description, eventSource, durationSeconds,
                activeFor, how, createdAt, notBefore, startedAt, removeAfter, approvedBy,
                approvedAt, Optional.of(at));
    }
}
