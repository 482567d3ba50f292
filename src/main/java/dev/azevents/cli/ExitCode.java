package dev.azevents.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one table of exit codes of every {@code bin/azevents} command. Every command returns one
 * of these, and {@link Main} prints this table under every command's {@code --help}, so a script
 * can tell "bad command line" from "the answer is no" from "a bug" whatever it ran.
 */
public enum ExitCode {
    /** The command did what was asked and the answer is yes. */
    OK(0, "success"),
    /** The command ran and the answer is no. */
    FAILED(1, "the answer is no: an invariant was broken (simulate, demo), IMDS or Pacemaker "
            + "could not be read (imds, status), an address could not be bound (imds-sim), "
            + "the installation failed (install), the dry run found work (cleanup)"),
    /** Nothing was done: fix the command line and run it again. */
    USAGE(2, "bad command line or parameters: nothing was done"),
    /** {@code imds}: the service answered, with an error status. */
    IMDS_HTTP(3, "imds: IMDS answered with an HTTP error"),
    /** {@code imds}: the service answered something that is not a document. */
    IMDS_MALFORMED(4, "imds: IMDS answered something that is not a valid document "
            + "(or too large)"),
    /** An exception no command expected: a bug, reported with its stack trace. */
    INTERNAL(70, "an unexpected error (a bug): the stack trace is on stderr, please report it"),
    /** {@code imds-sim} ends this way when killed. */
    TERMINATED(143, "imds-sim: stopped by SIGTERM after closing every listener (128 + 15)");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** The table as picocli's usage help wants it: code to meaning, in order. */
    static Map<String, String> table() {
        Map<String, String> table = new LinkedHashMap<>();
        Arrays.stream(values()).forEach(e -> table.put(Integer.toString(e.code), e.meaning));
        return table;
    }
}
