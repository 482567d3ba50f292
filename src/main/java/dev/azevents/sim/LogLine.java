package dev.azevents.sim;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders values from the network for a log line: quoted and escaped like JSON strings, so a
 * hostile id with a newline or a quote stays on one line and cannot forge another entry.
 */
final class LogLine {

    /** Longest text quoted in full; longer text is cut (a log line is not an archive). */
    static final int MAX_QUOTED = 200;

    private LogLine() {
    }

    static String quote(String s) {
        String cut = s.length() > MAX_QUOTED ? s.substring(0, MAX_QUOTED) : s;
        StringBuilder b = new StringBuilder(cut.length() + 2).append('"');
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)
                            || c == '\u2028' || c == '\u2029') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        if (cut.length() < s.length()) {
            b.append("...(").append(s.length()).append(" chars)");
        }
        return b.append('"').toString();
    }

    static String quote(List<String> values) {
        return values.stream().map(LogLine::quote).collect(Collectors.joining(",", "[", "]"));
    }
}
