package dev.azevents.engine;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
                        java.util.Optional.of("vm1"), rec.drainedByAgent(), rec.healthAzure());
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
        return new EnginePropertyTest.Case(snapshot, c.document(), c.me(), c.policy());
    }
}
