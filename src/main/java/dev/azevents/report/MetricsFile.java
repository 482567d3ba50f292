package dev.azevents.report;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metrics file, written as node_exporter's textfile collector asks: to a temporary file in
 * the same directory, then renamed over the old one, so the collector never reads half a file.
 * The previous file is also where the counters live between passes (each pass is a process).
 */
final class MetricsFile {

    private static final Pattern COUNTER = Pattern.compile(
            "^(azevents_[a-z_]+_total)\\{[^}]*\\} ([0-9]+)$", Pattern.MULTILINE);

    private MetricsFile() {
    }

    /** Writes the pass's metrics; a problem is returned for the log, never thrown. */
    static Optional<String> write(Path file, PassFacts facts, boolean ok, double seconds,
            Instant now) {
        Path temporary = file.resolveSibling("." + file.getFileName() + "."
                + ProcessHandle.current().pid() + ".tmp");
        try {
            String text = PrometheusText.render(facts, ok, seconds, now, counters(file));
            Files.writeString(temporary, text);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // the warning below names the file; a stray temporary is harmless to collectors
            }
            return Optional.of("metrics_file " + file + " not written (" + e
                    + "); the pass itself is unaffected");
        }
    }

    /** Counter values of the previous file; none when it is absent or unreadable. */
    static Map<String, Long> counters(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            return Map.of();
        }
        Map<String, Long> values = new HashMap<>();
        Matcher m = COUNTER.matcher(text);
        while (m.find()) {
            values.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return values;
    }
}
