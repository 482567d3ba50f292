package dev.azevents.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The small conversions between CIB text and the snapshot's values (no tools needed). */
class AttributeValuesTest {

    @Test
    void xpathLiteralsQuoteWhateverTheValueHolds() {
        assertEquals("'plain'", LeaseCommands.literal("plain"));
        assertEquals("\"it's\"", LeaseCommands.literal("it's"));
        assertEquals("'say \"hi\"'", LeaseCommands.literal("say \"hi\""));
        assertEquals("concat('it', \"'\", 's \"odd\"')", LeaseCommands.literal("it's \"odd\""));
        assertEquals("\"'\"", LeaseCommands.literal("'"));
        assertEquals("concat('', \"'\", '\"')", LeaseCommands.literal("'\""));
    }

    @Test
    void scoresReadAsPacemakerReadsThem() {
        assertEquals(OptionalInt.of(-1_000_000), SnapshotReader.score("-1000000"));
        assertEquals(OptionalInt.of(-1_000_000), SnapshotReader.score("-INFINITY"));
        assertEquals(OptionalInt.of(1_000_000), SnapshotReader.score("+INFINITY"));
        assertEquals(OptionalInt.of(-1_000_000), SnapshotReader.score("-99999999999"),
                "clamped to Pacemaker's infinity");
        assertEquals(OptionalInt.of(0), SnapshotReader.score(" 0 "));
        assertEquals(OptionalInt.empty(), SnapshotReader.score("red"));
        assertEquals(OptionalInt.empty(), SnapshotReader.score(null));
    }

    @Test
    void pendingEventIdsAreTheOriginalsCommaList() {
        assertEquals(List.of("a", "b"), SnapshotReader.eventIds("a,b"));
        assertEquals(List.of(), SnapshotReader.eventIds(""));
        assertEquals(List.of(), SnapshotReader.eventIds(null));
        assertEquals(List.of("a"), SnapshotReader.eventIds("a,,"), "empty items are no IDs");
    }

    @Test
    void onlyTheExpiryWeWriteIsTakenAtItsWord() {
        assertEquals(Instant.parse("2026-11-25T02:00:00Z"),
                SnapshotReader.leaseExpiry("2026-11-25T02:00:00Z"));
        assertEquals(Instant.EPOCH, SnapshotReader.leaseExpiry("2026-11-25T02:00:00.000Z"));
        assertEquals(Instant.EPOCH, SnapshotReader.leaseExpiry(""));
        assertEquals(Instant.EPOCH, SnapshotReader.leaseExpiry("soon"));
    }

    @Test
    void idsAreSanitisedAsCrmAttributeDoes() {
        assertEquals("nodes-2-.health-azure", AttributeNames.nodeNvpairId("2", "#health-azure"));
        assertEquals("cib-bootstrap-options-hostName_vm.1",
                AttributeNames.bootstrapNvpairId("hostName_vm:1"));
    }
}
