package dev.azevents.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.azevents.imds.EventType;
import dev.azevents.sim.SimEvent;
import dev.azevents.testing.PrometheusParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 on the real 3-node cluster, health strategy, {@code status_attribute=true} and
 * {@code metrics_file}: Pacemaker's own sample file alert agent (configured with
 * {@code select_attributes}) records node2 draining, drained and approved, and back; the
 * metrics file node2 left is valid Prometheus text; {@code azevents status} runs on a live node
 * while node2 drains and its XML validates against the shipped schema.
 */
@Tag("cluster")
class LabOperatorViewTest {

    static final String SAMPLE_ALERT_AGENT = "/usr/share/pacemaker/alerts/alert_file.sh.sample";
    static final String METRICS = "/var/lib/pacemaker/azevents.prom";
    static final String STATUS = "azure-events-az_status";

    @Test
    void alertsMetricsAndStatusDuringASeedStory() throws IOException {
        List<String> problems = new ArrayList<>();
        try (ScenarioRun run = ScenarioRun.start("12 operator view", AgentUnderTest.parse(
                "azevents:azure-events-az"), ScenarioRun.Options.defaults().withAgentParams(
                        "status_attribute=true", "metrics_file=" + METRICS))) {
            Path alerts = alertAgent(run);
            Story.node2Milestones(run);
            SimEvent e = run.announce(run.spec(EventType.REBOOT, 2));
            if (!run.await("node2 draining", Duration.ofSeconds(60),
                    v -> run.timeline.has("draining"))) {
                problems.add("node2 never seen draining");
            }
            // Beside the observation loop, not in its way: a JVM on a loaded machine takes
            // seconds, and the milestones must still be seen as they happen.
            CompletableFuture<List<String>> status = CompletableFuture.supplyAsync(() -> {
                try {
                    return statusOnALiveNode(run);
                } catch (IOException x) {
                    throw new UncheckedIOException(x);
                }
            });
            if (!run.await("node2 AVAILABLE again", LabScenariosTest.SEED_STORY_TIMEOUT,
                    v -> run.timeline.has("AVAILABLE"))) {
                problems.add("node2 not back AVAILABLE (" + Story.describe(run, 2) + ")");
            }
            problems.addAll(Story.approvedInTime(run, run.event(e.eventId()), 2));
            problems.addAll(status.join());
            // attrd and the alert agent run asynchronously: give the last update a moment.
            run.await("node2 AVAILABLE alerted", Duration.ofSeconds(20),
                    v -> read(alerts).contains("node 'node2' was updated to 'AVAILABLE'"));
            problems.addAll(alerted(run, read(alerts)));
            problems.addAll(metrics(run));
            String attributes = run.lab.execOk(1, "crm_mon", "-1", "-A");
            run.note("crm_mon -A:\n" + attributes);
            if (!attributes.contains(STATUS)) {
                problems.add("crm_mon -A does not show " + STATUS + ":\n" + attributes);
            }
            assertEquals(List.of(), run.verdict(problems));
        }
    }

