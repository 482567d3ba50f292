package dev.azevents.lab;

import dev.azevents.sim.SimEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The oracles that hold in every scenario, checked on every observation (DESIGN.md §4). */
final class Invariants {

    private Invariants() {
    }

    /**
     * @param before          when the read of {@code v} began: what it shows was true after it
     * @param lastSeenRunning per node, the latest read start at which it still ran services
     */
    static void check(ScenarioRun run, ClusterView v, Instant before, List<SimEvent> events,
            Map<String, Instant> lastSeenRunning, Set<String> violations) {
        for (String f : v.failures()) {
            // OCF 1.1's "degraded" (190) is a report, not a failure: Pacemaker recovers nothing.
            if (f.toLowerCase(java.util.Locale.ROOT).contains("degraded,")) {
                run.remark("reported degraded: " + f);
            } else {
                run.violation("resource failure: " + f);
            }
        }
        for (ClusterView.NodeView n : v.nodes().values()) {
            if (!n.activeServices(run.agent.resource()).isEmpty()) {
                lastSeenRunning.put(n.name(), before);
            }
        }
        long available = v.nodes().values().stream()
                .filter(n -> n.online() && !n.standby() && !run.agent.drained(n)).count();
        if (available == 0) {
            run.violation("no node left to run the services (all offline, standby or drained)");
        }
        for (SimEvent e : events) {
            if (e.approvedAt().isEmpty() || !e.phase().visible()) {
                continue;
            }
            for (int k = 1; k <= ScenarioRun.NODES; k++) {
                if (!e.resources().contains(run.imds.vm(k))) {
                    continue;
                }
                Instant seen = lastSeenRunning.get(run.lab.nodeName(k));
                if (seen != null && seen.isAfter(e.approvedAt().get())) {
                    run.violation("event " + e.eventId() + " approved at " + e.approvedAt().get()
                            + " while node" + k + " still ran services at " + seen);
                }
            }
        }
    }
}
