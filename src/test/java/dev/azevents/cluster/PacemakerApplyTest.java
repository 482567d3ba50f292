package dev.azevents.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.azevents.engine.Action;
import dev.azevents.engine.ClusterNode;
import dev.azevents.engine.ClusterSnapshot;
import dev.azevents.engine.NodeState;
import dev.azevents.engine.Strategy;
import dev.azevents.testing.CibFile;
import dev.azevents.testing.RecordingToolRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** apply() on a real CIB file: one CIB operation per plan, read back by us and by the originals. */
class PacemakerApplyTest {

    private static final String WHY = "test";

    @TempDir
    Path dir;

    private CibFile cib;
    private RecordingToolRunner tools;
    private PacemakerCluster cluster;

    private void open(String fixture) {
        cib = CibFile.copy(fixture, dir);
        tools = new RecordingToolRunner(cib.tools());
        cluster = new PacemakerCluster(tools, Map.of());
    }

    private ClusterSnapshot snapshot(Strategy strategy) {
        CibResult<ClusterSnapshot> result = cluster.snapshot(strategy);
        if (result instanceof CibResult.Failed<ClusterSnapshot> f) {
            throw new AssertionError(f.describe());
        }
        return ((CibResult.Ok<ClusterSnapshot>) result).value();
    }

    private void applyOk(Strategy strategy, Action... actions) {
        CibResult<Void> result = cluster.apply(strategy, List.of(actions));
        if (result instanceof CibResult.Failed<Void> f) {
            throw new AssertionError(f.describe());
        }
    }

    @Test
    void everyActionOfAPlanLandsInOneCibOperation() {
        open("three-nodes.xml");
        List<Long> before = cib.version();

        applyOk(Strategy.STANDBY,
                new Action.SetNodeState("node1", NodeState.STOPPING, List.of("e1", "e2"), WHY),
                new Action.SetStandby("node1", true, WHY),
                new Action.RecordIdentity("node3", "vm-three", WHY),
                new Action.RecordDocVersion("node1", 42, WHY),
                new Action.SetNodeState("node2", NodeState.AVAILABLE, List.of(), WHY),
                new Action.SetStandby("node2", false, WHY),
                new Action.ApproveEvents(List.of("e9"), WHY));

        assertEquals(List.of(List.of("cibadmin", "--query", "--scope", "configuration"),
                List.of("cibadmin", "--modify", "--scope", "configuration", "--xml-pipe")),
                tools.started(), "one read for ids, one write");
        List<Long> after = cib.version();
        assertEquals(before.get(0) + 1, after.get(0), "epoch bumped exactly once");

        ClusterSnapshot s = snapshot(Strategy.STANDBY);
        ClusterNode node1 = s.node("node1").orElseThrow();
        assertEquals(NodeState.STOPPING, node1.record().state());
        assertEquals(List.of("e1", "e2"), node1.record().pendingEventIds());
        assertEquals(Optional.of("42"), node1.record().lastDocVersion());
        assertTrue(node1.standby());
        assertTrue(node1.record().drainedByAgent());
        ClusterNode node2 = s.node("node2").orElseThrow();
        assertEquals(NodeState.AVAILABLE, node2.record().state());
        assertEquals(List.of(), node2.record().pendingEventIds());
        assertFalse(node2.standby());
        assertFalse(node2.record().drainedByAgent());
        assertEquals(Optional.of("vm-three"), s.node("node3").orElseThrow().record().azName());
        assertEquals("node3", s.hostNames().get("vm-three"));
    }

    @Test
    void thePythonAgentsReadWhatWeWroteWhereTheyLookForIt() {
        open("three-nodes.xml");

        applyOk(Strategy.STANDBY,
                new Action.SetNodeState("node1", NodeState.IN_EVENT, List.of("a", "b"), WHY),
                new Action.SetStandby("node1", true, WHY),
                new Action.RecordIdentity("node1", "vm-renamed", WHY));

        assertEquals("IN_EVENT", cib.pythonRead(Optional.of("node1"),
                "azure-events_curNodeState"));
        assertEquals("a,b", cib.pythonRead(Optional.of("node1"), "azure-events_pendingEventIDs"));
        assertEquals("on", cib.pythonRead(Optional.of("node1"), "standby"));
        assertEquals("vm-renamed", cib.pythonRead(Optional.of("node1"), "azName"));
        assertEquals("node1", cib.pythonRead(Optional.empty(), "hostName_vm-renamed"));
        // The ids crm_attribute itself would have created, so either agent updates in place.
        String xml = cib.text();
        assertTrue(xml.contains("id=\"nodes-1-azure-events_curNodeState\""), xml);
        assertTrue(xml.contains("id=\"cib-bootstrap-options-hostName_vm-renamed\""), xml);
    }

