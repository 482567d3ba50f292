package dev.azevents.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.azevents.cluster.CibResult;
import dev.azevents.cluster.ClusterConfiguration;
import dev.azevents.engine.Strategy;
import dev.azevents.ocf.ConfigurationCheck;
import dev.azevents.sim.ImdsSimulator;
import dev.azevents.sim.Scope;
import dev.azevents.testing.CibFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code azevents setup} on a bare 2-node CIB file, read and written by Pacemaker's cibadmin:
 * what it would add, one update with --apply that the agents' own configuration check accepts,
 * nothing the second time, differences reported and kept without --force, refusals for standby
 * where its placement is unsafe.
 */
class SetupCommandTest {

    @TempDir
    Path dir;
    CibFile cib;
    String out;
    String err;

    @BeforeEach
    void bareCluster() {
        CibFile.assumeTools();
        cib = CibFile.copy("bare-two-nodes.xml", dir);
    }

    int setup(String... args) {
        SetupCommand command = new SetupCommand();
        command.cibEnvironment = Map.of("CIB_file", cib.path().toString());
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int exit = new CommandLine(command).setOut(new PrintWriter(o)).setErr(new PrintWriter(e))
                .execute(args);
        out = o.toString();
        err = e.toString();
        return exit;
    }

    @Test
    void healthOnABareClusterListsEachPieceAndWritesNothing() {
        String before = cib.text();

        assertEquals(0, setup("--strategy", "health"));

        assertEquals(List.of(
                "add      property node-health-strategy=custom",
                "add      location loc_azure_health: resources not matching health-.* scored by"
                        + " #health-azure",
                "add      #health-azure=0 on node node1",
                "add      #health-azure=0 on node node2",
                "add      resource health-azure-events (ocf:azevents:azure-events-az) in clone"
                        + " health-azure-events-clone",
                "nothing written: run again with --apply to write this in one CIB update, or"
                        + " --print crm|pcs for the commands"), out.lines().toList());
        assertEquals(before, cib.text());
    }

    @Test
    void applyWritesOneUpdateTheAgentsAcceptAndTheSecondRunChangesNothing() {
        List<Long> before = cib.version();

        assertEquals(0, setup("--strategy", "health", "--apply", "--param",
                "eventTypes=Reboot,Redeploy,Preempt"), err);

        assertTrue(out.endsWith("written in one CIB update: 5 changes\n"), out);
        assertEquals(before.get(0) + 1, cib.version().get(0), "one CIB update: epoch + 1");
        assertEquals(List.of(), check(Strategy.HEALTH, "health-azure-events").problems(),
                "the agent's own start check accepts the set-up");
        assertTrue(cib.text().contains("name=\"eventTypes\" value=\"Reboot,Redeploy,Preempt\""));
        String applied = cib.text();

        assertEquals(0, setup("--strategy", "health", "--apply", "--param",
                "eventTypes=Reboot,Redeploy,Preempt"));

        assertTrue(out.endsWith("nothing to do: the cluster is set up\n"), out);
        assertEquals(applied, cib.text(), "idempotent");
    }

    @Test
    void aDifferenceIsReportedAndKeptWithoutForceAndOverwrittenWithIt() {
        assertEquals(0, setup("--strategy", "health", "--apply"));
        cib.run("cibadmin", "--modify", "--xml-text", "<op id=\"health-azure-events-monitor-10s\""
                + " name=\"monitor\" interval=\"10s\" timeout=\"60s\"/>");
        String edited = cib.text();

        assertEquals(SetupCommand.EXIT_DIFFERS, setup("--strategy", "health", "--apply"));

        assertTrue(out.contains("differs  resource health-azure-events"
                + " (ocf:azevents:azure-events-az) in clone health-azure-events-clone: monitor"
                + " interval=10s timeout=60s (wants interval=10s timeout=240s) (left as it is;"
                + " --force overwrites it)"), out);
        assertEquals(edited, cib.text(), "not overwritten");

        assertEquals(0, setup("--strategy", "health", "--apply", "--force"));

        java.util.regex.Matcher op = java.util.regex.Pattern.compile(
                "<op [^>]*id=\"health-azure-events-monitor-10s\"[^>]*>").matcher(cib.text());
        assertTrue(op.find(), cib.text());
        assertTrue(op.group().contains("timeout=\"240s\""), op.group());
        assertEquals(1, count(cib.text(), "name=\"monitor\""), "updated in place, no twin");
    }

