package dev.azevents.cli;

import dev.azevents.engine.Action;
import dev.azevents.engine.ClusterNode;
import dev.azevents.engine.ClusterSnapshot;
import dev.azevents.engine.NodeIdentity;
import dev.azevents.engine.NodeState;
import dev.azevents.engine.Plan;
import dev.azevents.engine.PullLease;
import dev.azevents.imds.EventsDocument;
import dev.azevents.imds.ScheduledEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * What {@code azevents status} shows: the agent resource and where its parameters come from, the
 * pull lease, per node its state, drain, events and what it waits for, every event with its
 * deadline, and the plan this node would carry out now, with reasons. Data only; the formatters
 * ({@link StatusFormat}) render it.
 *
 * @param source  the resource and where the parameters came from, e.g.
 *                {@code rsc_azure-events (ocf:azevents:azure-events), parameters from the CIB}
 * @param problem why part of the picture is missing (IMDS or Pacemaker unreachable)
 */
record StatusView(String agent, String source, String node, String azName, Instant now,
        Optional<Long> incarnation, Optional<LeaseLine> lease, List<NodeLine> nodes,
        List<EventLine> events, List<PlanLine> plan, List<String> waitingFor,
        Optional<String> problem) {

    /**
     * @param pacemaker what Pacemaker says: online/offline, standby, maintenance, unclean
     * @param drain     {@code none}, or standby / health and who set it (agent or administrator)
     * @param active    resources other than the agent's clone active there, by name
     * @param eventIds  ids of the listed events that affect this node's VM
     * @param waitsFor  for a node not AVAILABLE, one sentence saying what it waits for
     */
    record NodeLine(String name, String pacemaker, String state, List<String> pendingEventIds,
            String resources, Optional<String> azName, String drain, List<String> active,
            List<String> eventIds, Optional<String> waitsFor) {
    }

    /** @param nodes cluster nodes of the affected VMs; @param deadline NotBefore relative to now */
    record EventLine(String eventId, String type, String status, List<String> resources,
            List<String> nodes, Optional<Instant> notBefore, String deadline,
            Optional<String> source, OptionalLong durationSeconds) {
    }

    /** @param remaining "in 8s" or "expired 3m 0s ago" */
    record LeaseLine(String holder, Instant expiry, String remaining) {
    }

    record PlanLine(String action, String reason) {
    }

    static StatusView of(String agent, String source, NodeIdentity self, Instant now,
            ClusterSnapshot snapshot, Map<String, List<String>> active, EventsDocument document,
            Plan plan) {
        Map<String, String> nodeOfVm = new TreeMap<>(snapshot.hostNames());
        for (ClusterNode n : snapshot.nodes()) {
            n.record().azName().ifPresent(az -> nodeOfVm.put(az, n.name()));
        }
        nodeOfVm.put(self.azName(), self.nodeName());
        List<EventLine> events = new ArrayList<>();
        for (ScheduledEvent e : document.events()) {
            List<String> on = e.resources().stream()
                    .map(vm -> nodeOfVm.getOrDefault(vm, "?")).toList();
            events.add(new EventLine(e.eventId(), e.eventType(), e.status().azureName(),
                    e.resources(), on, e.notBefore(), deadline(e.notBefore(), now),
                    e.eventSource(), e.durationSeconds()));
        }
        long available = snapshot.nodes().stream().filter(ClusterNode::canHost)
                .filter(n -> n.record().state() == NodeState.AVAILABLE).count();
        List<NodeLine> nodes = new ArrayList<>();
        for (ClusterNode n : snapshot.nodes()) {
            List<String> running = active.getOrDefault(n.name(), List.of());
            List<EventLine> mine = events.stream().filter(e -> e.nodes().contains(n.name()))
                    .toList();
            nodes.add(node(n, agent, running, mine, available, now));
        }
        List<PlanLine> lines = plan.actions().stream()
                .map(a -> new PlanLine(describe(a), a.reason())).toList();
        Optional<LeaseLine> lease = snapshot.lease().map(l -> lease(l, now));
        return new StatusView(agent, source, self.nodeName(), self.azName(), now,
                Optional.of(document.incarnation()), lease, nodes, events, lines, plan.notes(),
                Optional.empty());
    }

    static StatusView unavailable(String agent, String source, String node, String azName,
            Instant now, String problem) {
        return new StatusView(agent, source, node, azName, now, Optional.empty(),
                Optional.empty(), List.of(), List.of(), List.of(), List.of(),
                Optional.of(problem));
    }

    private static LeaseLine lease(PullLease l, Instant now) {
        Duration left = Duration.between(now, l.expiry());
        String remaining = l.expiredAt(now) ? "expired " + span(left.abs()) + " ago (stale: the"
                + " next pass breaks it)" : "in " + span(left);
        return new LeaseLine(l.holder(), l.expiry(), remaining);
    }

    private static NodeLine node(ClusterNode n, String agent, List<String> running,
            List<EventLine> events, long available, Instant now) {
        List<String> pacemaker = new ArrayList<>();
        pacemaker.add(n.online() ? "online" : "offline");
        if (n.standby()) {
            pacemaker.add("standby");
        }
        if (n.maintenance()) {
            pacemaker.add("maintenance");
        }
        if (n.unclean()) {
            pacemaker.add("unclean");
        }
        if (!n.healthy()) {
            pacemaker.add("unhealthy");
        }
        String resources = n.changingResources() ? "changing"
                : n.runsResources() ? "running" : "drained";
        Optional<String> waits = WaitSentence.of(n, running, events, available, now);
        return new NodeLine(n.name(), String.join(",", pacemaker), n.record().state().name(),
                n.record().pendingEventIds(), resources, n.record().azName(), drain(n, agent),
                List.copyOf(running), events.stream().map(EventLine::eventId).toList(), waits);
    }

    /** Standby or a negative {@code #health-azure}, and whether the agent set it. */
    static String drain(ClusterNode n, String agent) {
        String who = n.record().drainedByAgent() ? "set by the agent"
                : "set by an administrator, the agent leaves it alone";
        if (agent.equals("azure-events-az")) {
            int health = n.record().healthAzure().orElse(0);
            return health < 0 ? "health " + health + " (" + who + ")" : "none";
        }
        return n.standby() ? "standby (" + who + ")" : "none";
    }

    /** "in 14m 5s", "3m ago", or "-" for a Started event (Azure sends no NotBefore then). */
    static String deadline(Optional<Instant> notBefore, Instant now) {
        if (notBefore.isEmpty()) {
            return "-";
        }
        Duration d = Duration.between(now, notBefore.get());
        String span = span(d.abs());
        return d.isNegative() ? span + " ago" : "in " + span;
    }

    static String span(Duration d) {
        long s = d.getSeconds();
        if (s >= 3600) {
            return s / 3600 + "h " + (s % 3600) / 60 + "m";
        }
        return s >= 60 ? s / 60 + "m " + s % 60 + "s" : s + "s";
    }

    static String describe(Action action) {
        if (action instanceof Action.SetNodeState s) {
            return "set " + s.node() + " " + s.state() + " " + s.eventIds();
        } else if (action instanceof Action.SetStandby s) {
            return "standby " + (s.on() ? "on" : "off") + " " + s.node();
        } else if (action instanceof Action.SetHealth h) {
            return "#health-azure=" + h.value() + " on " + h.node();
        } else if (action instanceof Action.RecordOverride o) {
            return "record override of " + o.eventIds() + " on " + o.node();
        } else if (action instanceof Action.RecordIdentity r) {
            return "record azName " + r.azName() + " for " + r.node();
        } else if (action instanceof Action.RecordDocVersion r) {
            return "record lastDocVersion " + r.incarnation() + " on " + r.node();
        }
        return "approve " + ((Action.ApproveEvents) action).eventIds();
    }
}