    /**
     * The other two alerts: node2, the last node that can host (node1 and node3 in an
     * administrator's standby), held ON_HOLD and back when Azure cancels the event; then IMDS
     * failing on every VM for {@code outage_passes} passes, and answering again.
     */
    @Test
    void onHoldAndAnImdsOutageAreAlerted() throws IOException {
        List<String> problems = new ArrayList<>();
        try (ScenarioRun run = ScenarioRun.start("12 operator alerts", AgentUnderTest.parse(
                "azevents:azure-events-az"), ScenarioRun.Options.defaults().withoutReboots()
                        .withAgentParams("status_attribute=true", "outage_passes=2",
                                "retry_count=0"))) {
            Path alerts = alertAgent(run);
            run.adminStandby(1, true);
            run.adminStandby(3, true);
            if (!run.await("node1 and node3 out", Duration.ofSeconds(60),
                    v -> Story.out(run, v, 1) && Story.out(run, v, 3))) {
                problems.add("node1 and node3 did not leave");
            }
            SimEvent e = run.announce(run.spec(EventType.REBOOT, 2)
                    .withNotBeforeSeconds(LabScenariosTest.ON_HOLD_NOTICE_AZURE_S));
            String held = STATUS + "' on node 'node2' was updated to 'ON_HOLD, not drained (no"
                    + " other node could take over): ";
            if (!run.await("node2 ON_HOLD alerted", Duration.ofSeconds(60),
                    v -> read(alerts).contains(held))) {
                problems.add("the alert agent was not told: node2 ON_HOLD");
            }
            run.end(e.eventId());
            if (!run.await("node2 AVAILABLE alerted", Duration.ofSeconds(60), v -> read(alerts)
                    .contains(STATUS + "' on node 'node2' was updated to 'AVAILABLE'"))) {
                problems.add("the alert agent was not told: node2 back AVAILABLE after the hold");
            }
            run.adminStandby(1, false);
            run.adminStandby(3, false);
            run.faultAll(new dev.azevents.sim.FaultSpec.FailFor(500, Duration.ofMinutes(5)));
            String imds = "Attribute 'azure-events-az_imds' on node 'node";
            if (!run.await("IMDS outage alerted", Duration.ofSeconds(90), v -> read(alerts)
                    .contains(imds + "1' was updated to 'unreachable: Azure events are not being"
                    + " handled on this node'"))) {
                problems.add("the alert agent was not told: IMDS unreachable on node1");
            }
            run.clearFaults();
            if (!run.await("IMDS back alerted", Duration.ofSeconds(60), v -> read(alerts)
                    .contains(imds + "1' was updated to 'answering again'"))) {
                problems.add("the alert agent was not told: IMDS answering again on node1");
            }
            run.note("alerts recorded:\n" + read(alerts));
            assertEquals(List.of(), run.verdict(problems));
        }
    }

    /**
     * On the live cluster with {@code observe_only=true}: {@code azevents drill} on node1 plays a
     * Reboot of node2 on a copy and prints its timeline; then a real Reboot is announced: the
     * agents decide (status on node2 shows the drain it would make) but the CIB's epoch never
     * moves, node2 is not drained and nothing is approved.
     */
    @Test
    void drillAndObserveOnlyOnTheLiveCluster() {
        List<String> problems = new ArrayList<>();
        try (ScenarioRun run = ScenarioRun.start("12 drill and observe-only", AgentUnderTest.parse(
                "azevents:azure-events-az"), ScenarioRun.Options.defaults().withoutReboots()
                        .withAgentParams("observe_only=true"))) {
            String epoch = epoch(run);
            String azevents = LabPaths.repo().resolve("bin/azevents").toString();
            ProcessRun.Outcome drill = run.lab.exec(1, azevents, "drill", "--vm", "node2",
                    "--type", "Reboot");
            run.note("azevents drill on node1:\n" + drill.out() + drill.err());
            System.out.println("azevents drill on node1 (live CIB copied):\n" + drill.out());
            if (!drill.ok() || !drill.out().contains("Summary: node2 drained in round 1; the"
                    + " event approved in round ")) {
                problems.add("the drill did not play the event through: " + drill.describe()
                        + "\n" + drill.out());
            }
            SimEvent e = run.announce(run.spec(EventType.REBOOT, 2)
                    .withNotBeforeSeconds(LabScenariosTest.ON_HOLD_NOTICE_AZURE_S));
            // Several passes on every node (3 s monitors): time to act, had it been allowed.
            run.await("observing", Duration.ofSeconds(15), v -> false);
            ProcessRun.Outcome status = run.lab.exec(2, azevents, "status");
            run.note("azevents status on node2:\n" + status.out() + status.err());
            if (!status.out().contains("observe_only: the agent decides and reports, writes and"
                    + " approves nothing") || !status.out().contains("  set node2 STOPPING [")) {
                problems.add("status on node2 does not show the drain it would make: "
                        + status.out());
            }
            if (!epoch.equals(epoch(run))) {
                problems.add("the CIB's configuration changed (epoch " + epoch + " -> "
                        + epoch(run) + ") in observe-only mode or by the drill");
            }
            if (run.event(e.eventId()).approvedAt().isPresent()) {
                problems.add("an event was approved in observe-only mode");
            }
            ClusterView v = ClusterView.read(run.lab, 1);
            if (run.agent.drained(v.node("node2")) || !Story.state(run, v.node("node2"))
                    .isEmpty()) {
                problems.add("node2 was drained or given a state: " + Story.describe(run, 2));
            }
            run.end(e.eventId());
            assertEquals(List.of(), run.verdict(problems));
        }
    }

