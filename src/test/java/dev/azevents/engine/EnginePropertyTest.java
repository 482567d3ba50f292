package dev.azevents.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.azevents.imds.EventStatus;
import dev.azevents.imds.EventType;
import dev.azevents.imds.EventsDocument;
import dev.azevents.imds.ScheduledEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The safety rules of one decision, on arbitrary (often absurd) snapshots and documents: what a
 * plan may never contain, whatever the input. Each case is built from one seed, which jqwik
 * prints on failure.
 */
class EnginePropertyTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final List<String> POOL = List.of("e1", "e2", "e3", "e4", "e5");
    static final List<String> TYPES = List.of("Reboot", "Redeploy", "Freeze", "Preempt",
            "Terminate", "Hibernate");
    static final int HEALTH_DRAINED = -1_000_000;

    record Case(ClusterSnapshot snapshot, EventsDocument document, NodeIdentity me,
            Policy policy) {
        Plan decide() {
            return new Engine().decide(snapshot, document, me, policy, NOW);
        }
    }

    @Property(tries = 3000)
    void sameInputSamePlan(@ForAll long seed) {
        Case c = generate(seed);
        assertEquals(c.decide(), c.decide());
    }

    @Property(tries = 3000)
    void approvesOnlyListedScheduledEventsOfClusterNodesDrainedAsRead(@ForAll long seed) {
        Case c = generate(seed);
        Map<String, String> nodeByVm = new TreeMap<>();
        c.snapshot().nodes().forEach(n -> nodeByVm.put("vm" + n.name().substring(4), n.name()));
        for (Action a : c.decide().actions()) {
            if (!(a instanceof Action.ApproveEvents approve)) {
                continue;
            }
            for (String id : approve.eventIds()) {
                ScheduledEvent e = c.document().find(id).orElseThrow();
                assertEquals(EventStatus.SCHEDULED, e.status(), id);
                for (String vm : e.resources()) {
                    ClusterNode n = c.snapshot().node(nodeByVm.get(vm)).orElseThrow(
                            () -> new AssertionError(id + " names " + vm + " outside"));
                    assertTrue(n.drained(), id + ": " + n.name() + " not drained");
                    assertTrue(!n.online() || drainRead(n, c.policy().strategy()),
                            id + ": drain of " + n.name() + " not in the snapshot");
                }
            }
        }
    }

    @Property(tries = 3000)
    void drainsOnlyItselfAndOnlyWithAPeerAbleToTakeOver(@ForAll long seed) {
        Case c = generate(seed);
        Plan plan = c.decide();
        for (Action a : plan.actions()) {
            String drained = a instanceof Action.SetStandby s && s.on() ? s.node()
                    : a instanceof Action.SetHealth h && h.value() < 0 ? h.node() : null;
            if (drained == null) {
                continue;
            }
            assertEquals(c.me().nodeName(), drained, "only the node itself is drained");
            boolean peer = c.snapshot().nodes().stream().anyMatch(n -> !n.name().equals(drained)
                    && n.online() && !n.maintenance() && !n.unclean() && n.healthy()
                    && (!n.standby() || letOut(plan, n.name()))
                    // ON_HOLD: held because not drained, it still hosts (Draft.canTakeOver).
                    && (n.record().state() == NodeState.AVAILABLE
                            || n.record().state() == NodeState.ON_HOLD || setAvailable(plan, n)));
            assertTrue(peer, "drained " + drained + " with no peer able to take over: " + plan);
        }
    }

    @Property(tries = 3000)
    void undoesOnlyItsOwnDrain(@ForAll long seed) {
        Case c = generate(seed);
        for (Action a : c.decide().actions()) {
            String undone = a instanceof Action.SetStandby s && !s.on() ? s.node()
                    : a instanceof Action.SetHealth h && h.value() >= 0 ? h.node() : null;
            if (undone != null) {
                assertTrue(c.snapshot().node(undone).orElseThrow().record().drainedByAgent(),
                        "undid a drain the agent did not set on " + undone);
            }
        }
    }

    private static boolean drainRead(ClusterNode n, Strategy strategy) {
        return switch (strategy) {
            case STANDBY -> n.standby();
            case HEALTH -> n.record().healthAzure().orElse(0) <= HEALTH_DRAINED;
        };
    }

    private static boolean letOut(Plan plan, String node) {
        return plan.actions().contains(new Action.SetStandby(node, false, reasonOf(plan, node)));
    }

    private static String reasonOf(Plan plan, String node) {
        return plan.actions().stream().filter(a -> a instanceof Action.SetStandby s
                && s.node().equals(node)).map(Action::reason).findFirst().orElse("");
    }

    private static boolean setAvailable(Plan plan, ClusterNode n) {
        return plan.actions().stream().anyMatch(a -> a instanceof Action.SetNodeState s
                && s.node().equals(n.name()) && s.state() == NodeState.AVAILABLE);
    }

    static Case generate(long seed) {
        Random r = new Random(seed);
        Strategy strategy = r.nextBoolean() ? Strategy.STANDBY : Strategy.HEALTH;
        int count = 1 + r.nextInt(4);
        List<ClusterNode> nodes = new ArrayList<>();
        Map<String, String> hostNames = new TreeMap<>();
        for (int i = 1; i <= count; i++) {
            boolean recorded = r.nextInt(10) > 0;
            if (recorded) {
                hostNames.put("vm" + i, "node" + i);
            }
            NodeRecord record = new NodeRecord(NodeState.values()[r.nextInt(4)],
                    subset(r, POOL), Optional.of("3"),
                    recorded ? Optional.of("vm" + i) : Optional.empty(), r.nextBoolean(),
                    switch (r.nextInt(3)) {
                        case 0 -> OptionalInt.empty();
                        case 1 -> OptionalInt.of(0);
                        default -> OptionalInt.of(HEALTH_DRAINED);
                    });
            if (r.nextInt(5) < 2) {
                // Looks drained by the agent, so that approvals are exercised often.
                record = new NodeRecord(r.nextBoolean() ? NodeState.STOPPING
                        : NodeState.IN_EVENT, record.pendingEventIds(), record.lastDocVersion(),
                        record.azName(), true, OptionalInt.of(HEALTH_DRAINED));
                nodes.add(new ClusterNode("node" + i, r.nextInt(10) > 0, true, false, false,
                        false, r.nextInt(5) == 0, r.nextInt(5) == 0, false, true, record));
                continue;
            }
            nodes.add(new ClusterNode("node" + i, r.nextInt(10) > 0, r.nextInt(4) == 0,
                    r.nextInt(20) == 0, r.nextInt(20) == 0, r.nextInt(8) > 0, r.nextBoolean(),
                    r.nextInt(4) == 0, false, true, record));
        }
        List<ScheduledEvent> events = new ArrayList<>();
        for (String id : subset(r, POOL)) {
            List<String> vms = new ArrayList<>();
            vms.add("vm" + (1 + r.nextInt(count + 1)));
            if (r.nextInt(4) == 0) {
                vms.add(r.nextBoolean() ? "outside" : "vm" + (1 + r.nextInt(count)));
            }
            EventStatus status = r.nextInt(4) == 0 ? EventStatus.STARTED : EventStatus.SCHEDULED;
            events.add(new ScheduledEvent(id, TYPES.get(r.nextInt(TYPES.size())), status,
                    "VirtualMachine", vms.stream().distinct().toList(),
                    status == EventStatus.SCHEDULED
                            ? Optional.of(NOW.plusSeconds(r.nextInt(7200))) : Optional.empty(),
                    Optional.empty(), Optional.empty(), OptionalLong.of(r.nextInt(60) - 1)));
        }
        Set<EventType> types = r.nextBoolean() ? Policy.DEFAULT_EVENT_TYPES
                : EnumSet.allOf(EventType.class);
        Policy policy = new Policy(strategy, types,
                r.nextBoolean() ? Optional.empty() : Optional.of(Duration.ofMinutes(30)),
                Duration.ofSeconds(r.nextInt(20)), Policy.DEFAULT_LEASE,
                r.nextBoolean() ? EventScope.EVERY_VM : EventScope.UNKNOWN);
        int self = 1 + r.nextInt(count);
        return new Case(new ClusterSnapshot(nodes, Optional.empty(), hostNames, false, false,
                true),
                new EventsDocument(1 + r.nextInt(5), events),
                new NodeIdentity("node" + self, "vm" + self), policy);
    }

    private static List<String> subset(Random r, List<String> pool) {
        return pool.stream().filter(x -> r.nextInt(3) == 0).toList();
    }
}
