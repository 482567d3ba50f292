package dev.azevents.engine;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.azevents.imds.EventStatus;
import dev.azevents.imds.EventsDocument;
import dev.azevents.imds.ScheduledEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The engine never throws, whatever the cluster looks like (issue 10, item 1): a
 * {@code hostName_} naming a node that left, two nodes claiming one VM, this node missing, a
 * peer shutting down or without our clone, no quorum. And it never writes about a node that is
 * not in the snapshot.
 */
class EngineHostilePropertyTest {

    @Property(tries = 3000)
    void neverThrowsAndWritesOnlyAboutMembers(@ForAll long seed) {
        EnginePropertyTest.Case c = hostile(seed);
        Plan plan = assertDoesNotThrow(c::decide, () -> "seed " + seed + ": " + c);
        Set<String> members = c.snapshot().nodes().stream().map(ClusterNode::name)
                .collect(Collectors.toSet());
        for (Action a : plan.actions()) {
            String node = a instanceof Action.SetNodeState s ? s.node()
                    : a instanceof Action.SetStandby s ? s.node()
                    : a instanceof Action.SetHealth h ? h.node()
                    : a instanceof Action.RecordIdentity r ? r.node()
                    : a instanceof Action.RecordDocVersion d ? d.node() : null;
            assertTrue(node == null || members.contains(node),
                    "seed " + seed + ": writes about " + node + ", not a member: " + plan);
        }
        if (!c.snapshot().quorate()) {
            assertTrue(plan.isIdle(), "seed " + seed + ": wrote without quorum: " + plan);
        }
        for (Action a : plan.actions()) {
            if (a instanceof Action.ApproveEvents approve) {
                for (String id : approve.eventIds()) {
                    assertTrue(c.document().find(id).orElseThrow().status()
                            == EventStatus.SCHEDULED,
                            "seed " + seed + ": approved " + id + ", not Scheduled: " + plan);
                }
            }
        }
    }

    @Property(tries = 3000)
    void drainsOnlyWithAPeerNotShuttingDownAndWithStandbyAnotherAgent(@ForAll long seed) {
        EnginePropertyTest.Case c = hostile(seed);
        Plan plan = c.decide();
        for (Action a : plan.actions()) {
            boolean drain = a instanceof Action.SetStandby s && s.on()
                    || a instanceof Action.SetHealth h && h.value() < 0;
            if (!drain) {
                continue;
            }
            String self = c.me().nodeName();
            List<ClusterNode> others = c.snapshot().nodes().stream()
                    .filter(n -> !n.name().equals(self)).toList();
            assertTrue(others.stream().anyMatch(n -> n.online() && !n.shuttingDown()),
                    "seed " + seed + ": drained with every peer leaving: " + plan);
            if (c.policy().strategy() == Strategy.STANDBY) {
                assertTrue(others.stream().anyMatch(n -> n.online() && !n.shuttingDown()
                        && (n.runsAgent() || n.standby())),
                        "seed " + seed + ": standby drain with no peer to let it out: " + plan);
            }
        }
    }

    /** A case of {@link EnginePropertyTest#generate}, then damaged the way real clusters are. */
    static EnginePropertyTest.Case hostile(long seed) {
        EnginePropertyTest.Case c = EnginePropertyTest.generate(seed);
        Random r = new Random(~seed);
        List<ClusterNode> nodes = new ArrayList<>();
        for (ClusterNode n : c.snapshot().nodes()) {
            if (r.nextInt(6) == 0) {
                continue; // removed with crm node delete (possibly this very node)
            }
            NodeRecord rec = n.record();
            if (r.nextInt(6) == 0) {
                // Two nodes claim one VM.
                rec = new NodeRecord(rec.state(), rec.pendingEventIds(), rec.lastDocVersion(),
                        Optional.of("vm1"), rec.drainedByAgent(), rec.healthAzure());
            }
            nodes.add(new ClusterNode(n.name(), n.online(), n.standby(), n.maintenance(),
                    n.unclean(), n.healthy(), n.runsResources(), n.changingResources(),
                    r.nextInt(5) == 0, r.nextInt(4) > 0, rec));
        }
        Map<String, String> hostNames = new TreeMap<>(c.snapshot().hostNames());
        for (int i = 0; i < r.nextInt(4); i++) {
            hostNames.put("vm" + (1 + r.nextInt(6)), "node" + (1 + r.nextInt(7)));
        }
        if (r.nextBoolean()) {
            hostNames.put("outside", "ghost");
        }
        ClusterSnapshot snapshot = new ClusterSnapshot(nodes, c.snapshot().lease(), hostNames,
                r.nextBoolean(), false, r.nextInt(5) > 0);
        // Some events the parser could not read fully (item 12): listed, never acted on.
        List<ScheduledEvent> events = c.document().events().stream()
                .map(e -> r.nextInt(5) > 0 ? e : new ScheduledEvent(
                        e.eventId(), e.eventType(), EventStatus.UNREADABLE,
                        e.resourceType(), e.resources(), Optional.empty(),
                        e.description(), e.eventSource(), e.durationSeconds()))
                .toList();
        EventsDocument doc = new EventsDocument(
                c.document().incarnation(), events, List.of("odd"));
        return new EnginePropertyTest.Case(snapshot, doc, c.me(), c.policy());
    }
}