    private static String epoch(ScenarioRun run) {
        return ClusterView.read(run.lab, 1).version().split("\\.")[0];
    }

    /** The sample agent as an administrator installs it, recipient file world-writable. */
    private static Path alertAgent(ScenarioRun run) throws IOException {
        Path dir = Files.createTempDirectory(Path.of("/var/tmp"), "azl-alerts-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path agent = dir.resolve("alert_file.sh");
        Files.copy(Path.of(SAMPLE_ALERT_AGENT), agent);
        Files.setPosixFilePermissions(agent, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path log = dir.resolve("alerts.log");
        Files.writeString(log, "");
        Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-rw-rw-"));
        run.lab.execOk(1, "cibadmin", "--create", "--scope", "configuration", "--xml-text",
                "<alerts><alert id=\"file\" path=\"" + agent + "\"><select><select_nodes/>"
                + "<select_fencing/><select_resources/><select_attributes/></select>"
                + "<recipient id=\"file-log\" value=\"" + log + "\"/></alert></alerts>");
        run.note("alert agent " + agent + " recording to " + log);
        return log;
    }

    private static List<String> alerted(ScenarioRun run, String log) {
        run.note("alerts recorded:\n" + log);
        List<String> problems = new ArrayList<>();
        for (String value : List.of("STOPPING, draining for ", "IN_EVENT, drained and approved: ",
                "AVAILABLE'")) {
            if (!log.contains("Attribute '" + STATUS + "' on node 'node2' was updated to '"
                    + value)) {
                problems.add("the alert agent was not told: node2 " + value);
            }
        }
        return problems;
    }

    private static List<String> metrics(ScenarioRun run) {
        Path file = run.lab.dir().resolve("node2/var-lib-pacemaker/azevents.prom");
        String text = read(file);
        run.note("node2 " + METRICS + ":\n" + text);
        try {
            PrometheusParser p = PrometheusParser.parse(text);
            List<String> problems = new ArrayList<>();
            if (p.value("azevents_approvals_total", "node", "node2", "strategy", "health") < 1) {
                problems.add("node2's metrics count no approval");
            }
            if (p.value("azevents_drains_total", "node", "node2", "strategy", "health") < 1) {
                problems.add("node2's metrics count no drain");
            }
            return problems;
        } catch (AssertionError e) {
            return List.of("node2's metrics file: " + e.getMessage());
        }
    }

    /** {@code bin/azevents status} inside node1, text and XML (validated by xmllint). */
    private static List<String> statusOnALiveNode(ScenarioRun run) throws IOException {
        String azevents = LabPaths.repo().resolve("bin/azevents").toString();
        ProcessRun.Outcome text = run.lab.exec(1, azevents, "status");
        run.note("azevents status on node1:\n" + text.out() + text.err());
        System.out.println("azevents status on node1 while node2 drains:\n" + text.out());
        List<String> problems = new ArrayList<>();
        if (!text.out().startsWith("Agent: health-azure-events (ocf:azevents:azure-events-az),"
                + " parameters from the CIB")) {
            problems.add("status did not find the configured resource: " + text.describe());
        }
        if (!text.out().contains("  * node2: ")) {
            problems.add("status shows no node2: " + text.out());
        }
        ProcessRun.Outcome xml = run.lab.exec(1, azevents, "status", "--output-as=xml");
        Path doc = Files.createTempFile("azevents-status", ".xml");
        Path schema = Files.createTempFile("azevents-status", ".rng");
        try {
            Files.writeString(doc, xml.out());
            try (var in = LabOperatorViewTest.class.getResourceAsStream(
                    "/dev/azevents/cli/azevents-status.rng")) {
                Files.copy(in, schema, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            ProcessRun.Outcome valid = ProcessRun.run(Duration.ofSeconds(30), java.util.Map.of(),
                    List.of("xmllint", "--noout", "--relaxng", schema.toString(),
                            doc.toString()));
            if (!valid.ok()) {
                problems.add("status XML does not validate: " + valid.describe() + "\n"
                        + xml.out());
            }
        } finally {
            Files.deleteIfExists(doc);
            Files.deleteIfExists(schema);
        }
        return problems;
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
