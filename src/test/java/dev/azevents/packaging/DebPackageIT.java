package dev.azevents.packaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.azevents.ocf.ParameterSpec;
import dev.azevents.sim.ImdsSimulator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .deb on this machine, as an administrator would use it: lintian, then {@code dpkg -i},
 * the installed agents through Pacemaker's own tools and {@code ocf-tester}, the command and its
 * manual pages, the start-up archive across a Java change, and {@code dpkg -r} / {@code -P}
 * leaving the file system as it was. Needs root; the package is purged at the end whatever
 * happens. The install and remove transcripts are kept in target/packaging/ for the notes.
 */
@Tag("packages")
class DebPackageIT {

    static final Path LIB = Path.of("/usr/lib/azevents");
    static final Path JSA = LIB.resolve("azevents.jsa");
    static final Path AGENTS = Path.of("/usr/lib/ocf/resource.d/azevents");
    static final Path TRANSCRIPTS = Path.of("target/packaging");

    @TempDir
    Path dir;

    @Test
    void lintianFindsNoError() {
        Sh lintian = Sh.run("lintian", "--fail-on", "error", Built.deb().toString());
        assertEquals(0, lintian.exit(), lintian.out() + lintian.err());
        assertTrue(lintian.lines().stream().noneMatch(l -> l.startsWith("E:")), lintian.out());
    }

    @Test
    void installsWorksAndRemovesWithoutATrace() throws Exception {
        assertEquals("0", Sh.run("id", "-u").out().strip(), "dpkg -i needs root");
        assertTrue(Sh.run("dpkg-query", "-W", "azevents").exit() != 0,
                "azevents is already installed on this machine: this test would remove it");
        Set<String> before = fileSystem();
        try {
            Sh install = Sh.run("dpkg", "-i", Built.deb().toString()).ok("dpkg -i");
            transcript("install.txt", "dpkg -i " + Built.deb().getFileName(), install);
            assertTrue(install.out().contains("azevents: start-up archive built for"),
                    install.out());
            assertTrue(Files.size(JSA) > 0, "archive built by postinst");

            metadataListsEveryParameter();
            ocfTesterPasses("azure-events", "/dev/azevents/cli/training-cib.xml");
            ocfTesterPasses("azure-events-az", "/dev/azevents/ocf/health-cluster.xml");
            commandAndManualPages();
            printedCommandsGiveTheSameConfigurationAsApply("health", Map.of());
            try (ImdsSimulator sim = ImdsSimulator.builder().vm("vm1").log(l -> { }).build()) {
                sim.start();
                printedCommandsGiveTheSameConfigurationAsApply("standby",
                        Map.of("imds", sim.metadataUrl("vm1").toString()));
            }
            staleArchiveIsIgnoredThenRebuiltByTheJavaTrigger();

            Sh remove = Sh.run("dpkg", "-r", "azevents").ok("dpkg -r");
            transcript("remove.txt", "dpkg -r azevents", remove);
            assertEquals(diff(before, fileSystem()), "", "dpkg -r left files behind");
            Sh purge = Sh.run("dpkg", "-P", "azevents").ok("dpkg -P");
            transcript("purge.txt", "dpkg -P azevents", purge);
            assertEquals(diff(before, fileSystem()), "", "dpkg -P left files behind");
            assertTrue(Sh.run("dpkg-query", "-W", "azevents").exit() != 0, "package gone");
        } finally {
            Sh.run("dpkg", "-P", "azevents");
        }
    }

    private static void metadataListsEveryParameter() {
        for (String agent : List.of("azure-events", "azure-events-az")) {
            String xml = Sh.run("crm_resource", "--show-metadata", "ocf:azevents:" + agent)
                    .ok("crm_resource --show-metadata").out();
            assertTrue(xml.contains("<resource-agent name=\"" + agent + "\""), xml);
            for (ParameterSpec p : ParameterSpec.ALL) {
                assertTrue(xml.contains("<parameter name=\"" + p.name() + "\""), p.name());
            }
        }
    }

