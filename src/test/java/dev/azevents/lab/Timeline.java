package dev.azevents.lab;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * When each milestone of a scenario was first seen (announced, draining, stopped, approved,
 * reboot, back, available...), printed with the seconds since the start and since the previous
 * milestone.
 */
final class Timeline {

    private record Mark(String name, Instant at) {
    }

    private final List<Mark> marks = new ArrayList<>();

    /** Records the milestone the first time only. */
    synchronized void mark(String name, Instant at) {
        if (!has(name)) {
            marks.add(new Mark(name, at));
        }
    }

    synchronized boolean has(String name) {
        return marks.stream().anyMatch(m -> m.name.equals(name));
    }

    synchronized Instant at(String name) {
        return marks.stream().filter(m -> m.name.equals(name)).map(Mark::at).findFirst()
                .orElseThrow(() -> new IllegalStateException("no milestone " + name));
    }

    /** "announced 0.0s → draining 3.2s (+3.2s) → ...", in time order. */
    synchronized String render() {
        if (marks.isEmpty()) {
            return "(nothing happened)";
        }
        // Approvals carry the simulator's own instant, which may precede a mark seen later.
        marks.sort(java.util.Comparator.comparing(Mark::at));
        StringBuilder sb = new StringBuilder();
        Instant start = marks.get(0).at;
        Instant prev = start;
        for (Mark m : marks) {
            if (m != marks.get(0)) {
                sb.append(" → ");
            }
            sb.append(m.name).append(' ').append(seconds(Duration.between(start, m.at)));
            if (m != marks.get(0)) {
                sb.append(" (+").append(seconds(Duration.between(prev, m.at))).append(')');
            }
            prev = m.at;
        }
        return sb.toString();
    }

    private static String seconds(Duration d) {
        return String.format("%.1fs", d.toMillis() / 1000.0);
    }
}
