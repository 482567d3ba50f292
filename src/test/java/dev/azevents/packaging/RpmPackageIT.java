package dev.azevents.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .rpm, read with Debian's {@code rpm}: its file list, its requirements (Java 17 or newer by
 * alternatives, never one version by name; Pacemaker's command-line tools) and its scripts
 * (build the start-up archive after the transaction and when a Java runtime changes; remove it
 * on erase). Then installed into a scratch root, without scripts (there is no shell in it).
 */
@Tag("packages")
class RpmPackageIT {

    static final List<String> FILES = List.of(
            "/usr/lib/azevents",
            "/usr/lib/azevents/azevents.jar",
            "/usr/lib/azevents/rebuild-archive",
            "/usr/lib/ocf/resource.d/azevents",
            "/usr/lib/ocf/resource.d/azevents/azure-events",
            "/usr/lib/ocf/resource.d/azevents/azure-events-az",
            "/usr/sbin/azevents",
            "/usr/share/doc/azevents",
            "/usr/share/doc/azevents/changelog",
            "/usr/share/licenses/azevents",
            "/usr/share/licenses/azevents/copyright",
            "/usr/share/man/man7/ocf_azevents_azure-events-az.7.gz",
            "/usr/share/man/man7/ocf_azevents_azure-events.7.gz",
            "/usr/share/man/man8/azevents.8.gz");

    @TempDir
    Path root;

    @Test
    void listsExactlyTheInstalledLayout() {
        List<String> files = Sh.run("rpm", "-qpl", Built.rpm().toString()).ok("rpm -qpl").lines();
        assertEquals(FILES, files.stream().sorted().toList());
    }

    @Test
    void requiresJavaByAlternativesAndPacemakerTools() {
        List<String> requires = Sh.run("rpm", "-qpR", Built.rpm().toString()).ok("rpm -qpR")
                .lines().stream().map(String::strip).toList();
        assertTrue(requires.contains("(java-17-headless or java-21-headless or java-25-headless)"),
                requires.toString());
        assertTrue(requires.contains("pacemaker-cli"), requires.toString());
        assertTrue(requires.contains("rpmlib(RichDependencies) <= 4.12.0-1"), requires.toString());
        List<String> others = requires.stream().filter(r -> !r.startsWith("rpmlib(")
                && !r.startsWith("(java-") && !r.equals("pacemaker-cli") && !r.equals("/bin/sh"))
                .toList();
        assertEquals(List.of(), others, "nothing else beyond Java and Pacemaker");
    }

    @Test
    void scriptsBuildTheArchiveAndRemoveItOnErase() {
        String scripts = Sh.run("rpm", "-qp", "--scripts", "--triggers", Built.rpm().toString())
                .ok("rpm -qp --scripts").out();
        assertTrue(scripts.contains("posttrans scriptlet (using /bin/sh):\n"
                + "# Build the start-up archive"), scripts);
        assertTrue(scripts.contains("triggerin scriptlet (using /bin/sh) --"
                + " java-17-openjdk-headless, java-21-openjdk-headless, java-25-openjdk-headless"),
                scripts);
        assertTrue(scripts.contains("if [ \"$1\" = 0 ]; then\n    rm -f"
                + " /usr/lib/azevents/azevents.jsa"), scripts);
    }

    @Test
    void installsIntoAScratchRoot() throws Exception {
        Sh.run("rpm", "--root", root.toString(), "--initdb").ok("rpm --initdb");
        Sh.run("rpm", "--root", root.toString(), "-i", "--nodeps", "--noscripts",
                "--notriggers", Built.rpm().toString()).ok("rpm -i into " + root);
        for (String file : FILES) {
            assertTrue(Files.exists(root.resolve(file.substring(1))), file);
        }
        assertTrue(Files.isExecutable(root.resolve("usr/sbin/azevents")));
        assertTrue(Files.isExecutable(
                root.resolve("usr/lib/ocf/resource.d/azevents/azure-events-az")));
        Sh.run("rpm", "--root", root.toString(), "-e", "--noscripts", "azevents").ok("rpm -e");
        assertFalse(Files.exists(root.resolve("usr/lib/azevents")), "erased with its directory");
        assertFalse(Files.exists(root.resolve("usr/lib/ocf/resource.d/azevents")));
    }
}
