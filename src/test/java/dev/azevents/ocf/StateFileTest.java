package dev.azevents.ocf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.azevents.engine.LeaseSighting;
import dev.azevents.engine.PullLease;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the agent remembers between passes survives the file, and a damaged file is harmless. */
class StateFileTest {

    static final Instant T = Instant.parse("2026-11-25T02:00:00Z");

    @TempDir
    Path dir;

    @Test
    void everythingRemembered() {
        StateFile file = new StateFile(dir.resolve("s.state"));
        AgentState state = AgentState.started().withAzName("vm1").passFailed()
                .withLeaseSeen(Optional.of(new LeaseSighting(new PullLease("node2",
                        T.plusSeconds(60)), T)))
                .withLastReapproval(Optional.of(T.plusSeconds(5))).waitingFor(42)
                .withIdle(Optional.of(new IdleMemory(7, T.plusSeconds(9))));

        assertEquals(Optional.empty(), file.write(state));
        assertEquals(state, file.read());
    }

    @Test
    void aDamagedInstantIsForgottenNotFatal() throws Exception {
        Path path = dir.resolve("s.state");
        Files.writeString(path, "leaseHolder=node2\nleaseExpiry=garbage\nleaseFirstSeen="
                + T + "\nlastReapproval=yesterday\nfailedPasses=2\nidleIncarnation=x\nidleReadAt="
                + T
                + "\n");

        AgentState read = new StateFile(path).read();

        assertEquals(Optional.empty(), read.leaseSeen(), "seen anew: only delays a break");
        assertEquals(Optional.empty(), read.lastReapproval());
        assertEquals(Optional.empty(), read.idle(), "the next pass reads the cluster");
        assertEquals(2, read.failedPasses());
    }

    /** Instants are written as epoch seconds and nanoseconds (no java.time formatter). */
    @Test
    void instantsAreWrittenAsEpochSecondsAndReadBackExactly() throws Exception {
        StateFile file = new StateFile(dir.resolve("s.state"));
        Instant t = Instant.ofEpochSecond(1_796_666_448L, 7_000_009);
        file.write(AgentState.started().withLastReapproval(Optional.of(t)));

        assertEquals("lastReapproval=1796666448.007000009",
                Files.readAllLines(file.path()).stream()
                        .filter(l -> l.startsWith("lastReapproval=")).findFirst().orElseThrow());
        assertEquals(Optional.of(t), file.read().lastReapproval());
        for (Instant odd : new Instant[] {Instant.EPOCH, Instant.ofEpochSecond(-5, 1),
                Instant.ofEpochSecond(1_796_666_448L, 999_999_999)}) {
            assertEquals(odd, StateFile.parseInstant(StateFile.written(odd)), odd.toString());
        }
    }

    /** A state file of the version before (ISO-8601 instants) is still read after an upgrade. */
    @Test
    void isoInstantsOfTheVersionBeforeAreStillRead() throws Exception {
        Path path = dir.resolve("s.state");
        Files.writeString(path, "leaseHolder=node2\nleaseExpiry=" + T.plusSeconds(60)
                + "\nleaseFirstSeen=" + T + "\nidleIncarnation=3\nidleReadAt=" + T + "\n");

        AgentState read = new StateFile(path).read();

        assertEquals(Optional.of(new LeaseSighting(new PullLease("node2", T.plusSeconds(60)), T)),
                read.leaseSeen());
        assertEquals(Optional.of(new IdleMemory(3, T)), read.idle());
    }

    @Test
    void damagedEpochInstantsAreForgotten() {
        for (String bad : new String[] {"1.5", "1796666448.-00000001", "x.000000000",
                "1796666448.00000000x", "99999999999999999999.000000000", ""}) {
            assertEquals(null, StateFile.parseInstant(bad), bad);
        }
    }
}
