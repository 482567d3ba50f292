package dev.azevents.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.azevents.engine.ClusterNode;
import dev.azevents.engine.ClusterSnapshot;
import dev.azevents.engine.NodeState;
import dev.azevents.engine.Strategy;
import dev.azevents.imds.EventType;
import dev.azevents.ocf.Agent;
import dev.azevents.ocf.OcfExit;
import dev.azevents.ocf.ProductionWiring;
import dev.azevents.sim.EventSpec;
import dev.azevents.sim.ImdsSimulator;
import dev.azevents.sim.SimAdmin;
import dev.azevents.sim.SimEvent;
import dev.azevents.sim.SimSettings;
import dev.azevents.testing.CibFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's story on real Pacemaker data: the real agent's {@code monitor} (the OCF code path,
 * production wiring) runs for one node at a time against a CIB file ({@code CIB_file}) and the
 * IMDS simulator, and {@code crm_simulate} plays the cluster's reaction between passes
 * (resources moving, the rebooted node leaving and coming back). Node K is VM {@code vmK};
 * every VM sees every event (an availability set). Each writing pass is three CIB operations:
 * the lease taken, the plan's one update, the lease released; an idle pass is none.
 */
class PacemakerStoryTest {

    private static final List<String> NODES = List.of("node1", "node2", "node3");

    @TempDir
    Path dir;

    private CibFile cib;
    private ImdsSimulator imds;
    private final StringBuilder log = new StringBuilder();

    @AfterEach
    void closeSimulator() {
        if (imds != null) {
            imds.close();
        }
    }

    private void open(String fixture) {
        cib = CibFile.copy(fixture, dir);
        // Passes here follow each other in milliseconds, not at the 10 s monitor interval: IMDS's
        // 5 requests per second per VM would refuse the third pass of a second, so no limit.
        imds = ImdsSimulator.builder().vm("vm1").vm("vm2").vm("vm3")
                .settings(SimSettings.defaults().withRequestsPerSecond(0))
                .log(line -> { }).build();
        imds.start();
    }

    private Map<String, String> env(Strategy strategy, String node) throws IOException {
        String vm = "vm" + node.substring("node".length());
        Path tmp = Files.createDirectories(dir.resolve("rsctmp-" + node));
        Map<String, String> env = new TreeMap<>(System.getenv());
        env.put("CIB_file", cib.path().toString());
        env.put("HA_RSCTMP", tmp.toString());
        env.put("OCF_RESOURCE_INSTANCE", strategy.attributePrefix() + ":" + node.substring(4));
        env.put("OCF_RESKEY_CRM_meta_on_node", node);
        env.put("OCF_RESKEY_CRM_meta_interval", "10000");
        env.put("OCF_RESKEY_imds_url", imds.metadataUrl(vm).toString());
        env.put("OCF_RESKEY_retry_count", "0");
        env.put("OCF_RESKEY_eventTypes", "Reboot,Redeploy");
        return env;
    }

    /** Runs one OCF action of the real agent for a node; returns its exit code. */
    private OcfExit agent(Strategy strategy, String node, String action) throws IOException {
        Map<String, String> env = env(strategy, node);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        OcfExit exit = new Agent(strategy, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                later(ProductionWiring.of(env))).run(action);
        log.append("== ").append(node).append(' ').append(action).append(" -> ").append(exit)
                .append('\n').append(err.toString(StandardCharsets.UTF_8));
        return exit;
    }

    /** How far the agents' clock is ahead of the wall clock: passes a monitor interval apart. */
    private java.time.Duration elapsed = java.time.Duration.ZERO;

    private dev.azevents.ocf.Wiring later(dev.azevents.ocf.Wiring w) {
        return new dev.azevents.ocf.Wiring(w.imds(), w.cluster(), w.configuration(),
                w.decider(), java.time.Clock.offset(w.clock(), elapsed), w.sleeper());
    }

    /**
     * The event is over: the first pass only notes that its read misses it; the pass one
     * monitor interval (10 s) later lets node2 back (a briefly empty document must not).
     */
    private void passesAnIntervalApart(Strategy strategy, String node) throws IOException {
        monitor(strategy, node);
        assertTrue(node(strategy, "node2").record().state() != NodeState.AVAILABLE,
                () -> "one read that misses the event is not enough\n" + log);
        elapsed = elapsed.plusSeconds(10);
        monitor(strategy, node);
    }