    private void ocfTesterPasses(String agent, String fixture) throws IOException {
        Path cib = dir.resolve(agent + "-cib.xml");
        try (InputStream in = DebPackageIT.class.getResourceAsStream(fixture)) {
            Files.copy(in, cib);
        }
        try (ImdsSimulator sim = ImdsSimulator.builder().vm("vm1").log(l -> { }).build()) {
            sim.start();
            Sh tester = Sh.run(Map.of("CIB_file", cib.toString(),
                    "HA_RSCTMP", dir.resolve("rsctmp-" + agent).toString(),
                    "OCF_RESKEY_CRM_meta_on_node", "node1"),
                    "ocf-tester", "-n", "rsc_" + agent, "-o", "imds_url=" + sim.metadataUrl("vm1"),
                    "-o", "retry_count=0", AGENTS.resolve(agent).toString());
            tester.ok("ocf-tester " + agent);
            assertTrue(tester.out().contains("passed all tests"), tester.out());
        }
    }

    private static void commandAndManualPages() {
        Sh help = Sh.run("/usr/sbin/azevents", "--help").ok("azevents --help");
        assertTrue(help.out().contains("Usage: azevents"), help.out());
        assertTrue(help.out().contains("install"), help.out());
        assertEquals("/usr/share/man/man8/azevents.8.gz",
                Sh.run("man", "-w", "azevents").ok("man -w azevents").out().strip());
        for (String page : List.of("ocf_azevents_azure-events", "ocf_azevents_azure-events-az")) {
            assertEquals("/usr/share/man/man7/" + page + ".7.gz",
                    Sh.run("man", "-w", "7", page).ok("man -w " + page).out().strip());
            String text = Sh.run(Map.of("MANWIDTH", "200"), "man", "7", page).ok("man").out();
            for (ParameterSpec p : ParameterSpec.ALL) {
                assertTrue(text.contains(p.name() + " (" + p.type()), page + ": " + p.name());
            }
        }
    }

    /**
     * {@code azevents setup --print crm} run by crmsh, and {@code --print pcs} run by pcs (both
     * need the installed agent's meta-data), give the configuration that {@code --apply}
     * writes, up to the ids each tool chooses. crmsh runs the script as printed, on CIB_file.
     */
    private void printedCommandsGiveTheSameConfigurationAsApply(String strategy,
            Map<String, String> options) throws Exception {
        List<String> common = new java.util.ArrayList<>(List.of("/usr/sbin/azevents", "setup",
                "--strategy", strategy, "--param", "eventTypes=Reboot,Redeploy,Preempt"));
        if (options.containsKey("imds")) {
            common.addAll(List.of("--imds-url", options.get("imds")));
        }
        Path applied = bareCib(strategy + "-applied.xml");
        Path crm = bareCib(strategy + "-crm.xml");
        Path pcs = bareCib(strategy + "-pcs.xml");
        Sh.run(Map.of("CIB_file", applied.toString()), with(common, "--apply")).ok("--apply");
        String crmScript = Sh.run(Map.of("CIB_file", crm.toString()), with(common, "--print",
                "crm")).ok("--print crm").out();
        Sh.run(Map.of("CIB_file", crm.toString()), "sh", "-e", "-c", crmScript).ok(crmScript);
        // pcs edits a copy of the CIB and pushes the difference; on a CIB file, the copy and
        // the push are cp (the lines in between run as printed).
        String pcsScript = Sh.run(Map.of("CIB_file", pcs.toString()), with(common, "--print",
                "pcs")).ok("--print pcs").out();
        Path work = Files.createDirectories(dir.resolve(strategy + "-pcs-work"));
        String offline = pcsScript
                .replace("pcs cluster cib " + "azevents-setup.orig.xml",
                        "cp " + pcs + " azevents-setup.orig.xml")
                .replace("pcs cluster cib-push azevents-setup.xml"
                        + " diff-against=azevents-setup.orig.xml", "cp azevents-setup.xml " + pcs);
        assertTrue(!offline.equals(pcsScript) && !offline.contains("pcs cluster"), offline);
        Sh.run("sh", "-e", "-c", "cd " + work + "\n" + offline).ok(offline);
        String expected = NormalConfiguration.of(Files.readString(applied));
        assertTrue(expected.contains("ocf:azevents") || expected.contains("provider=azevents"),
                expected);
        assertEquals(expected, NormalConfiguration.of(Files.readString(crm)), "crm, " + strategy);
        assertEquals(expected, NormalConfiguration.of(Files.readString(pcs)), "pcs, " + strategy);
    }

