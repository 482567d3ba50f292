package dev.azevents.engine;

import dev.azevents.imds.EventStatus;
import dev.azevents.imds.EventsDocument;
import dev.azevents.imds.ScheduledEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The decision of one pass on one node: what to write to the CIB and which events to approve,
 * each with its reason. A pure function of its arguments (no I/O, no clock of its own); see
 * {@link PullLock} for the protocol that runs it: decide without the lease, and only when the plan
 * is not idle take the lease, re-read, decide again and apply.
 *
 * <p>Decisions are level-triggered: each pass compares what Azure lists now with what the agent
 * recorded in the CIB and plans the difference. Event ids are compared, never the document
 * incarnation alone, so an incarnation reset (IMDS idle for 24 h) cannot hide an event, and a pass
 * killed anywhere is repaired by the next one.
 */
public final class Engine implements Decider {

    /** Plans one pass of node {@code me} on one read: a recorded id missing from it is over. */
    public Plan decide(ClusterSnapshot snapshot, EventsDocument document, NodeIdentity me,
            Policy policy, Instant now) {
        return decide(snapshot, document, me, policy, now, EventAbsences.ONE_READ);
    }

    /**
     * Plans one pass of node {@code me}; a recorded event missing from {@code document} is over
     * only once {@code absences} (this node's earlier reads) confirm it.
     */
    @Override
    public Plan decide(ClusterSnapshot snapshot, EventsDocument document, NodeIdentity me,
            Policy policy, Instant now, EventAbsences absences) {
        Optional<ClusterNode> found = snapshot.node(me.nodeName());
        if (found.isEmpty()) {
            return new Plan(List.of(), List.of("node " + me.nodeName()
                    + " is not in the cluster snapshot: nothing decided"));
        }
        ClusterNode self = found.get();
        if (!snapshot.quorate()) {
            // A partition without quorum sees a view that may be stale and its writes may be
            // discarded when it rejoins: draining, letting peers out or approving from it could
            // act on nodes that the quorate side has already moved on.
            return new Plan(List.of(), List.of("this node's partition has no quorum: nothing "
                    + "written, nothing approved until quorum returns"));
        }
        EventTriage events = new EventTriage(document, policy, now, me.azName(),
                nodeByAzName(snapshot, me), absences);
        Draft draft = new Draft(snapshot, policy.strategy());
        document.problems().forEach(draft::note);
        noteUnconfirmedEnds(snapshot, me, policy.strategy(), events, draft);

        recordIdentity(self, me, snapshot, draft);
        if (policy.strategy() == Strategy.STANDBY) {
            // In standby the drained node's own clone is stopped: peers must let it out. First,
            // so that a peer let out now counts as able to host below (not yet as running our
            // clone: see Draft.runsAgentNow).
            PeerDrains.follow(self, snapshot, events, draft);
        }
        List<String> overridden = AdminOverride.follow(self, events, draft);
        switch (draft.state(self.name())) {
            case AVAILABLE, ON_HOLD -> takeUpLocalEvents(self, snapshot, events, overridden,
                    draft);
            case STOPPING, IN_EVENT -> followLocalEvents(self, snapshot, events, overridden,
                    draft);
        }
        convergeDrain(self, draft);
        switch (policy.strategy()) {
            // Peers approve the events of drained nodes (their own clones are stopped).
            case STANDBY -> approveReadyEvents(events.scheduled(), snapshot, events, draft);
            // The health strategy keeps the clone running on the drained node: it approves its
            // own events and brings itself back.
            case HEALTH -> approveReadyEvents(localScheduled(self, events, draft), snapshot,
                    events, draft);
        }
        return draft.plan(self, document.incarnation());
    }

