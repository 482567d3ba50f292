package dev.azevents.ocf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.azevents.engine.EventAbsences;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Since when this node's reads miss recorded events survives from one monitor process to the
 * next (each pass is a new JVM): without it no pass could see two reads a monitor interval
 * apart, and a briefly empty document would end a drain again.
 */
class AbsencesStateFileTest {

    static final Instant T = Instant.parse("2026-11-25T02:00:00Z");

    @TempDir
    Path dir;

    @Test
    void missingEventsAreRememberedAcrossPasses() {
        StateFile file = new StateFile(dir.resolve("s.state"));
        AgentState state = AgentState.started().withAbsences(new EventAbsences(Map.of(
                "C7061BAC-AFDC-4513-B24B-AA5F13A16123", T, "an id with spaces", T.plusSeconds(3)),
                EventAbsences.CONFIRMATION, Map.of("node2", T.plusSeconds(1))));

        assertEquals(Optional.empty(), file.write(state));
        assertEquals(state, file.read());
        assertEquals(Map.of("node2", T.plusSeconds(1)), file.read().absences().freeSince());
    }

    @Test
    void aDamagedLineIsDroppedSoTheCountStartsAgain() throws Exception {
        Path path = dir.resolve("s.state");
        Files.writeString(path, "missing=garbage aWQx\nmissing=" + T + "\nmissing=" + T
                + " not-base64!\nmissing=" + T + " aWQy\n");

        assertEquals(Map.of("id2", T), new StateFile(path).read().absences().missingSince());
    }

    /**
     * Event ids come from the network: one with a line break must come back whole and must not
     * add a line of its own (here one that would set the cached VM name).
     */
    @Test
    void aHostileIdStaysOneEntry() throws Exception {
        StateFile file = new StateFile(dir.resolve("s.state"));
        String hostile = "x\nazName=evil\r\u0000 \u00e9";
        AgentState state = AgentState.started().withAbsences(new EventAbsences(Map.of(hostile, T),
                EventAbsences.CONFIRMATION));

        assertEquals(Optional.empty(), file.write(state));

        assertEquals(Map.of(hostile, T), file.read().absences().missingSince());
        assertEquals(Optional.empty(), file.read().azName());
        assertEquals(4, Files.readAllLines(file.path()).size(), "three counters and one entry");
    }
}
