package dev.azevents.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import dev.azevents.engine.Action;
import dev.azevents.engine.ClusterNode;
import dev.azevents.engine.ClusterSnapshot;
import dev.azevents.engine.NodeIdentity;
import dev.azevents.engine.NodeRecord;
import dev.azevents.engine.NodeState;
import dev.azevents.engine.Plan;
import dev.azevents.imds.EventStatus;
import dev.azevents.imds.EventsDocument;
import dev.azevents.imds.ScheduledEvent;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

class StatusFormatTest {

    static final Instant NOW = Instant.parse("2026-11-25T02:00:00Z");
    static final String HOSTILE = "ev\"<1>&\n'; rm -rf /";

    static StatusView view() {
        NodeRecord draining = new NodeRecord(NodeState.STOPPING, List.of(HOSTILE),
                Optional.empty(), Optional.of("vm2"), true, OptionalInt.empty());
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(
                new ClusterNode("node1", true, false, false, false, true, true, false, false, true,
                        NodeRecord.fresh()),
                new ClusterNode("node2", true, true, false, false, true, false, true, false, true,
                        draining)),
                Optional.empty(), Map.of("vm1", "node1"), false, false, true);
        EventsDocument doc = new EventsDocument(7, List.of(new ScheduledEvent(HOSTILE, "Reboot",
                EventStatus.SCHEDULED, "VirtualMachine", List.of("vm2"),
                Optional.of(NOW.plusSeconds(845)), Optional.empty(), Optional.of("Platform"),
                OptionalLong.of(300))));
        Plan plan = new Plan(List.of(new Action.ApproveEvents(List.of(HOSTILE), "node2 drained")),
                List.of("node2 still stopping its resources"));
        return StatusView.of("azure-events", "rsc (ocf:azevents:azure-events), parameters from"
                + " the CIB", new NodeIdentity("node1", "vm1"), NOW, snapshot,
                Map.of("node1", List.of("db"), "node2", List.of("web (Stopping)")), doc, plan);
    }

    @Test
    void textShowsStateEventsDeadlineAndPlanWithHostileIdsKeptOnOneLine() {
        String text = StatusFormat.TEXT.render(view());

        assertTrue(text.contains("  * node2: STOPPING  online,standby  VM vm2\n"
                + "      drain: standby (set by the agent); resources: web (Stopping)"
                + " (changing)"), text);
        assertTrue(text.contains(" (changing); recorded events [ev\"<1>&\\x0a'; rm -rf /]\n"
                + "      event ev\"<1>&\\x0a'; rm -rf /  Reboot Scheduled (Platform)  VMs [vm2] ="
                + " nodes [node2]  NotBefore 2026-11-25T02:14:05Z (in 14m 5s)  duration 300s\n"),
                text);
        assertTrue(text.contains("      STOPPING: waiting for web (Stopping) to stop on node2;"
                + " event ev\"<1>&\\x0a... (Reboot, Platform) may start at 02:14:05 UTC,"
                + " in 14m 5s\n"), text);
        assertTrue(text.contains("  * node1: AVAILABLE  online\n      drain: none; resources:"
                + " db (running)\n  * node2"), text);
        assertTrue(text.contains("NotBefore 2026-11-25T02:14:05Z (in 14m 5s)"), text);
        assertTrue(text.contains("Reboot Scheduled (Platform)  VMs [vm2] = nodes [node2]"), text);
        assertTrue(text.contains("(in 14m 5s)  duration 300s\n"), text);
        assertTrue(text.contains("because node2 drained"), text);
        assertTrue(text.contains("Waiting for:\n  node2 still stopping its resources"), text);
        assertFalse(text.contains("&\n'"), "a newline in an id cannot start a line");
        assertTrue(text.contains("ev\"<1>&\\x0a'; rm -rf /"), text);
    }

    @Test
    void textWithAProblemClaimsNoDecisionRatherThanIdle() {
        StatusView v = view();
        StatusView unreadable = new StatusView(v.agent(), v.source(), v.node(), v.azName(),
                v.now(), Optional.empty(), Optional.empty(), List.of(), List.of(), List.of(),
                List.of(),
                Optional.of("crm_node -n failed: exit code 102"));

        String text = StatusFormat.TEXT.render(unreadable);

        assertTrue(text.contains("PROBLEM: crm_node -n failed"), text);
        assertTrue(text.contains("nothing: no decision without the reading above"), text);
        assertFalse(text.contains("idle"), text);
    }

    @Test
    void xmlIsWellFormedAndKeepsHostileIdsVerbatim() throws Exception {
        String xml = StatusFormat.XML.render(view());

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(xml)));
        assertEquals(HOSTILE, ((org.w3c.dom.Element) doc.getElementsByTagName("event").item(0))
                .getAttribute("id"));
        assertEquals("0", ((org.w3c.dom.Element) doc.getElementsByTagName("status").item(0))
                .getAttribute("code"));
        assertEquals(HOSTILE, ((org.w3c.dom.Element) doc.getElementsByTagName("event-ref")
                .item(0)).getAttribute("id"));
    }

    @Test
    void xmlWithHostileIdsAndAProblemValidatesAgainstTheShippedSchema(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        StatusView v = view();
        StatusView unreadable = StatusView.unavailable(v.agent(), v.source(), "?", "?", v.now(),
                "IMDS unreachable");

        RelaxNg.assertValid(StatusFormat.XML.render(v), dir);
        RelaxNg.assertValid(StatusFormat.XML.render(unreadable), dir);
    }

    @Test
    void jsonIsWellFormedAndKeepsHostileIdsVerbatim() throws Exception {
        String json = StatusFormat.JSON.render(view());

        try (JsonParser p = new JsonFactory().createParser(json)) {
            boolean found = false;
            while (p.nextToken() != null) {
                found |= HOSTILE.equals(p.getValueAsString());
            }
            assertTrue(found, json);
        }
    }

    @Test
    void startedEventHasNoDeadlineAndPastOnesSayAgo() {
        assertEquals("-", StatusView.deadline(Optional.empty(), NOW));
        assertEquals("3m 0s ago", StatusView.deadline(Optional.of(NOW.minusSeconds(180)), NOW));
        assertEquals("in 2h 5m", StatusView.deadline(Optional.of(NOW.plusSeconds(7500)), NOW));
    }
}