    /** AVAILABLE or ON_HOLD: drain for this VM's events if another node can take over. */
    private static void takeUpLocalEvents(ClusterNode self, ClusterSnapshot snapshot,
            EventTriage events, List<String> overridden, Draft draft) {
        String node = self.name();
        boolean held = draft.state(node) == NodeState.ON_HOLD;
        noteLocalEventsLeftAlone(events, draft);
        List<ScheduledEvent> drainable = events.localToDrain().stream()
                .filter(e -> !overridden.contains(e.eventId())).toList();
        List<String> toDrain = ids(drainable);
        List<String> wanted = held ? union(stillListed(draft.ids(node), events), toDrain)
                : toDrain;
        if (wanted.isEmpty()) {
            if (held || !draft.ids(node).isEmpty()) {
                draft.setState(node, NodeState.AVAILABLE, List.of(), "events "
                        + draft.ids(node) + " of " + node + " no longer listed"
                        + (held ? ": hold lifted" : ""));
            }
            return;
        }
        if (toDrain.isEmpty()) {
            // Held events that Azure started anyway (at NotBefore): draining now is too late.
            if (!wanted.equals(draft.ids(node))) {
                draft.setState(node, NodeState.ON_HOLD, wanted, node + " still held for "
                        + wanted);
            }
            draft.note("events " + wanted + " of " + node + " started while it was held: "
                    + "nothing left to drain, waiting for Azure to finish them");
            return;
        }
        List<String> peers = peersAbleToTakeOver(node, snapshot, draft);
        Optional<String> blocker = drainBlocker(node, peers, snapshot, draft);
        if (blocker.isPresent()) {
            draft.setState(node, NodeState.ON_HOLD, wanted, "events " + wanted + " for " + node
                    + ", but " + blocker.get() + ": holding");
            return;
        }
        String reason = "events " + describe(drainable) + " for " + node + ": "
                + peers.size() + " node(s) can take over (" + String.join(", ", peers) + ")";
        // Record at once every event that will keep the node drained (a Started one beside the
        // Scheduled), so that the next pass finds nothing more to write.
        draft.setState(node, NodeState.STOPPING, union(wanted,
                without(ids(events.holding(node)), overridden)),
                reason + ": draining");
        if (!draft.drainApplied(node)) {
            draft.drain(node, reason);
        }
    }

    /** STOPPING or IN_EVENT: follow Azure's list; back to AVAILABLE once all are gone. */
    private static void followLocalEvents(ClusterNode self, ClusterSnapshot snapshot,
            EventTriage events, List<String> overridden, Draft draft) {
        String node = self.name();
        NodeState state = draft.state(node);
        List<String> recorded = draft.ids(node);
        // Any relevant event naming this VM keeps it drained, whatever its id or status: Azure
        // lists a follow-up under a new id, or a no-notice one already Started (issue #10.5).
        List<String> wanted = union(stillListed(recorded, events),
                without(ids(events.holding(node)), overridden));
        if (wanted.isEmpty()) {
            if (self.changingResources()) {
                draft.note("events " + recorded + " of " + node + " are over; waiting for its "
                        + "resource actions to finish before bringing it back");
                return;
            }
            if (!events.freeLongEnough(node)) {
                draft.note(notFreeLongEnough(node));
                return;
            }
            draft.setState(node, NodeState.AVAILABLE, List.of(), "events " + recorded + " of "
                    + node + " no longer listed by Azure: " + node + " is back");
            return;
        }
        if (!wanted.equals(recorded)) {
            draft.setState(node, state, wanted, node + " now waits for events " + wanted
                    + " (recorded " + recorded + ")");
        }
        if (state == NodeState.STOPPING && !draft.drainApplied(node)) {
            redrain(self, snapshot, events, draft);
        }
    }

    /**
     * STOPPING but the drain is gone (a reboot dropped a transient health value, or someone
     * lifted it): drain again only for events still to come, and only if another node can take
     * over; otherwise hold.
     */
    private static void redrain(ClusterNode self, ClusterSnapshot snapshot, EventTriage events,
            Draft draft) {
        String node = self.name();
        List<String> toCome = ids(events.localToDrain());
        if (toCome.isEmpty()) {
            draft.note(node + " is STOPPING but its events have started: nothing left to drain");
            return;
        }
        Optional<String> blocker = drainBlocker(node, peersAbleToTakeOver(node, snapshot, draft),
                snapshot, draft);
        if (blocker.isPresent()) {
            draft.setState(node, NodeState.ON_HOLD, draft.ids(node), node + " is STOPPING but "
                    + "not drained, and " + blocker.get() + ": holding");
            return;
        }
        draft.drain(node, node + " is STOPPING for " + toCome + " but not drained: draining");
    }

    /**
     * Why {@code node} may not be drained now, or empty when it may: another node must be able
     * to take over, and with the standby strategy another node must run our clone, since the
     * drained node's own clone stops and only a peer can let it out after its reboot.
     */
    private static Optional<String> drainBlocker(String node, List<String> peers,
            ClusterSnapshot snapshot, Draft draft) {
        if (peers.isEmpty()) {
            return Optional.of("no other node is AVAILABLE and able to host (" + whyNot(snapshot,
                    node, draft) + "): not draining the last node");
        }
        if (draft.strategy() == Strategy.STANDBY && snapshot.nodes().stream()
                .noneMatch(n -> !n.name().equals(node) && draft.runsAgentNow(n))) {
            return Optional.of("no other node runs the " + Strategy.STANDBY.attributePrefix()
                    + " clone, so nobody could let " + node + " out of standby after its "
                    + "reboot");
        }
        return Optional.empty();
    }

    private static List<String> peersAbleToTakeOver(String node, ClusterSnapshot snapshot,
            Draft draft) {
        return snapshot.nodes().stream()
                .filter(n -> !n.name().equals(node) && draft.canTakeOver(n))
                .map(ClusterNode::name).toList();
    }

