package dev.azevents.ocf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The agents ask vfork for Pacemaker's tools where it exists undeprecated (Java 17, 21: without
 * it each tool call is a jspawnhelper process too), and not on Java 25, which would print a
 * five-line deprecation warning on stderr at every action (Pacemaker logs it).
 */
class VforkTest {

    /** The second JDK of the build machine (docs: Temurin 25 under /usr/lib/jvm). */
    static final Path JVMS = Path.of("/usr/lib/jvm");

    @Test
    void java17RunsTheToolsByVforkAndJava25WithoutItsWarning() throws Exception {
        assertEquals("VFORK", launchMechanism(Path.of(System.getProperty("java.home"), "bin",
                "java")), "this JVM, Java " + Runtime.version().feature());
        Path java25 = java25OrLater();
        assertEquals("default", launchMechanism(java25), java25.toString());
    }

    private static Path java25OrLater() throws Exception {
        try (var jdks = Files.list(JVMS)) {
            for (Path jdk : jdks.sorted().toList()) {
                Path release = jdk.resolve("release");
                Path java = jdk.resolve("bin/java");
                if (Files.isReadable(release) && Files.isExecutable(java)) {
                    String text = Files.readString(release);
                    int at = text.indexOf("JAVA_VERSION=\"");
                    String version = at < 0 ? "" : text.substring(at + 14);
                    int dot = version.indexOf('.');
                    String major = dot < 0 ? version.replaceAll("\"[\\s\\S]*", "")
                            : version.substring(0, dot);
                    if (major.matches("[0-9]+") && Integer.parseInt(major) >= 25) {
                        return java;
                    }
                }
            }
        }
        throw new AssertionError("this test needs a Java 25 or later under " + JVMS
                + " (the build machine has Temurin 25 there)");
    }

    /** The mechanism AgentMain leaves set, as a small program run by that java reports it. */
    private static String launchMechanism(Path java) throws Exception {
        Process p = new ProcessBuilder(List.of(java.toString(), "-cp",
                System.getProperty("java.class.path"), PrintLaunchMechanism.class.getName()))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertEquals(0, p.waitFor(), out);
        assertTrue(!out.contains("DEPRECATED"), out);
        return out;
    }
}