    private void monitor(Strategy strategy, String node) throws IOException {
        assertEquals(OcfExit.SUCCESS, agent(strategy, node, "monitor"), log::toString);
    }

    private ClusterSnapshot snapshot(Strategy strategy) {
        CibResult<ClusterSnapshot> s = new PacemakerCluster(cib.tools(), Map.of())
                .snapshot(strategy);
        if (s instanceof CibResult.Failed<ClusterSnapshot> f) {
            throw new AssertionError(f.describe());
        }
        return ((CibResult.Ok<ClusterSnapshot>) s).value();
    }

    private ClusterNode node(Strategy strategy, String name) {
        return snapshot(strategy).node(name).orElseThrow();
    }

    private SimEvent event(String id) {
        return imds.events().stream().filter(e -> e.eventId().equals(id)).findFirst()
                .orElseThrow();
    }

    /** A reboot empties {@code HA_RSCTMP} (a tmpfs): the agent's state file is gone. */
    private void rebootTmpfs(String node) throws IOException {
        try (var files = Files.list(dir.resolve("rsctmp-" + node))) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
    }

    /** Runs a pass and checks it changed nothing in the CIB. */
    private void idleMonitor(Strategy strategy, String node) throws IOException {
        List<Long> before = cib.version();
        monitor(strategy, node);
        assertEquals(before, cib.version(), () -> node + ": an idle pass changes nothing\n" + log);
    }

    /** node2 can host again; one more pass everywhere, then every pass writes nothing. */
    private void settlesThenIdle(Strategy strategy) throws IOException {
        cib.simulateReaction();
        assertTrue(node(strategy, "node2").canHost());
        for (String n : NODES) {
            monitor(strategy, n);
        }
        for (String n : NODES) {
            idleMonitor(strategy, n);
        }
    }

    @Test
    void standbyStoryDrainApproveByAPeerAndOrphanRecovery() throws IOException {
        Strategy s = Strategy.STANDBY;
        open("story-standby.xml");
        for (String n : NODES) {
            assertEquals(OcfExit.SUCCESS, agent(s, n, "start"), log::toString);
            monitor(s, n);
        }
        for (String n : NODES) {
            idleMonitor(s, n);
        }
        String id = imds.schedule(EventSpec.of(EventType.REBOOT, "vm2")).eventId();

        // node2 sees its own event: STOPPING with the event, standby on, in one CIB update
        // between taking the lease and releasing it.
        List<Long> before = cib.version();
        monitor(s, "node2");
        assertEquals(before.get(0) + 3, cib.version().get(0), "lease, the plan, release");
        assertEquals(Optional.empty(), snapshot(s).lease());
        ClusterNode node2 = node(s, "node2");
        assertEquals(NodeState.STOPPING, node2.record().state(), log::toString);
        assertEquals(List.of(id), node2.record().pendingEventIds());
        assertTrue(node2.standby() && node2.record().drainedByAgent());
        assertTrue(node2.runsResources(), "Pacemaker has not moved anything yet");

        // A peer does not approve while node2 still runs dummy2.
        monitor(s, "node1");
        assertEquals(SimEvent.Phase.SCHEDULED, event(id).phase(), log::toString);

        cib.simulateReaction();
        node2 = node(s, "node2");
        assertTrue(node2.drained(), "dummy2 moved away and node2's clone stopped");

        // A peer approves: node2 IN_EVENT, the event Started on Azure's side by vm1.
        monitor(s, "node1");
        assertEquals(SimEvent.Phase.STARTED, event(id).phase(), log::toString);
        assertEquals(Optional.of("vm1"), event(id).approvedBy());
        assertEquals(NodeState.IN_EVENT, node(s, "node2").record().state());

        // Azure reboots vm2: node2 leaves the cluster and comes back, still in standby, its
        // clone stopped. The event ends; a peer lets node2 out: AVAILABLE, standby off.
        cib.simulateReaction("--node-down", "node2");
        assertFalse(node(s, "node2").online());
        monitor(s, "node1");
        assertEquals(NodeState.IN_EVENT, node(s, "node2").record().state(),
                "the event is still listed: node2 stays out");
        cib.simulateReaction("--node-up", "node2");
        node2 = node(s, "node2");
        assertTrue(node2.online() && node2.standby() && node2.drained());
        new SimAdmin(imds.adminUrl()).end(id);
        passesAnIntervalApart(s, "node3");
        node2 = node(s, "node2");
        assertEquals(NodeState.AVAILABLE, node2.record().state(), log::toString);
        assertEquals(List.of(), node2.record().pendingEventIds());
        assertFalse(node2.standby());
        assertFalse(node2.record().drainedByAgent());

        settlesThenIdle(s);
    }

