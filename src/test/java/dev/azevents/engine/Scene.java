package dev.azevents.engine;

import dev.azevents.imds.EventStatus;
import dev.azevents.imds.EventsDocument;
import dev.azevents.imds.ScheduledEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * A cluster and an events document written as a script, for engine tests: nodes node1..nodeN on
 * VMs vm1..vmN, identities recorded, everything AVAILABLE and running until a test says otherwise.
 */
final class Scene {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private final Map<String, ClusterNode> nodes = new LinkedHashMap<>();
    private final List<ScheduledEvent> events = new ArrayList<>();
    private final Map<String, String> staleHostNames = new TreeMap<>();
    private long incarnation = 7;
    private boolean quorate = true;
    private Policy policy;

    private Scene(Strategy strategy, int count) {
        this.policy = Policy.defaults(strategy);
        for (int i = 1; i <= count; i++) {
            NodeRecord r = new NodeRecord(NodeState.AVAILABLE, List.of(), Optional.of("7"),
                    Optional.of("vm" + i), false, strategy == Strategy.HEALTH
                            ? OptionalInt.of(Draft.HEALTH_OK) : OptionalInt.empty());
            nodes.put("node" + i, new ClusterNode("node" + i, true, false, false, false, true,
                    true, false, false, true, r));
        }
    }

    static Scene standby(int nodes) {
        return new Scene(Strategy.STANDBY, nodes);
    }

    static Scene health(int nodes) {
        return new Scene(Strategy.HEALTH, nodes);
    }

    Scene node(String name, UnaryOperator<ClusterNode> change) {
        nodes.put(name, change.apply(nodes.get(name)));
        return this;
    }

    Scene record(String name, UnaryOperator<NodeRecord> change) {
        return node(name, n -> with(n, change.apply(n.record())));
    }

    /** The agent drained this node for these events: state, ids, drain, nothing running. */
    Scene drainedByAgent(String name, NodeState state, String... ids) {
        boolean health = policy.strategy() == Strategy.HEALTH;
        return node(name, n -> new ClusterNode(n.name(), n.online(), !health || n.standby(),
                false, false, !health, false, false, false, health,
                new NodeRecord(state, List.of(ids),
                        n.record().lastDocVersion(), n.record().azName(), true,
                        health ? OptionalInt.of(Draft.HEALTH_DRAINED) : OptionalInt.empty())));
    }

    /**
     * The node leaves the cluster ({@code crm node delete}) but its {@code hostName_<vm>}
     * property stays behind, naming it.
     */
    Scene removeKeepingHostName(String name) {
        ClusterNode gone = nodes.remove(name);
        gone.record().azName().ifPresent(az -> staleHostNames.put(az, name));
        return this;
    }

    /** A {@code hostName_<vm>} property, whatever node it names. */
    Scene hostName(String vm, String node) {
        staleHostNames.put(vm, node);
        return this;
    }

    Scene quorate(boolean value) {
        quorate = value;
        return this;
    }

    Scene event(String id, String type, EventStatus status, String... vms) {
        Optional<Instant> notBefore = status == EventStatus.SCHEDULED
                ? Optional.of(NOW.plus(Duration.ofMinutes(15))) : Optional.empty();
        return event(new ScheduledEvent(id, type, status, "VirtualMachine", List.of(vms),
                notBefore, Optional.of(""), Optional.of("Platform"), OptionalLong.of(-1)));
    }

    Scene event(ScheduledEvent e) {
        events.add(e);
        incarnation++;
        return this;
    }

    Scene incarnation(long value) {
        incarnation = value;
        return this;
    }

    Scene policy(UnaryOperator<Policy> change) {
        policy = change.apply(policy);
        return this;
    }

    ClusterSnapshot snapshot() {
        Map<String, String> hostNames = new TreeMap<>();
        nodes.values().forEach(n -> n.record().azName().ifPresent(az -> hostNames.put(az,
                n.name())));
        hostNames.putAll(staleHostNames);
        return new ClusterSnapshot(List.copyOf(nodes.values()), Optional.empty(), hostNames,
                false, false, quorate);
    }

    EventsDocument document() {
        return new EventsDocument(incarnation, events);
    }

    /** The pass of {@code node} on this scene. */
    Plan passOn(String node) {
        String vm = "vm" + node.substring("node".length());
        return new Engine().decide(snapshot(), document(), new NodeIdentity(node, vm), policy,
                NOW);
    }

    /** The pass of {@code node} on this scene, remembering what its earlier reads missed. */
    Plan passOn(String node, EventAbsences absences) {
        String vm = "vm" + node.substring("node".length());
        return new Engine().decide(snapshot(), document(), new NodeIdentity(node, vm), policy,
                NOW, absences.observe(snapshot(), document(), new NodeIdentity(node, vm), policy,
                        NOW));
    }

    static ClusterNode with(ClusterNode n, NodeRecord r) {
        return new ClusterNode(n.name(), n.online(), n.standby(), n.maintenance(), n.unclean(),
                n.healthy(), n.runsResources(), n.changingResources(), n.shuttingDown(), n.runsAgent(),
                r);
    }

    static ClusterNode offline(ClusterNode n) {
        return new ClusterNode(n.name(), false, n.standby(), n.maintenance(), n.unclean(),
                n.healthy(), false, false, false, false, n.record());
    }

    static ClusterNode inStandby(ClusterNode n) {
        return new ClusterNode(n.name(), n.online(), true, n.maintenance(), n.unclean(),
                n.healthy(), false, false, n.shuttingDown(), n.runsAgent(), n.record());
    }

    static ClusterNode shuttingDown(ClusterNode n) {
        return new ClusterNode(n.name(), n.online(), n.standby(), n.maintenance(), n.unclean(),
                n.healthy(), n.runsResources(), true, true, n.runsAgent(), n.record());
    }

    /** Our clone is not running there (stopped, banned or failed). */
    static ClusterNode withoutAgent(ClusterNode n) {
        return new ClusterNode(n.name(), n.online(), n.standby(), n.maintenance(), n.unclean(),
                n.healthy(), n.runsResources(), n.changingResources(), n.shuttingDown(), false,
                n.record());
    }

    static ClusterNode idle(ClusterNode n) {
        return new ClusterNode(n.name(), n.online(), n.standby(), n.maintenance(), n.unclean(),
                n.healthy(), false, false, n.shuttingDown(), n.runsAgent(), n.record());
    }
}
