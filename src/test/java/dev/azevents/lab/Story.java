package dev.azevents.lab;

import dev.azevents.sim.SimEvent;
import java.util.ArrayList;
import java.util.List;

/** Milestones and oracles shared by the scenarios, phrased on Pacemaker's own view. */
final class Story {

    static final int SERVICES = 3;

    private Story() {
    }

    static String state(ScenarioRun run, ClusterView.NodeView n) {
        return n.attr(run.agent.stateAttribute());
    }

    /**
     * announced → draining → stopped → approved → reboot → down → back → AVAILABLE, for node k
     * ("down": the peers saw it offline; "back": online again after that).
     */
    static void nodeMilestones(ScenarioRun run, int k) {
        nodeMilestones(run, k, "");
    }

    /** The same, names prefixed (several stories in one run). */
    static void nodeMilestones(ScenarioRun run, int k, String prefix) {
        String node = run.lab.nodeName(k);
        run.milestone(prefix + "draining", v -> {
            ClusterView.NodeView n = v.node(node);
            return "STOPPING".equals(state(run, n)) || run.agent.drained(n);
        });
        run.milestone(prefix + "stopped", v -> {
            ClusterView.NodeView n = v.node(node);
            return run.timeline.has(prefix + "draining") && run.agent.drained(n)
                    && n.activeServices(run.agent.resource()).isEmpty();
        });
        run.milestone(prefix + "down",
                v -> run.timeline.has("reboot") && !v.node(node).online());
        run.milestone(prefix + "back",
                v -> run.timeline.has(prefix + "down") && v.node(node).online());
        run.milestone(prefix + "AVAILABLE",
                v -> run.timeline.has(prefix + "stopped") && available(run, v, k));
    }

    static void node2Milestones(ScenarioRun run) {
        nodeMilestones(run, 2);
    }

    /** Online, not drained, not in standby, the agent's state AVAILABLE (or never set). */
    static boolean available(ScenarioRun run, ClusterView v, int k) {
        ClusterView.NodeView n = v.node(run.lab.nodeName(k));
        String s = state(run, n);
        return n.online() && !n.standby() && !run.agent.drained(n)
                && (s.isEmpty() || s.equals("AVAILABLE"));
    }

    /** Out of service: drained by the agent, in standby, or offline. */
    static boolean out(ScenarioRun run, ClusterView v, int k) {
        ClusterView.NodeView n = v.node(run.lab.nodeName(k));
        return !n.online() || n.standby() || run.agent.drained(n);
    }

    static String describe(ScenarioRun run, int k) {
        ClusterView v = run.last();
        if (v == null) {
            return "no view";
        }
        ClusterView.NodeView n = v.node(run.lab.nodeName(k));
        return n.name() + " online=" + n.online() + " standby=" + n.standby() + " state="
                + state(run, n) + " health=" + n.attr(AgentUnderTest.HEALTH_ATTRIBUTE)
                + " running=" + n.activeServices(run.agent.resource());
    }

    /** The agent approved the event (Azure did not have to start it at NotBefore), drained. */
    static List<String> approvedInTime(ScenarioRun run, SimEvent e, int k) {
        return approvedInTime(run, e, k, "");
    }

    static List<String> approvedInTime(ScenarioRun run, SimEvent e, int k, String prefix) {
        List<String> p = new ArrayList<>();
        if (e.approvedAt().isEmpty()) {
            p.add("event never approved" + e.startedAt().map(s -> " (Azure started it at"
                    + " NotBefore)").orElse(""));
            return p;
        }
        // Whether a service still ran after the approval is checked on every observation
        // (Invariants); observations are a second or more apart, so the drained state may
        // first be seen after the approval, but it must be seen.
        if (!run.timeline.has(prefix + "stopped")) {
            p.add("approved but node" + k + " was never seen drained");
        }
        if (!run.agent.healthStrategy()
                && e.approvedBy().map(vm -> vm.equals(run.imds.vm(k))).orElse(false)) {
            p.add("standby strategy: approved by the drained node itself");
        }
        return p;
    }

    /** Every Dummy runs somewhere at the end. */
    static List<String> allServicesRunning(ScenarioRun run) {
        ClusterView v = run.observe();
        if (v == null) {
            return List.of("cluster unreadable at the end");
        }
        long running = v.nodes().values().stream()
                .mapToLong(n -> n.activeServices(run.agent.resource()).size()).sum();
        return running == SERVICES ? List.of()
                : List.of(running + " of " + SERVICES + " services running at the end");
    }
}
