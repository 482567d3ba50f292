package dev.azevents.cluster;

import dev.azevents.engine.Action;
import dev.azevents.engine.NodeIdentity;
import dev.azevents.engine.Strategy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a plan's CIB actions into attribute writes, refusing the whole plan (nothing written) if
 * any value could not be stored faithfully.
 */
final class CibUpdate {

    /** The separator of {@code <prefix>_pendingEventIDs}, as the Python agents write the list. */
    static final String EVENT_ID_SEPARATOR = ",";
    /** {@code #health-azure} of a drained node, and of a healthy one (the Python agents'). */
    static final int HEALTH_DRAINED = -1_000_000;

    /** The characters an XML writer must escape in an attribute value. */
    static final String XML_SPECIALS = "<>&\"'";
    private static final int ASCII_LIMIT = 0x80;

    private CibUpdate() {
    }

    /** Ok: the writes, in plan order, a later write of the same attribute replacing an earlier. */
    static CibResult<List<AttributeWrite>> writes(Strategy strategy, List<Action> actions) {
        AttributeNames names = AttributeNames.of(strategy);
        Map<String, AttributeWrite> byTarget = new LinkedHashMap<>();
        for (Action action : actions) {
            Optional<String> refusal = refusal(action);
            if (refusal.isPresent()) {
                return new CibResult.Failed<>("cib update", "refused, nothing written: "
                        + refusal.get());
            }
            for (AttributeWrite w : writesOf(names, action)) {
                byTarget.put(w.node().orElse("") + "\n" + w.name(), w);
            }
        }
        List<AttributeWrite> all = new ArrayList<>(byTarget.values());
        for (AttributeWrite w : all) {
            Optional<String> bad = badValue(w.value())
                    .or(() -> w.node().flatMap(CibUpdate::badValue));
            if (bad.isPresent()) {
                return new CibResult.Failed<>("cib update", "refused, nothing written: "
                        + w.name() + " " + bad.get());
            }
        }
        return new CibResult.Ok<>(all);
    }

    // Java 17 has no pattern switch (preview only), so the sealed Action set is matched with an
    // instanceof chain; an action added to the set fails loudly here until it is handled.
    private static List<AttributeWrite> writesOf(AttributeNames names, Action action) {
        if (action instanceof Action.SetNodeState s) {
            return List.of(
                    AttributeWrite.onNode(s.node(), names.curNodeState(), s.state().name()),
                    AttributeWrite.onNode(s.node(), names.pendingEventIds(),
                            String.join(EVENT_ID_SEPARATOR, s.eventIds())));
        } else if (action instanceof Action.SetStandby s) {
            return List.of(
                    AttributeWrite.onNode(s.node(), AttributeNames.STANDBY, s.on() ? "on" : "off"),
                    AttributeWrite.onNode(s.node(), names.drainedByAgent(),
                            Boolean.toString(s.on())));
        } else if (action instanceof Action.SetHealth h) {
            return List.of(
                    AttributeWrite.onNode(h.node(), AttributeNames.HEALTH_AZURE,
                            Integer.toString(h.value())),
                    AttributeWrite.onNode(h.node(), names.drainedByAgent(),
                            Boolean.toString(h.value() < 0)));
        } else if (action instanceof Action.RecordOverride o) {
            return List.of(
                    AttributeWrite.onNode(o.node(), names.drainedByAgent(), "false"),
                    AttributeWrite.onNode(o.node(), names.overriddenEventIds(),
                            String.join(EVENT_ID_SEPARATOR, o.eventIds())));
        } else if (action instanceof Action.RecordIdentity r) {
            return List.of(
                    AttributeWrite.onNode(r.node(), AttributeNames.AZ_NAME, r.azName()),
                    AttributeWrite.property(AttributeNames.HOST_NAME_PREFIX + r.azName(),
                            r.node()));
        } else if (action instanceof Action.RecordDocVersion d) {
            return List.of(AttributeWrite.onNode(d.node(), names.lastDocVersion(),
                    Long.toString(d.incarnation())));
        } else if (action instanceof Action.ApproveEvents) {
            return List.of();
        }
        throw new IllegalStateException("action not handled by the CIB writer: " + action);
    }

    /**
     * Why an action's network-derived parts cannot be written, if they cannot. Azure VM names are
     * the only names from the network that become part of an attribute name and id
     * ({@code hostName_<azName>}): {@link NodeIdentity#isVmName}, whose characters are valid in
     * an XML id and need no quoting anywhere.
     */
    private static Optional<String> refusal(Action action) {
        if (action instanceof Action.RecordIdentity r && !NodeIdentity.isVmName(r.azName())) {
            return Optional.of("Azure VM name " + quoted(r.azName()) + " is not a valid name"
                    + " (letters, digits, '_', '.', '-', at most " + NodeIdentity.MAX_VM_NAME
                    + "): hostName_<azName> would"
                    + " not be a valid CIB name");
        }
        if (action instanceof Action.SetNodeState s) {
            return s.eventIds().stream()
                    .filter(id -> id.isEmpty() || id.contains(EVENT_ID_SEPARATOR)).findFirst()
                    .map(id -> "event ID " + quoted(id) + " is empty or contains '"
                            + EVENT_ID_SEPARATOR + "', the separator of "
                            + "<prefix>_pendingEventIDs");
        }
        return Optional.empty();
    }

    /**
     * A value the CIB would not store as given (found by round-trips through Pacemaker 2.1.5's
     * {@code cibadmin}): control characters (Pacemaker 2.1.5 prints a
     * newline in an attribute as the two characters {@code \n} and a tab as four spaces, so
     * they would not read back), characters XML cannot carry, or the form {@code value++} /
     * {@code value+=N}, which {@code cibadmin --modify} expands as an increment of the existing
     * value (Pacemaker's {@code expand_plus_plus}). And {@code < > & " '} after a non-ASCII
     * character: Pacemaker's {@code crm_xml_escape} stops at the first multi-byte character, so
     * {@code é" x="1} would be written unescaped into the CIB, which then no longer parses.
     */
    static Optional<String> badValue(String value) {
        if (!CibXml.isXmlText(value) || value.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            return Optional.of("value " + quoted(value) + " has control characters, which"
                    + " Pacemaker does not store faithfully");
        }
        int firstNonAscii = firstNonAscii(value);
        if (firstNonAscii >= 0 && value.substring(firstNonAscii).chars()
                .anyMatch(c -> XML_SPECIALS.indexOf(c) >= 0)) {
            return Optional.of("value " + quoted(value) + " has one of " + XML_SPECIALS
                    + " after a non-ASCII character: Pacemaker 2.1.5 stops escaping a value at"
                    + " its first non-ASCII character, so the CIB it writes would break");
        }
        if (value.startsWith("value++") || value.startsWith("value+=")) {
            return Optional.of("value " + quoted(value) + " would be expanded by Pacemaker as an"
                    + " increment");
        }
        return Optional.empty();
    }

    private static int firstNonAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) >= ASCII_LIMIT) {
                return i;
            }
        }
        return -1;
    }

    /** For messages: Java-escaped, so a newline or control character shows as what it is. */
    static String quoted(String s) {
        StringBuilder out = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7F) {
                out.append(String.format("\\u%04x", c));
            } else if (c == '"' || c == '\\') {
                out.append('\\').appendCodePoint(c);
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.append('"').toString();
    }
}
