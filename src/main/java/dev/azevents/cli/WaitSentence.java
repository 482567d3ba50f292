package dev.azevents.cli;

import dev.azevents.engine.ClusterNode;
import dev.azevents.engine.NodeState;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * For a node that is not AVAILABLE, the one sentence an administrator reads first: "STOPPING:
 * waiting for db to stop on node2; event 9A2F6C1B... (Reboot, Platform) may start at 14:05:00
 * UTC, in 11m 0s".
 */
final class WaitSentence {

    /** Event ids are GUIDs: the sentence shows enough to tell two apart, the tables the rest. */
    static final int SHORT_ID = 8;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private WaitSentence() {
    }

    static Optional<String> of(ClusterNode n, List<String> running,
            List<StatusView.EventLine> events, long available, Instant now) {
        NodeState state = n.record().state();
        String what = switch (state) {
            case AVAILABLE -> null;
            case STOPPING -> stopping(n, running);
            case IN_EVENT -> "its events are approved, waiting for Azure to carry them out and"
                    + " list them no more; then " + n.name() + " is brought back";
            case ON_HOLD -> "not drained because no other node could take over (" + available
                    + " AVAILABLE node(s) that can host); it drains when another node is back";
        };
        if (what == null) {
            return Optional.empty();
        }
        return Optional.of(state + ": " + what + "; " + events(n, events, now));
    }

    private static String stopping(ClusterNode n, List<String> running) {
        if (!n.drained()) {
            String names = running.isEmpty() ? "its resources" : String.join(", ", running);
            return "waiting for " + names + " to stop on " + n.name();
        }
        return "drained, its events are approved at the next pass";
    }

    private static String events(ClusterNode n, List<StatusView.EventLine> events, Instant now) {
        if (events.isEmpty()) {
            List<String> recorded = n.record().pendingEventIds();
            return recorded.isEmpty() ? "no event listed for it"
                    : "event(s) " + String.join(", ", recorded.stream().map(WaitSentence::shortId)
                            .toList()) + " no longer listed by Azure: the next pass brings it"
                    + " back";
        }
        return String.join("; ", events.stream().map(e -> event(e, now)).toList());
    }

    private static String event(StatusView.EventLine e, Instant now) {
        String head = "event " + shortId(e.eventId()) + " (" + e.type()
                + e.source().map(s -> ", " + s).orElse("") + ")";
        if (e.notBefore().isEmpty()) {
            return head + " has started";
        }
        Instant at = e.notBefore().get();
        String when = at.isAfter(now) ? "may start at " : "may have started at ";
        return head + " " + when + CLOCK.format(at) + " UTC, " + StatusView.deadline(
                e.notBefore(), now);
    }

    static String shortId(String id) {
        return id.length() <= SHORT_ID ? id : id.substring(0, SHORT_ID) + "...";
    }
}