    /** Not draining or in an event, but the agent's own drain is still in place: undo it. */
    private static void convergeDrain(ClusterNode self, Draft draft) {
        NodeState state = draft.state(self.name());
        boolean draining = state == NodeState.STOPPING || state == NodeState.IN_EVENT;
        if (!draining && draft.ownedDrainLeft(self.name())) {
            draft.undrain(self.name(), self.name() + " is " + state
                    + " with no pending event: undoing the agent's own drain");
        }
    }

    /**
     * Approves each event whose every affected node is draining for it and drained, marking those
     * nodes IN_EVENT. Never approves an event that names a VM outside the cluster: speeding up
     * another system's maintenance is not this agent's call.
     */
    private static void approveReadyEvents(List<ScheduledEvent> candidates,
            ClusterSnapshot snapshot, EventTriage events, Draft draft) {
        for (ScheduledEvent event : candidates) {
            List<String> affected = events.nodesOf(event);
            if (affected.isEmpty()) {
                continue;
            }
            Optional<String> blocker = approvalBlocker(event, affected, snapshot, events, draft);
            if (blocker.isPresent()) {
                if (affected.stream().anyMatch(n -> draft.state(n) == NodeState.STOPPING)) {
                    draft.note("event " + event.eventId() + " not approved: " + blocker.get());
                }
                continue;
            }
            // Every affected node was already IN_EVENT for this event when the pass read the
            // cluster: an approval was sent (or its pass died before sending it) and Azure has
            // not started the event yet; POST StartRequests is idempotent. Judged on the
            // snapshot, not the draft: a node this same pass moves to IN_EVENT (for another of
            // its events) has not had this one approved.
            boolean again = affected.stream().allMatch(n -> snapshot.node(n)
                    .map(c -> c.record().state() == NodeState.IN_EVENT
                            && c.record().pendingEventIds().contains(event.eventId()))
                    .orElse(false));
            for (String node : affected) {
                draft.setState(node, NodeState.IN_EVENT, draft.ids(node), node
                        + " drained: in event " + event.eventId());
            }
            String why = "event " + EventTriage.describe(event) + ": node(s) "
                    + String.join(", ", affected) + " drained (nothing running or changing)";
            if (again) {
                draft.reapprove(event.eventId(), "approving again, still Scheduled: " + why);
            } else {
                draft.approve(event.eventId(), why);
            }
        }
    }

    /** Why an event may not be approved yet, or empty when it may. */
    private static Optional<String> approvalBlocker(ScheduledEvent event, List<String> affected,
            ClusterSnapshot snapshot, EventTriage events, Draft draft) {
        List<String> foreign = events.foreignVms(event);
        if (!foreign.isEmpty()) {
            boolean unmapped = snapshot.nodes().stream()
                    .anyMatch(n -> n.record().azName().isEmpty());
            return Optional.of(unmapped
                    ? "VMs " + foreign + " unknown and some nodes have not recorded their Azure "
                            + "name yet"
                    : "it also affects VMs outside the cluster " + foreign
                            + "; Azure starts it at NotBefore");
        }
        for (String name : affected) {
            Optional<ClusterNode> found = snapshot.node(name);
            if (found.isEmpty()) {
                return Optional.of(name + " is not a cluster node");
            }
            ClusterNode node = found.get();
            NodeState state = draft.state(name);
            boolean draining = state == NodeState.STOPPING || state == NodeState.IN_EVENT;
            if (!draining || !draft.ids(name).contains(event.eventId())) {
                return Optional.of(name + " is " + state + " and must pick the event up itself");
            }
            if (!draft.ready(node)) {
                return Optional.of(name + (node.runsResources() ? " still runs resources"
                        : node.changingResources() ? " has resource actions in flight"
                        : " is not drained yet"));
            }
        }
        return Optional.empty();
    }

    private static List<ScheduledEvent> localScheduled(ClusterNode self, EventTriage events,
            Draft draft) {
        List<String> recorded = draft.ids(self.name());
        return events.local().stream().filter(e -> e.status() == EventStatus.SCHEDULED)
                .filter(e -> recorded.contains(e.eventId())).toList();
    }

    private static void recordIdentity(ClusterNode self, NodeIdentity me, ClusterSnapshot snapshot,
            Draft draft) {
        boolean recorded = self.record().azName().equals(Optional.of(me.azName()))
                && me.nodeName().equals(snapshot.hostNames().get(me.azName()));
        if (!recorded) {
            draft.recordIdentity(me.nodeName(), me.azName(), "node " + me.nodeName()
                    + " runs on Azure VM " + me.azName() + " (not recorded yet)");
        }
    }