    private Path bareCib(String name) throws IOException {
        Path cib = dir.resolve(name);
        try (InputStream in = DebPackageIT.class.getResourceAsStream(
                "/cluster/bare-two-nodes.xml")) {
            Files.copy(in, cib);
        }
        return cib;
    }

    private static String[] with(List<String> common, String... more) {
        List<String> all = new java.util.ArrayList<>(common);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    /**
     * A Java upgrade leaves an archive that no longer matches: the agents must ignore it without
     * a word on stdout (meta-data's output is parsed by Pacemaker), and the trigger on
     * /usr/lib/jvm must build a new one.
     */
    private static void staleArchiveIsIgnoredThenRebuiltByTheJavaTrigger() throws IOException {
        Path agent = AGENTS.resolve("azure-events-az");
        String clean = Sh.run(agent.toString(), "meta-data").ok("meta-data").out();
        byte[] stale = "not an archive of this JVM".getBytes(StandardCharsets.US_ASCII);
        Files.write(JSA, stale);
        Sh withStale = Sh.run(agent.toString(), "meta-data").ok("meta-data, stale archive");
        assertEquals(clean, withStale.out(), "stdout unchanged by a stale archive");
        assertEquals("", withStale.err(), "nothing said about it either");

        Sh.run("dpkg-trigger", "--no-await", "/usr/lib/jvm").ok("dpkg-trigger");
        Sh.run("dpkg", "--triggers-only", "azevents").ok("dpkg --triggers-only");
        assertTrue(Files.size(JSA) > 1000, "archive rebuilt");
        assertFalse(java.util.Arrays.equals(stale, Files.readAllBytes(JSA)), "archive rebuilt");
        assertArrayEquals(clean.getBytes(StandardCharsets.UTF_8),
                Sh.run(agent.toString(), "meta-data").ok("meta-data").out()
                        .getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Everything under /usr, and whatever is named azevents under /etc and /var but for dpkg's
     * own records, caches and /var/tmp (where the lab's nodes of a concurrent run live).
     */
    private static Set<String> fileSystem() {
        Set<String> files = new TreeSet<>(Sh.run("find", "/usr", "-xdev").ok("find").lines());
        Sh.run("find", "/etc", "/var", "-xdev", "-name", "*azevents*").lines().stream()
                .filter(f -> !f.startsWith("/var/lib/dpkg/") && !f.startsWith("/var/cache/")
                        && !f.startsWith("/var/tmp/"))
                .forEach(files::add);
        return files;
    }

    private static String diff(Set<String> before, Set<String> after) {
        StringBuilder out = new StringBuilder();
        after.stream().filter(f -> !before.contains(f)).forEach(f -> out.append("+ " + f + "\n"));
        before.stream().filter(f -> !after.contains(f)).forEach(f -> out.append("- " + f + "\n"));
        return out.toString();
    }

    private static void transcript(String name, String command, Sh result) throws IOException {
        Files.createDirectories(TRANSCRIPTS);
        Files.writeString(TRANSCRIPTS.resolve(name), "# " + command + "\n" + result.out()
                + result.err());
    }
}