    @Test
    void healthStoryDrainSelfApprovalAndBackToHealthy() throws IOException {
        Strategy s = Strategy.HEALTH;
        open("story-health.xml");
        for (String n : NODES) {
            assertEquals(OcfExit.SUCCESS, agent(s, n, "start"), log::toString);
            monitor(s, n);
        }
        for (String n : NODES) {
            idleMonitor(s, n);
        }
        String id = imds.schedule(EventSpec.of(EventType.REBOOT, "vm2")).eventId();

        monitor(s, "node2");
        ClusterNode node2 = node(s, "node2");
        assertEquals(NodeState.STOPPING, node2.record().state(), log::toString);
        assertEquals(List.of(id), node2.record().pendingEventIds());
        assertEquals(OptionalInt.of(-1_000_000), node2.record().healthAzure());
        assertTrue(node2.record().drainedByAgent());
        assertFalse(node2.standby(), "the health strategy never uses standby");

        cib.simulateReaction();
        node2 = node(s, "node2");
        assertFalse(node2.healthy());
        assertTrue(node2.drained(), "dummy2 left; our clone stays (allow-unhealthy-nodes)");
        monitor(s, "node1");
        assertEquals(SimEvent.Phase.SCHEDULED, event(id).phase(),
                "peers do not approve under the health strategy");

        // node2's own clone still runs: it approves its own event.
        monitor(s, "node2");
        assertEquals(SimEvent.Phase.STARTED, event(id).phase(), log::toString);
        assertEquals(Optional.of("vm2"), event(id).approvedBy());
        assertEquals(NodeState.IN_EVENT, node(s, "node2").record().state());

        // Azure reboots vm2; node2 comes back unhealthy and its clone starts again there
        // (allow-unhealthy-nodes); once the event has ended, node2 lets itself back in.
        cib.simulateReaction("--node-down", "node2");
        cib.simulateReaction("--node-up", "node2");
        assertFalse(node(s, "node2").healthy());
        rebootTmpfs("node2");
        assertEquals(OcfExit.SUCCESS, agent(s, "node2", "start"), log::toString);
        new SimAdmin(imds.adminUrl()).end(id);
        passesAnIntervalApart(s, "node2");
        node2 = node(s, "node2");
        assertEquals(NodeState.AVAILABLE, node2.record().state(), log::toString);
        assertEquals(OptionalInt.of(0), node2.record().healthAzure());
        assertFalse(node2.record().drainedByAgent());

        settlesThenIdle(s);
    }

    @Test
    void aDrainTheOriginalAgentStartedIsFinishedByOursAfterADropInSwap() throws IOException {
        Strategy s = Strategy.STANDBY;
        open("story-standby.xml");
        String id = imds.schedule(EventSpec.of(EventType.REBOOT, "vm2")).eventId();
        // What the Python azure-events wrote on node2 before it was replaced by ours: no
        // drainedByAgent, the pending list, STOPPING, standby on (crm_attribute, as it does).
        cib.run("crm_attribute", "--node", "node2", "--name", "azure-events_curNodeState",
                "--update", "STOPPING");
        cib.run("crm_attribute", "--node", "node2", "--name", "azure-events_pendingEventIDs",
                "--update", id);
        cib.run("crm_attribute", "--node", "node2", "--name", "standby", "--update", "on");
        cib.run("crm_attribute", "--node", "node2", "--name", "azName", "--update", "vm2");
        cib.run("crm_attribute", "--type", "crm_config", "--name", "hostName_vm2", "--update",
                "node2");
        cib.simulateReaction();
        for (String n : List.of("node1", "node3")) {
            assertEquals(OcfExit.SUCCESS, agent(s, n, "start"), log::toString);
        }

        monitor(s, "node1");
        assertEquals(SimEvent.Phase.STARTED, event(id).phase(), log::toString);
        assertEquals(NodeState.IN_EVENT, node(s, "node2").record().state());

        new SimAdmin(imds.adminUrl()).end(id);
        passesAnIntervalApart(s, "node3");
        ClusterNode node2 = node(s, "node2");
        assertEquals(NodeState.AVAILABLE, node2.record().state(), log::toString);
        assertFalse(node2.standby(), "the original's standby is undone: no cleanup needed");
    }
}
