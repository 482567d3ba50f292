package dev.azevents.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.azevents.engine.Action;
import dev.azevents.engine.ClusterSnapshot;
import dev.azevents.engine.NodeState;
import dev.azevents.engine.Strategy;
import dev.azevents.testing.CibFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * For any event ID, apply() either refuses with the CIB untouched, or what it wrote reads back
 * exactly, through our snapshot and through {@code crm_attribute} (as the Python agents read).
 * Each try runs the real tools (about 5 processes), so the tries are few.
 */
class HostileValuePropertyTest {

    /** Characters that have broken escaping somewhere: XML, shells, XPath, Pacemaker. */
    private static final String NASTY = "\"'<>&;$(){}`\\|*?[]#~!%=+,. \t\n\r/\u00e9\u00fc\u2603";

    @Provide
    Arbitrary<String> eventIds() {
        Arbitrary<Character> nasty = Arbitraries.of(NASTY.chars().mapToObj(c -> (char) c)
                .toList());
        Arbitrary<Character> plain = Arbitraries.chars().alpha().numeric();
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(3, plain), net.jqwik.api.Tuple.of(2, nasty))
                .list().ofMinSize(0).ofMaxSize(12)
                .map(cs -> cs.stream().map(String::valueOf).reduce("", String::concat));
    }

    @Property(tries = 25)
    void anEventIdIsRefusedOrReadBackExactly(@ForAll("eventIds") String eventId)
            throws IOException {
        Path dir = Files.createTempDirectory("azevents-hostile");
        try {
            CibFile cib = CibFile.copy("three-nodes.xml", dir);
            PacemakerCluster cluster = new PacemakerCluster(cib.tools(), Map.of());
            String before = cib.text();

            CibResult<Void> result = cluster.apply(Strategy.STANDBY, List.of(
                    new Action.SetNodeState("node1", NodeState.STOPPING, List.of(eventId),
                            "property")));

            if (result instanceof CibResult.Failed<Void> f) {
                assertTrue(f.detail().startsWith("refused, nothing written"), f.detail());
                assertEquals(before, cib.text());
                return;
            }
            ClusterSnapshot s = ((CibResult.Ok<ClusterSnapshot>) cluster
                    .snapshot(Strategy.STANDBY)).value();
            assertEquals(List.of(eventId),
                    s.node("node1").orElseThrow().record().pendingEventIds());
            assertEquals(eventId, cib.pythonRead(Optional.of("node1"),
                    "azure-events_pendingEventIDs"));
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
