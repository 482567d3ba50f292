package dev.azevents.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** One exit-code table for every command, and usage errors and bugs told apart from "no". */
class ExitCodeTest {

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine().setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void everyCommandsHelpShowsTheSameOneTable() {
        for (List<String> command : List.of(List.<String>of(), List.of("simulate"),
                List.of("demo"), List.of("status"), List.of("imds"), List.of("imds", "events"),
                List.of("imds-sim"), List.of("install"), List.of("cleanup"))) {
            String[] args = java.util.stream.Stream.concat(command.stream(),
                    java.util.stream.Stream.of("--help")).toArray(String[]::new);
            Run r = run(args);
            assertEquals(0, r.exit(), command + ": " + r.err());
            String help = r.out();
            for (ExitCode code : ExitCode.values()) {
                assertTrue(help.contains(code.meaning().substring(0, Math.min(30, code.meaning().length()))),
                        command + " --help lacks " + code + ":\n" + help);
            }
            assertTrue(help.matches(
                    "(?s).*\\n  2 +bad command line or parameters: nothing was done\\n.*"), help);
        }
    }

    @Test
    void anUnknownOptionIsAUsageErrorForEveryCommand() {
        for (String command : List.of("simulate", "demo", "status", "imds-sim", "install",
                "cleanup")) {
            Run r = command.equals("imds-sim")
                    ? run(command, "--vm=vm1", "--no-such-option")
                    : run(command, "--no-such-option");
            assertEquals(ExitCode.USAGE.code(), r.exit(), command + ": " + r.err());
            assertTrue(r.err().contains("--no-such-option"), r.err());
        }
    }

    @Test
    void anUnexpectedExceptionIsABugNotAnInvariantBroken() {
        Run r = run("simulate", "--strategy", "foo", "--quiet");
        // Until simulate checks its own options (exit 2), the exception must at least not read
        // as "an invariant was broken" (1).
        assertTrue(r.exit() == ExitCode.USAGE.code() || r.exit() == ExitCode.INTERNAL.code(),
                "exit " + r.exit() + ": " + r.err());
        if (r.exit() == ExitCode.INTERNAL.code()) {
            assertTrue(r.err().contains("azevents simulate: unexpected error (a bug, please "
                    + "report it with the trace below): java.lang.IllegalArgumentException"),
                    r.err());
        }
    }

    @Test
    void theCodesOfImdsAreTheTablesCodes() {
        assertEquals(ExitCode.IMDS_HTTP.code(), ImdsCommand.EXIT_HTTP);
        assertEquals(ExitCode.IMDS_MALFORMED.code(), ImdsCommand.EXIT_MALFORMED);
        assertEquals(ExitCode.USAGE.code(), ImdsCommand.EXIT_USAGE);
        assertEquals(ExitCode.FAILED.code(), ImdsCommand.EXIT_UNREACHABLE);
        assertEquals(ExitCode.USAGE.code(), DemoCommand.EXIT_USAGE);
        assertEquals(ExitCode.USAGE.code(), ImdsSimCommand.EXIT_USAGE);
    }
}
