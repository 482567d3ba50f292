package dev.azevents.report;

import dev.azevents.engine.ClusterNode;
import dev.azevents.engine.NodeState;
import dev.azevents.engine.Strategy;
import dev.azevents.imds.EventStatus;
import dev.azevents.imds.EventType;
import dev.azevents.imds.ScheduledEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One pass's metrics in Prometheus's text exposition format (version 0.0.4), for
 * node_exporter's textfile collector. Labels are node, strategy and type only: never an event id
 * (unbounded cardinality, and a value from the network).
 */
final class PrometheusText {

    /** Counters carried from the previous file: a pass is one process, the file its memory. */
    static final java.util.List<String> COUNTERS = java.util.List.of(
            "azevents_imds_errors_total", "azevents_drains_total", "azevents_approvals_total",
            "azevents_holds_total");

    private final StringBuilder out = new StringBuilder();

    private PrometheusText() {
    }

    static String render(PassFacts f, boolean ok, double seconds, Instant now,
            Map<String, Long> previous) {
        PrometheusText p = new PrometheusText();
        String strategy = f.strategy.map(t -> t == Strategy.STANDBY ? "standby" : "health")
                .orElse("unknown");
        String self = f.self.orElse("unknown");
        p.nodes(f, strategy);
        p.events(f, self, strategy, now);
        p.pass(f, self, strategy, ok, seconds, now, previous);
        return p.out.toString();
    }

    private void nodes(PassFacts f, String strategy) {
        PrometheusText p = this;
        f.snapshot.map(read -> Overlay.after(read, f.written)).ifPresent(s -> {
            p.head("azevents_node_state", "gauge", "Agent state of each node: 0 AVAILABLE,"
                    + " 1 STOPPING, 2 IN_EVENT, 3 ON_HOLD.");
            s.nodes().forEach(n -> p.sample("azevents_node_state", n.name(), strategy, null,
                    code(n.record().state())));
            p.head("azevents_node_drained", "gauge", "1 when the node is drained (standby, or a"
                    + " negative #health-azure), whoever set it.");
            s.nodes().forEach(n -> p.sample("azevents_node_drained", n.name(), strategy, null,
                    drained(n, f.strategy.orElse(Strategy.STANDBY)) ? 1 : 0));
            p.head("azevents_node_drained_by_agent", "gauge", "1 when the agent itself drained"
                    + " the node (it undoes only its own drains).");
            s.nodes().forEach(n -> p.sample("azevents_node_drained_by_agent", n.name(),
                    strategy, null, n.record().drainedByAgent() ? 1 : 0));
        });
    }

    private void events(PassFacts f, String self, String strategy, Instant now) {
        PrometheusText p = this;
        f.document.ifPresent(d -> {
            Map<EventType, Integer> byType = new EnumMap<>(EventType.class);
            for (EventType t : EventType.values()) {
                byType.put(t, 0);
            }
            Optional<Instant> nearest = Optional.empty();
            for (ScheduledEvent e : d.events()) {
                e.type().ifPresent(t -> byType.merge(t, 1, Integer::sum));
                if (e.status() == EventStatus.SCHEDULED && e.notBefore().isPresent()
                        && (nearest.isEmpty() || e.notBefore().get().isBefore(nearest.get()))) {
                    nearest = e.notBefore();
                }
            }
            p.head("azevents_pending_events", "gauge", "Events listed by IMDS for this VM's"
                    + " view, by type.");
            byType.forEach((t, n) -> p.sample("azevents_pending_events", self, strategy,
                    t.azureName(), n));
            Optional<Instant> next = nearest;
            next.ifPresent(nb -> {
                p.head("azevents_next_not_before_seconds", "gauge", "Seconds until the nearest"
                        + " NotBefore of a Scheduled event (negative once passed).");
                p.sample("azevents_next_not_before_seconds", self, strategy, null,
                        Duration.between(now, nb).toMillis() / 1000.0);
            });
        });
    }

    private void pass(PassFacts f, String self, String strategy, boolean ok, double seconds,
            Instant now, Map<String, Long> previous) {
        PrometheusText p = this;
        p.head("azevents_pass_ok", "gauge", "1 when the last pass read IMDS and the cluster.");
        p.sample("azevents_pass_ok", self, strategy, null, ok ? 1 : 0);
        p.head("azevents_pass_duration_seconds", "gauge", "Wall time of the last pass.");
        p.sample("azevents_pass_duration_seconds", self, strategy, null, seconds);
        p.head("azevents_last_pass_timestamp_seconds", "gauge", "When the last pass ended.");
        p.sample("azevents_last_pass_timestamp_seconds", self, strategy, null,
                now.toEpochMilli() / 1000.0);
        long[] added = {f.imdsErrors, f.drains, f.approvals, f.holds};
        String[] help = {"IMDS requests that failed (after the client's retries).",
            "Drains written (standby on, or #health-azure lowered).",
            "Events approved (POST StartRequests) by this node.",
            "Nodes put ON_HOLD (draining would have left no node available)."};
        for (int i = 0; i < COUNTERS.size(); i++) {
            String name = COUNTERS.get(i);
            p.head(name, "counter", help[i]);
            p.sample(name, self, strategy, null, previous.getOrDefault(name, 0L) + added[i]);
        }
    }

    private static int code(NodeState s) {
        return switch (s) {
            case AVAILABLE -> 0;
            case STOPPING -> 1;
            case IN_EVENT -> 2;
            case ON_HOLD -> 3;
        };
    }

    private static boolean drained(ClusterNode n, Strategy strategy) {
        return switch (strategy) {
            case STANDBY -> n.standby();
            case HEALTH -> n.record().healthAzure().orElse(0) < 0;
        };
    }

    private void head(String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private void sample(String name, String node, String strategy, String type, double value) {
        out.append(name).append("{node=\"").append(escape(node)).append("\",strategy=\"")
                .append(strategy).append('"');
        if (type != null) {
            out.append(",type=\"").append(escape(type)).append('"');
        }
        out.append("} ").append(number(value)).append('\n');
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v)
                : String.format(Locale.ROOT, "%.3f", v);
    }

    /** The exposition format's label escapes: backslash, double quote, newline. */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
