package dev.azevents.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SimulateCommandTest {

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String... args) {
        return new CommandLine(new SimulateCommand(new PrintStream(out, true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)))
                .execute(args);
    }

    @Test
    void unknownStrategyIsAUsageErrorInOneLineNotABrokenInvariant() {
        int code = run("--strategy", "foo");

        assertEquals(SimulateCommand.EXIT_USAGE, code);
        assertEquals("simulate: unknown strategy 'foo'; choose one of standby, health\n",
                err.toString(StandardCharsets.UTF_8));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void unknownFaultAndMutantAreUsageErrors() {
        assertEquals(SimulateCommand.EXIT_USAGE, run("--fault", "meteor"));
        assertEquals(SimulateCommand.EXIT_USAGE, run("--mutant", "nope"));
    }

    @Test
    void aMutantRunPrintsTheBrokenInvariantAndTheLineThatReplaysIt() {
        int code = run("--seed", "500000", "--mutant", "flips_doc_version", "--quiet");

        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(SimulateCommand.EXIT_BROKEN, code, text);
        assertEquals(true, text.contains("a second pass on the same input changed the CIB"
                + " again"), text);
        assertEquals(true, text.contains("  reproduce: bin/azevents simulate --seed 500000"
                + " --strategy standby --mutant flips_doc_version\n"), text);
    }

    @Test
    void aSeedOfTheShippedAgentHolds() {
        int code = run("--seed", "7", "--strategy", "health", "--quiet");

        assertEquals(SimulateCommand.EXIT_OK, code);
        assertEquals(true, out.toString(StandardCharsets.UTF_8)
                .startsWith("seed 7: every invariant held"));
    }
}
