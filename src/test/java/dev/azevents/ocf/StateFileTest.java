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
                + T + "\nlastReapproval=yesterday\nfailedPasses=2\nidleIncarnation=x\nidleReadAt=" + T
                + "\n");

        AgentState read = new StateFile(path).read();

        assertEquals(Optional.empty(), read.leaseSeen(), "seen anew: only delays a break");
        assertEquals(Optional.empty(), read.lastReapproval());
        assertEquals(Optional.empty(), read.idle(), "the next pass reads the cluster");
        assertEquals(2, read.failedPasses());
    }
}
