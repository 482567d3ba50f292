package dev.azevents.imds;

import java.util.List;
import java.util.Optional;

/**
 * The Scheduled Events document: {@code DocumentIncarnation} and the events Azure lists now.
 * Only a completely parsed document is ever represented by this type.
 */
public record EventsDocument(long incarnation, List<ScheduledEvent> events) {

    public EventsDocument {
        events = List.copyOf(events);
    }

    public static EventsDocument empty(long incarnation) {
        return new EventsDocument(incarnation, List.of());
    }

    public Optional<ScheduledEvent> find(String eventId) {
        return events.stream().filter(e -> e.eventId().equals(eventId)).findFirst();
    }
}
