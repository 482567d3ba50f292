package dev.azevents.imds;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One entry of {@code Events} in the Scheduled Events document.
 *
 * @param eventId      Azure's id, kept verbatim (from the network: never trusted as a name)
 * @param eventType    the raw {@code EventType}; {@link #type()} maps it, unknown types to empty
 * @param status       Scheduled or Started
 * @param resourceType normally {@code VirtualMachine}
 * @param resources    VM resource names ({@code compute.name}) affected, may be empty
 * @param notBefore    earliest start; empty once Started (Azure sends {@code ""})
 * @param description  from api-version 2019-04-01
 * @param eventSource  {@code Platform} or {@code User}, from api-version 2019-08-01
 * @param durationSeconds expected impact in seconds, from 2020-07-01; -1 means unknown
 */
public record ScheduledEvent(
        String eventId,
        String eventType,
        EventStatus status,
        String resourceType,
        List<String> resources,
        Optional<Instant> notBefore,
        Optional<String> description,
        Optional<String> eventSource,
        OptionalLong durationSeconds) {

    public ScheduledEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(resourceType, "resourceType");
        resources = List.copyOf(resources);
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(eventSource, "eventSource");
        Objects.requireNonNull(durationSeconds, "durationSeconds");
    }

    /** The known type, or empty when Azure sent a type this version does not know. */
    public Optional<EventType> type() {
        return EventType.fromAzure(eventType);
    }

    public boolean affects(String azName) {
        return resources.contains(azName);
    }
}
