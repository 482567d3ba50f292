package dev.azevents.sim;

import dev.azevents.imds.EventStatus;
import dev.azevents.imds.EventType;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the admin API is asked to schedule ({@code POST /admin/events}). Every optional part
 * falls back to what Azure does for the type: the minimum notice, Platform as the source, the
 * usual description, an unknown ({@code -1}) duration.
 *
 * @param notBeforeSeconds notice in Azure seconds, before the simulator's time factor
 * @param activeSeconds    how long the event stays Started before Azure removes it, in Azure
 *                         seconds; the simulator's setting when empty
 * @param eventId          a chosen id (tests use hostile ones); a random GUID when empty
 */
public record EventSpec(
        EventType type,
        List<String> resources,
        Optional<EventStatus> status,
        OptionalLong notBeforeSeconds,
        Optional<String> eventSource,
        OptionalLong durationSeconds,
        Optional<String> description,
        OptionalLong activeSeconds,
        Optional<String> eventId) {

    public EventSpec {
        Objects.requireNonNull(type, "type");
        resources = List.copyOf(resources);
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(notBeforeSeconds, "notBeforeSeconds");
        Objects.requireNonNull(eventSource, "eventSource");
        Objects.requireNonNull(durationSeconds, "durationSeconds");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(activeSeconds, "activeSeconds");
        Objects.requireNonNull(eventId, "eventId");
    }

    /** An event of this type for these VMs, everything else as Azure would choose. */
    public static EventSpec of(EventType type, String... resources) {
        return new EventSpec(type, List.of(resources), Optional.empty(), OptionalLong.empty(),
                Optional.empty(), OptionalLong.empty(), Optional.empty(), OptionalLong.empty(),
                Optional.empty());
    }

    public EventSpec withStatus(EventStatus s) {
        return new EventSpec(type, resources, Optional.of(s), notBeforeSeconds, eventSource,
                durationSeconds, description, activeSeconds, eventId);
    }

    public EventSpec withNotBeforeSeconds(long seconds) {
        return new EventSpec(type, resources, status, OptionalLong.of(seconds), eventSource,
                durationSeconds, description, activeSeconds, eventId);
    }

    public EventSpec withEventSource(String source) {
        return new EventSpec(type, resources, status, notBeforeSeconds, Optional.of(source),
                durationSeconds, description, activeSeconds, eventId);
    }

    public EventSpec withDurationSeconds(long seconds) {
        return new EventSpec(type, resources, status, notBeforeSeconds, eventSource,
                OptionalLong.of(seconds), description, activeSeconds, eventId);
    }

    public EventSpec withDescription(String text) {
        return new EventSpec(type, resources, status, notBeforeSeconds, eventSource,
                durationSeconds, Optional.of(text), activeSeconds, eventId);
    }

    public EventSpec withActiveSeconds(long seconds) {
        return new EventSpec(type, resources, status, notBeforeSeconds, eventSource,
                durationSeconds, description, OptionalLong.of(seconds), eventId);
    }

    public EventSpec withEventId(String id) {
        return new EventSpec(type, resources, status, notBeforeSeconds, eventSource,
                durationSeconds, description, activeSeconds, Optional.of(id));
    }
}
