package dev.azevents.cli;

import dev.azevents.engine.Action;
import dev.azevents.engine.ClusterNode;
import dev.azevents.engine.ClusterSnapshot;
import dev.azevents.engine.NodeIdentity;
import dev.azevents.engine.Plan;
import dev.azevents.imds.EventsDocument;
import dev.azevents.imds.ScheduledEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What {@code azevents status} shows: per node its state and events, every event with its
 * deadline, and the plan this node would carry out now, with reasons. Data only; the formatters
 * ({@link StatusFormat}) render it.
 *
 * @param problem why part of the picture is missing (IMDS or Pacemaker unreachable)
 */
record StatusView(String agent, String node, String azName, Instant now,
        Optional<Long> incarnation, List<NodeLine> nodes, List<EventLine> events,
        List<PlanLine> plan, List<String> waitingFor, Optional<String> problem) {

    /** @param pacemaker what Pacemaker says: online/offline, standby, maintenance, unclean */
    record NodeLine(String name, String pacemaker, String state, List<String> pendingEventIds,
            String resources, Optional<String> azName) {
    }

    /** @param nodes cluster nodes of the affected VMs; @param deadline NotBefore relative to now */
    record EventLine(String eventId, String type, String status, List<String> resources,
            List<String> nodes, Optional<Instant> notBefore, String deadline) {
    }

    record PlanLine(String action, String reason) {
    }

    static StatusView of(String agent, NodeIdentity self, Instant now, ClusterSnapshot snapshot,
            EventsDocument document, Plan plan) {
        Map<String, String> nodeOfVm = new TreeMap<>(snapshot.hostNames());
        for (ClusterNode n : snapshot.nodes()) {
            n.record().azName().ifPresent(az -> nodeOfVm.put(az, n.name()));
        }
        nodeOfVm.put(self.azName(), self.nodeName());
        List<NodeLine> nodes = snapshot.nodes().stream().map(StatusView::node).toList();
        List<EventLine> events = new ArrayList<>();
        for (ScheduledEvent e : document.events()) {
            List<String> on = e.resources().stream()
                    .map(vm -> nodeOfVm.getOrDefault(vm, "?")).toList();
            events.add(new EventLine(e.eventId(), e.eventType(), e.status().azureName(),
                    e.resources(), on, e.notBefore(), deadline(e.notBefore(), now)));
        }
        List<PlanLine> lines = plan.actions().stream()
                .map(a -> new PlanLine(describe(a), a.reason())).toList();
        return new StatusView(agent, self.nodeName(), self.azName(), now,
                Optional.of(document.incarnation()), nodes, events, lines, plan.notes(),
                Optional.empty());
    }

    static StatusView unavailable(String agent, String node, String azName, Instant now,
            String problem) {
        return new StatusView(agent, node, azName, now, Optional.empty(), List.of(), List.of(),
                List.of(), List.of(), Optional.of(problem));
    }

    private static NodeLine node(ClusterNode n) {
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
        return new NodeLine(n.name(), String.join(",", pacemaker), n.record().state().name(),
                n.record().pendingEventIds(), resources, n.record().azName());
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

    private static String span(Duration d) {
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
