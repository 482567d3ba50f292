package dev.azevents.ocf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.azevents.cluster.CibResult;
import dev.azevents.cluster.ClusterConfiguration;
import dev.azevents.engine.Strategy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration check on CIBs read and edited by Pacemaker's own cibadmin. */
class ConfigurationCheckTest {

    static final Path CIBADMIN = Path.of("/usr/sbin/cibadmin");

    @TempDir
    Path dir;
    Path cib;

    @BeforeEach
    void copyFixture() throws IOException {
        assumeTrue(Files.isExecutable(CIBADMIN),
                "cibadmin absent: install pacemaker-cli-utils to run the CIB tests");
        cib = dir.resolve("cib.xml");
        try (InputStream in = getClass().getResourceAsStream("health-cluster.xml")) {
            Files.copy(in, cib);
        }
    }

    String cibadmin(String... args) throws Exception {
        List<String> argv = new java.util.ArrayList<>(List.of(CIBADMIN.toString()));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().put("CIB_file", cib.toString());
        Process p = pb.start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), said);
        return said;
    }

    ConfigurationCheck.Report check(Strategy strategy, String resource) throws Exception {
        CibResult<ClusterConfiguration> read = ClusterConfiguration.parse(cibadmin("--query"));
        ClusterConfiguration config = ((CibResult.Ok<ClusterConfiguration>) read).value();
        return ConfigurationCheck.check(strategy, config, Optional.of(resource));
    }

    @Test
    void documentedHealthSetupPasses() throws Exception {
        ConfigurationCheck.Report report = check(Strategy.HEALTH, "rsc_azure-events-az");

        assertEquals(List.of(), report.problems());
        assertEquals(List.of(), report.warnings());
    }

    @Test
    void healthSetupWithoutStrategyRuleOrAllowUnhealthySaysEachMissingPiece() throws Exception {
        cibadmin("--delete", "--xml-text", "<rsc_location id=\"loc_azure_health\"/>");
        cibadmin("--delete", "--xml-text", "<nvpair id=\"opt-health\"/>");
        cibadmin("--delete", "--xml-text", "<nvpair id=\"health-azure-events-unhealthy\"/>");

        List<String> problems = check(Strategy.HEALTH, "rsc_azure-events-az").problems();

        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(
                "node-health-strategy is not set, it must be custom"));
        assertTrue(problems.get(1).startsWith("no location rule scores resources by"
                + " #health-azure with rsc-pattern !health-.*"));
        assertEquals("clone 'health-azure-events' lacks meta allow-unhealthy-nodes=true: it would"
                + " stop on the node it drains", problems.get(2));
    }

    @Test
    void cloneNamedOutsideTheHealthPatternWouldBanItself() throws Exception {
        List<String> problems = check(Strategy.HEALTH, "rsc_azure-events").problems();

        assertTrue(problems.contains("clone 'cln_azure-events' does not match health-.*: the"
                + " !health-.* rule would ban it from the node it drains; name it health-..."),
                problems.toString());
    }

    @Test
    void oldPacemakerAndMaintenanceModeAreNamed() throws Exception {
        cibadmin("--modify", "--xml-text",
                "<nvpair id=\"opt-dc-version\" name=\"dc-version\" value=\"2.1.2-ada5c3b36e2\"/>");
        cibadmin("--modify", "--scope", "crm_config", "--xml-text",
                "<cluster_property_set id=\"cib-bootstrap-options\"><nvpair id=\"opt-mm\""
                + " name=\"maintenance-mode\" value=\"true\"/></cluster_property_set>");

        ConfigurationCheck.Report report = check(Strategy.HEALTH, "rsc_azure-events-az");

        assertEquals(List.of("Pacemaker 2.1.2 is older than 2.1.3, which the health strategy"
                + " needs (allow-unhealthy-nodes)"), report.problems());
        assertTrue(report.warnings().get(0).startsWith("maintenance-mode is on"));
    }

    @Test
    void standbyStrategySaysItNeedsEveryVmToSeeEveryEvent() throws Exception {
        ConfigurationCheck.Report report = check(Strategy.STANDBY, "rsc_azure-events");

        assertEquals(List.of(), report.problems());
        assertTrue(report.warnings().get(0).contains("needs every VM to see every VM's events"));
    }

    @Test
    void notXmlIsAFailureValueNotAnException() {
        CibResult.Failed<?> failed = assertInstanceOf(CibResult.Failed.class,
                ClusterConfiguration.parse("<cib><oops"));
        assertTrue(failed.describe().contains("not well-formed XML"));
        assertInstanceOf(CibResult.Failed.class, ClusterConfiguration.parse(
                "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><cib>&e;</cib>"));
    }
}