    private static void noteLocalEventsLeftAlone(EventTriage events, Draft draft) {
        for (ScheduledEvent e : events.unrecordable()) {
            draft.note("event " + EventTriage.describe(e) + " ignored: its id cannot be recorded"
                    + " in the CIB (comma, control or non-ASCII character); Azure starts it at"
                    + " NotBefore");
        }
        for (ScheduledEvent e : events.local()) {
            if (e.status() == EventStatus.UNREADABLE) {
                draft.note("event " + e.eventId() + " for this VM could not be read fully (see"
                        + " the document's problems): not drained for, never approved; it keeps"
                        + " this node drained if it already is");
            } else if (e.status() == EventStatus.STARTED) {
                draft.note("event " + EventTriage.describe(e) + " already started (no notice, "
                        + "e.g. a host failure): nothing left to drain");
            } else if (events.deferred(e)) {
                draft.note("event " + EventTriage.describe(e) + " is beyond the drain lead time:"
                        + " draining later");
            }
        }
    }

    /**
     * Azure name → node, from {@code hostName_*}, the nodes' {@code azName} and this pass. Only
     * nodes of the snapshot: a {@code hostName_<vm>} left behind by a node removed from the
     * cluster ({@code crm node delete}) names a VM that is now foreign, like any VM outside.
     */
    static Map<String, String> nodeByAzName(ClusterSnapshot snapshot, NodeIdentity me) {
        Set<String> members = snapshot.nodes().stream().map(ClusterNode::name)
                .collect(Collectors.toSet());
        Map<String, String> map = new TreeMap<>();
        for (ClusterNode n : snapshot.nodes()) {
            n.record().azName().ifPresent(az -> map.put(az, n.name()));
        }
        new TreeMap<>(snapshot.hostNames()).forEach((az, node) -> {
            if (members.contains(node)) {
                map.put(az, node);
            }
        });
        map.put(me.azName(), me.nodeName());
        return map;
    }

    private static String whyNot(ClusterSnapshot snapshot, String self, Draft draft) {
        List<String> reasons = new ArrayList<>();
        for (ClusterNode n : snapshot.nodes()) {
            if (n.name().equals(self)) {
                continue;
            }
            String why = !n.online() ? "offline" : n.unclean() ? "unclean"
                    : n.shuttingDown() ? "shutting down"
                    : n.maintenance() ? "in maintenance" : n.standby() ? "in standby"
                    : !n.healthy() ? "unhealthy" : draft.state(n.name()).name();
            reasons.add(n.name() + " " + why);
        }
        return reasons.isEmpty() ? "single-node cluster" : String.join(", ", reasons);
    }

    /** Why a drained node whose events this read misses is not let out yet. */
    static String notFreeLongEnough(String node) {
        return "nothing listed keeps " + node + " out in this read, but not yet in reads one"
                + " monitor interval apart: letting it back in at a later pass (a briefly empty"
                + " document must not end a drain)";
    }

    /** The recorded ids not over yet: listed, or missing for less than the confirmation. */
    static List<String> stillListed(List<String> recorded, EventTriage events) {
        return recorded.stream().filter(events::countsAsListed).toList();
    }

    /**
     * Says which drains this pass could end but waits for a second read: their events are
     * missing from this document, not for long enough to count as over ({@link EventAbsences}).
     * Standby: any node's (peers let drained nodes out); health: this node's own.
     */
    private static void noteUnconfirmedEnds(ClusterSnapshot snapshot, NodeIdentity me,
            Strategy strategy, EventTriage events, Draft draft) {
        for (ClusterNode n : snapshot.nodes()) {
            NodeState state = n.record().state();
            boolean decidesIt = strategy == Strategy.STANDBY || n.name().equals(me.nodeName());
            if (state == NodeState.AVAILABLE || !decidesIt) {
                continue;
            }
            List<String> recorded = n.record().pendingEventIds();
            Optional<Instant> at = recorded.stream().map(events::endsAt)
                    .flatMap(Optional::stream).max(Instant::compareTo);
            if (at.isPresent()) {
                // Whole seconds, rounded up: the pass at or after that time decides.
                Instant shown = at.get().getNano() == 0 ? at.get()
                        : at.get().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                                .plusSeconds(1);
                draft.note("events " + recorded + " of " + n.name() + " (" + state + ") are not"
                        + " all in this VM's document; they count as over only if still missing"
                        + " at " + shown + " (a briefly empty document must not end a drain)");
            }
        }
    }

    /** {@code ids} without those in {@code left}, in order. */
    static List<String> without(List<String> ids, List<String> left) {
        return ids.stream().filter(id -> !left.contains(id)).toList();
    }

    static List<String> union(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        second.stream().filter(id -> !all.contains(id)).forEach(all::add);
        return all;
    }

    static List<String> ids(List<ScheduledEvent> events) {
        return events.stream().map(ScheduledEvent::eventId).toList();
    }

    private static String describe(List<ScheduledEvent> events) {
        return events.stream().map(EventTriage::describe).collect(Collectors.joining(", "));
    }
}
