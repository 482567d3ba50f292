package dev.azevents.imds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

/**
 * {@link EmptyDocument}, the idle pass's reader without Jackson, never disagrees with the full
 * parser: every body it accepts, Jackson reads as the same document. The bodies are built from
 * the pieces of an empty document with the mistakes a server could make (leading zeros, big
 * numbers, strings, duplicate or unknown keys, a listed event, trailing bytes, a byte-order
 * mark, odd whitespace), so both sides of the line are explored.
 */
class EmptyDocumentPropertyTest {

    static final String URL = "http://127.0.0.1:1/metadata/scheduledevents";

    @Property(tries = 3000)
    void whatItAcceptsJacksonReadsAlike(@ForAll("bodies") String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        EventsDocument quick = EmptyDocument.read(bytes);
        if (quick != null) {
            assertEquals(new ImdsResult.Ok<>(quick), EventsParser.parseFully(URL, bytes), body);
        }
        // And the answer of parse() is always the full parser's.
        assertEquals(EventsParser.parseFully(URL, bytes), EventsParser.parse(URL, bytes), body);
    }

    /** Azure's own empty document, and the mock servers' pretty-printed ones, take the shortcut. */
    @Test
    void azuresEmptyDocumentsAreReadWithoutJackson() {
        for (String body : List.of("{\"DocumentIncarnation\":1,\"Events\":[]}",
                "{\"DocumentIncarnation\": 0, \"Events\": []}",
                "{\n  \"Events\": [],\n  \"DocumentIncarnation\": 123456789012345678\n}\n")) {
            assertNotNull(EmptyDocument.read(body.getBytes(StandardCharsets.UTF_8)), body);
        }
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> space = mostly("", " ", "\n", "\t", "\r\n", "  ", "\u00a0", "\f");
        Arbitrary<String> number = Arbitraries.oneOf(
                Arbitraries.longs().between(0, Long.MAX_VALUE).map(String::valueOf),
                Arbitraries.of("0", "00", "01", "-1", "1.0", "1e3", "\"5\"", "99999999999999999999",
                        "null", "true", "123456789012345678", "1234567890123456789"));
        Arbitrary<String> events = mostly("[]", "[ ]", "[\n]", "{}", "null", "[1]", "[{}]", "[[]]",
                "\"\"");
        Arbitrary<String> incarnationKey = mostly("\"DocumentIncarnation\"",
                "\"documentIncarnation\"", "\"DocumentIncarnation \"", "DocumentIncarnation");
        Arbitrary<String> eventsKey = mostly("\"Events\"", "\"events\"", "\"Event\"");
        Arbitrary<String> first = Combinators.combine(incarnationKey, space, number, space)
                .as((k, s1, n, s2) -> k + s1 + ":" + s2 + n);
        Arbitrary<String> second = Combinators.combine(eventsKey, space, events)
                .as((k, s, e) -> k + ":" + s + e);
        Arbitrary<String> extra = mostly("", ",\"Other\":1", ",\"DocumentIncarnation\":2",
                ",\"Events\":[]", ",");
        Arbitrary<String> trailer = mostly("", " ", "\n", "x", "}", "{}", "\u0000");
        Arbitrary<String> prefix = mostly("", "\ufeff", " ", "[");
        Arbitrary<Boolean> swap = Arbitraries.of(true, false);
        return Combinators.combine(prefix, first, second, swap, extra, space, trailer)
                .as((p, a, b, swapped, x, s, t) -> p + "{" + s + (swapped ? b + "," + a
                        : a + "," + b) + x + s + "}" + t);
    }

    /** The right piece four times in five, else one of the mistakes. */
    private static Arbitrary<String> mostly(String right, String... mistakes) {
        return Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(right)),
                Tuple.of(1, Arbitraries.of(mistakes)));
    }
}
