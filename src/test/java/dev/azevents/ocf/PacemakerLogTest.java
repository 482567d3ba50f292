package dev.azevents.ocf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PacemakerLogTest {

    @TempDir
    Path dir;
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    PacemakerLog log(boolean verbose, Map<String, String> env) {
        return PacemakerLog.fromEnvironment("azure-events(rsc)", verbose, env,
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void withoutSyslogOrLogFileLinesGoToStderrAndDebugOnlyWhenVerbose() {
        try (PacemakerLog quiet = log(false, Map.of())) {
            quiet.info("drain node2");
            quiet.debug("detail");
        }
        String said = err.toString(StandardCharsets.UTF_8);
        assertTrue(said.matches("(?s)azure-events\\(rsc\\)\\[\\d+\\]:\\t"
                + "\\w{3} \\d\\d \\d\\d:\\d\\d:\\d\\d INFO: drain node2\\n"), said);
        assertFalse(said.contains("detail"));
    }

    @Test
    void logFileGetsEveryLineAndDebugLogTheDebugOnesNothingOnStderr() throws Exception {
        Path file = dir.resolve("agent.log");
        Path debug = dir.resolve("debug.log");
        try (PacemakerLog l = log(true, Map.of("HA_LOGFILE", file.toString(),
                "HA_DEBUGLOG", debug.toString()))) {
            l.info("one");
            l.debug("two");
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(2, lines.size());
        assertTrue(lines.get(1).endsWith("DEBUG: two"));
        assertEquals(1, Files.readAllLines(debug).size());
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aNewlineInAMessageCannotForgeASecondLine() throws Exception {
        Path file = dir.resolve("agent.log");
        try (PacemakerLog l = log(false, Map.of("HA_LOGFILE", file.toString()))) {
            l.error("event ev1\nINFO: forged");
        }
        assertEquals(1, Files.readAllLines(file).size());
    }

    @Test
    void unknownFacilityFallsBackToStderrRatherThanLosingLines() {
        try (PacemakerLog l = log(false, Map.of("HA_LOGFACILITY", "none"))) {
            l.warn("kept");
        }
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("WARN: kept"));
    }
}
