package dev.azevents.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.azevents.engine.Strategy;
import dev.azevents.ocf.AgentManPage;
import dev.azevents.ocf.ParameterSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The manual pages the packages install, rendered by {@code man -l} as an administrator reads
 * them: every parameter of meta-data with its type and default in each agent's page, every
 * subcommand in azevents(8), and no roff warning.
 */
class ManPagesTest {

    @TempDir
    Path dir;

    @Test
    void agentPagesListEveryMetaDataParameterWithItsDefault() throws Exception {
        ManPages.main(new String[] {dir.toString(), "9.9"});
        for (Strategy s : Strategy.values()) {
            String page = render(dir.resolve(AgentManPage.name(s) + ".7"));
            assertTrue(page.contains(AgentManPage.name(s) + " - "), page);
            for (ParameterSpec p : ParameterSpec.ALL) {
                assertTrue(page.contains(p.name() + " (" + p.type() + ", default " + p.value()
                        + ")"), s + ": " + p.name() + "\n" + page);
            }
            assertTrue(page.contains("monitor timeout=240s interval=10s"), page);
        }
    }

    @Test
    void commandPageHasEverySubcommand() throws Exception {
        ManPages.main(new String[] {dir.toString(), "9.9"});
        String page = render(dir.resolve("azevents.8"));
        for (String sub : new CommandLine(new Main()).getSubcommands().keySet()) {
            if (!sub.equals("help")) {
                assertTrue(page.contains("Usage: azevents " + sub), sub + "\n" + page);
            }
        }
        assertTrue(page.contains("azevents 9.9"), page);
    }

    /** man -l, wide, plain text; fails on any warning groff prints. */
    private static String render(Path page) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("man", "--warnings", "-l", page.toString());
        pb.environment().put("MANWIDTH", "250");
        pb.environment().put("MAN_KEEP_FORMATTING", "");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), err);
        assertEquals(List.of(), err.lines().toList(), "roff warnings for " + page);
        return out.replaceAll(".\b", "");
    }
}