    @Test
    void standbyIsRefusedInAnAvailabilityZone() throws Exception {
        try (ImdsSimulator sim = ImdsSimulator.builder().vm("vm1").scope(Scope.STANDALONE)
                .log(l -> { }).build()) {
            sim.start();
            String before = cib.text();

            assertEquals(SetupCommand.EXIT_REFUSED, setup("--strategy", "standby", "--apply",
                    "--imds-url", sim.metadataUrl("vm1").toString()));

            assertTrue(err.startsWith("azevents setup: refused: this VM is in availability zone 1:"
                    + " VMs in other zones do not see its events, so no peer would approve them;"
                    + " use --strategy health"), err);
            assertEquals(before, cib.text());
        }
    }

    @Test
    void standbyInAnAvailabilitySetIsSetUp() throws Exception {
        try (ImdsSimulator sim = ImdsSimulator.builder().vm("vm1").log(l -> { }).build()) {
            sim.start();

            assertEquals(0, setup("--strategy", "standby", "--apply", "--imds-url",
                    sim.metadataUrl("vm1").toString()), err);

            assertEquals(List.of(), check(Strategy.STANDBY, "rsc_azure-events").problems());
            assertTrue(cib.text().contains("<clone id=\"cln_azure-events\">"), cib.text());
        }
    }

    @Test
    void anotherAgentResourceIsARefusalNotASecondClone() {
        cib.run("cibadmin", "--create", "--scope", "resources", "--xml-text", "<clone"
                + " id=\"cln_old\"><primitive id=\"rsc_old\" class=\"ocf\" provider=\"heartbeat\""
                + " type=\"azure-events-az\"/></clone>");

        assertEquals(SetupCommand.EXIT_REFUSED, setup("--strategy", "health", "--apply"));

        assertTrue(err.contains("refused: resource 'rsc_old' already runs"
                + " ocf:heartbeat:azure-events-az: one agent per cluster"), err);
    }

    @Test
    void aCloneSetUpByHandUnderAnotherHealthNameIsRecognised() {
        cib.run("cibadmin", "--create", "--scope", "resources", "--xml-text", "<clone"
                + " id=\"health-azure-events-cln\"><meta_attributes id=\"m\"><nvpair id=\"m-a\""
                + " name=\"allow-unhealthy-nodes\" value=\"true\"/></meta_attributes><primitive"
                + " id=\"health-azure-events\" class=\"ocf\" provider=\"azevents\""
                + " type=\"azure-events-az\"><meta_attributes id=\"p\"><nvpair id=\"p-f\""
                + " name=\"failure-timeout\" value=\"120s\"/></meta_attributes><operations><op"
                + " id=\"o\" name=\"monitor\" interval=\"10s\" timeout=\"240s\"/></operations>"
                + "</primitive></clone>");

        assertEquals(0, setup("--strategy", "health", "--apply"), err);

        assertTrue(out.contains("present  resource health-azure-events"
                + " (ocf:azevents:azure-events-az) in clone health-azure-events-cln"), out);
        assertTrue(!cib.text().contains("health-azure-events-clone"), "no second clone");
    }

    @Test
    void unknownParameterIsAUsageError() {
        assertEquals(SetupCommand.EXIT_USAGE, setup("--strategy", "health", "--param", "x=1"));
        assertTrue(err.startsWith("azevents setup: unknown parameter 'x'"), err);
    }

    private ConfigurationCheck.Report check(Strategy strategy, String primitive) {
        CibResult<ClusterConfiguration> read = ClusterConfiguration.parse(cib.text());
        return ConfigurationCheck.check(strategy, ((CibResult.Ok<ClusterConfiguration>) read)
                .value(), Optional.of(primitive));
    }

    private static int count(String text, String needle) {
        List<Integer> at = new ArrayList<>();
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            at.add(i);
        }
        return at.size();
    }
}
