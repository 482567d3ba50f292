package dev.azevents.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code azevents install --prefix}: wrappers, jar and CDS archive where the wrappers find them,
 * and the installed agent answers. Installs a jar of this build made by {@link TestJar}.
 */
class InstallCommandTest {

    @TempDir
    Path prefix;

    @Test
    void installsBothAgentsTheJarAndAnArchiveThatTheAgentsUse() throws Exception {
        InstallCommand install = new InstallCommand();
        install.prefix = prefix.resolve("root");
        install.jar = TestJar.build(prefix.resolve("azevents-test.jar"));

        assertEquals(0, install.call());

        Path lib = install.prefix.resolve("usr/lib/azevents");
        Path agents = install.prefix.resolve("usr/lib/ocf/resource.d/azevents");
        assertTrue(Files.isRegularFile(lib.resolve("azevents.jar")));
        assertTrue(Files.size(lib.resolve("azevents.jsa")) > 0, "CDS archive recorded");
        for (String agent : InstallCommand.AGENTS) {
            Path script = agents.resolve(agent);
            assertTrue(Files.isExecutable(script), agent);
            assertTrue(Files.readString(script).contains("lib=${AZEVENTS_LIB:-" + lib + "}"));
            Process p = new ProcessBuilder(script.toString(), "meta-data")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String xml = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue());
            assertTrue(xml.startsWith("<?xml") && xml.contains("name=\"" + agent + "\""), xml);
        }
    }
}