    @Test
    void healthIsWrittenAsThePythonAgentWritesItAndPacemakerActsOnIt() {
        open("three-nodes.xml");

        applyOk(Strategy.HEALTH, new Action.SetHealth("node1", -1_000_000, WHY),
                new Action.SetNodeState("node1", NodeState.STOPPING, List.of("e1"), WHY),
                new Action.SetHealth("node3", 0, WHY));

        assertEquals("-1000000", cib.pythonRead(Optional.of("node1"), "#health-azure"));
        assertTrue(cib.text().contains("id=\"nodes-1-.health-azure\""));
        cib.simulateReaction();
        ClusterSnapshot s = snapshot(Strategy.HEALTH);
        ClusterNode node1 = s.node("node1").orElseThrow();
        assertFalse(node1.healthy());
        assertTrue(node1.record().drainedByAgent());
        assertEquals(OptionalInt.of(-1_000_000), node1.record().healthAzure());
        assertTrue(node1.drained(), "the Dummies left node1; our clone may stay");
        ClusterNode node3 = s.node("node3").orElseThrow();
        assertTrue(node3.healthy());
        assertFalse(node3.record().drainedByAgent());
    }

    @Test
    void aPlanWithoutCibActionsStartsNoProcessAndChangesNothing() {
        open("three-nodes.xml");
        String before = cib.text();

        applyOk(Strategy.STANDBY, new Action.ApproveEvents(List.of("e1"), WHY));
        applyOk(Strategy.STANDBY);

        assertEquals(List.of(), tools.started());
        assertEquals(before, cib.text());
    }

    @Test
    void hostileEventIdsAreEscapedAndReadBackExactly() {
        open("three-nodes.xml");
        List<String> hostile = List.of("a\"b", "<x>&amp;", "$(reboot)", "'; rm -rf / #",
                "sp ace", "`id`", "a\\nb", "]]>", "&#10;", "value+1", "ünï©ødé");

        applyOk(Strategy.STANDBY,
                new Action.SetNodeState("node3", NodeState.STOPPING, hostile, WHY));

        assertEquals(hostile,
                snapshot(Strategy.STANDBY).node("node3").orElseThrow().record().pendingEventIds());
        assertEquals(String.join(",", hostile),
                cib.pythonRead(Optional.of("node3"), "azure-events_pendingEventIDs"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"vm\"x", "vm<x>", "vm&x", "vm x", "vm\nx", "$(reboot)", "vm,x", "",
            "vm/x", "vm:x", "a2345678901234567890123456789012345678901234567890123456789012345"
            + "678901234567890123456789012345678901234567890123456789012345678x"})
    void anInvalidAzureNameIsRefusedWithNothingWritten(String azName) {
        open("three-nodes.xml");
        String before = cib.text();

        CibResult<Void> result = cluster.apply(Strategy.STANDBY, List.of(
                new Action.SetNodeState("node1", NodeState.STOPPING, List.of("e1"), WHY),
                new Action.RecordIdentity("node1", azName, WHY)));

        CibResult.Failed<?> failed = assertInstanceOf(CibResult.Failed.class, result);
        assertTrue(failed.detail().contains("refused, nothing written"), failed.detail());
        assertTrue(failed.detail().contains("Azure VM name"), failed.detail());
        assertEquals(List.of(), tools.started(), "not even a query");
        assertEquals(before, cib.text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"has,comma", "", "value++", "value+=5", "nul\u0000char",
            "line1\nline2", "tab\there", "cr\rhere", "del\u007f", "é\" injected=\"1",
            "ü<x>", "ø&amp;"})
    void anEventIdThatCannotBeStoredFaithfullyIsRefused(String eventId) {
        open("three-nodes.xml");
        String before = cib.text();

        CibResult<Void> result = cluster.apply(Strategy.STANDBY, List.of(
                new Action.SetNodeState("node1", NodeState.STOPPING, List.of(eventId), WHY)));

        CibResult.Failed<?> failed = assertInstanceOf(CibResult.Failed.class, result);
        assertTrue(failed.detail().startsWith("refused, nothing written"), failed.detail());
        assertEquals(before, cib.text());
    }

    @Test
    void aNodeUnknownToTheCibIsRefusedWithNothingWritten() {
        open("three-nodes.xml");
        String before = cib.text();

        CibResult<Void> result = cluster.apply(Strategy.STANDBY, List.of(
                new Action.SetStandby("node1", true, WHY),
                new Action.SetStandby("node9", true, WHY)));

        CibResult.Failed<?> failed = assertInstanceOf(CibResult.Failed.class, result);
        assertTrue(failed.detail().contains("\"node9\" is not in the CIB's nodes"),
                failed.detail());
        assertEquals(before, cib.text());
    }

    @Test
    void anAttributeAlreadyKeptInAnotherSetIsUpdatedThereNotDuplicated() {
        open("three-nodes.xml");
        cib.run("cibadmin", "--modify", "--scope", "nodes", "--xml-text",
                "<nodes><node id=\"3\"><instance_attributes id=\"admin-set\">"
                        + "<nvpair id=\"admin-standby\" name=\"standby\" value=\"off\"/>"
                        + "</instance_attributes></node></nodes>");

        applyOk(Strategy.STANDBY, new Action.SetStandby("node3", true, WHY));

        String xml = cib.text();
        assertTrue(xml.contains("id=\"admin-standby\" name=\"standby\" value=\"on\""), xml);
        assertFalse(xml.contains("nodes-3-standby"), xml);
    }
}
