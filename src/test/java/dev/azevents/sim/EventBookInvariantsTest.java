package dev.azevents.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import dev.azevents.imds.EventStatus;
import dev.azevents.imds.EventType;
import dev.azevents.testing.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Invariants of the event book under any sequence of admin actions, approvals and clock moves:
 * what a client may rely on in the Scheduled Events documentation.
 */
class EventBookInvariantsTest {

    private static final List<String> VMS = List.of("node1", "node2", "node3");

    /** One step of a scenario. */
    sealed interface Step {
        record Schedule(EventType type, List<String> resources, boolean started) implements Step {
        }

        record Approve(String vm, int pick) implements Step {
        }

        record Remove(int pick) implements Step {
        }

        record Advance(long seconds) implements Step {
        }
    }

    @Provide
    Arbitrary<Step> steps() {
        Arbitrary<Step> schedule = Combinators.combine(
                Arbitraries.of(EventType.class),
                Arbitraries.of(VMS).list().ofMinSize(1).ofMaxSize(3).uniqueElements(),
                Arbitraries.of(true, false, false, false))
                .as((t, r, s) -> new Step.Schedule(t, r, s));
        Arbitrary<Step> approve = Combinators.combine(Arbitraries.of(VMS),
                Arbitraries.integers().between(0, 20)).as(Step.Approve::new);
        Arbitrary<Step> remove = Arbitraries.integers().between(0, 20).map(Step.Remove::new);
        Arbitrary<Step> advance = Arbitraries.longs().between(0, 1200).map(Step.Advance::new);
        return Arbitraries.oneOf(schedule, approve, remove, advance, advance);
    }

    @Property(tries = 200)
    void incarnationOnlyRisesAndAnEqualIncarnationMeansAnEqualDocument(
            @ForAll("scopes") Scope scope,
            @ForAll @Size(max = 40) List<@net.jqwik.api.From("steps") Step> steps) {
        FakeClock clock = new FakeClock();
        EventBook book = new EventBook(clock, line -> { }, scope, VMS,
                SimSettings.defaults().withTimeFactor(10), 42);
        Map<String, EventBook.VmDocument> last = new HashMap<>();
        List<String> ids = new ArrayList<>();
        for (Step step : steps) {
            apply(book, clock, ids, step);
            for (String vm : VMS) {
                EventBook.VmDocument now = book.document(vm);
                EventBook.VmDocument before = last.put(vm, now);
                if (before != null) {
                    assertTrue(now.incarnation() >= before.incarnation(), vm + " went back");
                    if (now.incarnation() == before.incarnation()) {
                        assertEquals(view(before), view(now), vm + ": same number, new content");
                    } else {
                        assertTrue(!view(before).equals(view(now)), vm + ": raised for nothing");
                    }
                }
                for (SimEvent e : now.events()) {
                    assertTrue(e.phase().visible());
                    assertTrue(scope == Scope.AVAILABILITY_SET || e.resources().contains(vm));
                    assertTrue(e.phase() == SimEvent.Phase.SCHEDULED
                            ? e.notBefore().isAfter(clock.instant())
                            : e.removeAfter().orElseThrow().isAfter(clock.instant()),
                            "a due transition was not applied: " + e);
                }
            }
        }
    }

    @Provide
    Arbitrary<Scope> scopes() {
        return Arbitraries.of(Scope.class);
    }

    private static List<String> view(EventBook.VmDocument d) {
        return d.events().stream().map(e -> e.eventId() + " " + e.phase()).toList();
    }

    private static void apply(EventBook book, FakeClock clock, List<String> ids, Step step) {
        if (step instanceof Step.Schedule s) {
            EventSpec spec = EventSpec.of(s.type(), s.resources().toArray(String[]::new));
            Parse<SimEvent> made = book.schedule(s.started()
                    ? spec.withStatus(EventStatus.STARTED) : spec);
            ids.add(((Parse.Ok<SimEvent>) made).value().eventId());
        } else if (step instanceof Step.Approve a && !ids.isEmpty()) {
            book.approve(a.vm(), List.of(ids.get(a.pick() % ids.size())));
        } else if (step instanceof Step.Remove r && !ids.isEmpty()) {
            book.remove(ids.get(r.pick() % ids.size()));
        } else if (step instanceof Step.Advance a) {
            clock.advance(Duration.ofSeconds(a.seconds()));
        }
    }

    @Property(tries = 300)
    void anyStringSurvivesTheWriterAndReader(@ForAll String s) {
        JsonFactory f = new JsonFactory();
        byte[] json = new DocumentWriter(f).write(Map.of("EventId", s, "Resources", List.of(s)));
        Object back = ((Parse.Ok<Object>) new JsonTree(f).read(
                new String(json, java.nio.charset.StandardCharsets.UTF_8))).value();
        assertEquals(Map.of("EventId", s, "Resources", List.of(s)), back);
    }

    @Property(tries = 300)
    void aLogQuoteIsAlwaysOneLine(@ForAll String s) {
        String q = LogLine.quote(s);
        assertTrue(q.chars().noneMatch(c -> c == '\n' || c == '\r' || c == '\u2028'), q);
    }
}
