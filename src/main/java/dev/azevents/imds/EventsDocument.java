package dev.azevents.imds;

import java.util.List;
import java.util.Optional;

/**
 * The Scheduled Events document: {@code DocumentIncarnation} and the events Azure lists now.
 * Only a completely parsed document is ever represented by this type.
 *
 * @param problems what could not be read in otherwise well-formed events (each such event is in
 *                 {@code events} with status {@link EventStatus#UNREADABLE}), one line each
 */
public record EventsDocument(long incarnation, List<ScheduledEvent> events,
        List<String> problems) {

    public EventsDocument {
        events = List.copyOf(events);
        problems = List.copyOf(problems);
    }

    public EventsDocument(long incarnation, List<ScheduledEvent> events) {
        this(incarnation, events, List.of());
    }

    public static EventsDocument empty(long incarnation) {
        return new EventsDocument(incarnation, List.of());
    }

    public Optional<ScheduledEvent> find(String eventId) {
        return events.stream().filter(e -> e.eventId().equals(eventId)).findFirst();
    }
}
