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

    static final Path TEMURIN_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

    @Test
    void java17RunsTheToolsByVforkAndJava25WithoutItsWarning() throws Exception {
        assertEquals("VFORK", launchMechanism(Path.of(System.getProperty("java.home"), "bin",
                "java")), "this JVM, Java " + Runtime.version().feature());
        assertTrue(Files.isExecutable(TEMURIN_25), "the tests need Temurin 25 at " + TEMURIN_25);
        String java25 = launchMechanism(TEMURIN_25);
        assertEquals("default", java25);
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
