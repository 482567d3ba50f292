package dev.azevents.testing;

import dev.azevents.cluster.CibResult;
import dev.azevents.cluster.ToolOutput;
import dev.azevents.cluster.ToolRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the real tools through another runner and records every command line it started
 * (thread-safe: the snapshot runs its two tools side by side).
 */
public final class RecordingToolRunner implements ToolRunner {

    private final ToolRunner real;
    private final List<List<String>> started = new ArrayList<>();

    public RecordingToolRunner(ToolRunner real) {
        this.real = real;
    }

    @Override
    public CibResult<ToolOutput> run(List<String> argv, Optional<String> stdin) {
        synchronized (started) {
            started.add(List.copyOf(argv));
        }
        return real.run(argv, stdin);
    }

    /** Every command line so far, in order. */
    public List<List<String>> started() {
        synchronized (started) {
            return List.copyOf(started);
        }
    }

    /** The tool names (first words) so far, in order. */
    public List<String> tools() {
        return started().stream().map(argv -> argv.get(0)).toList();
    }

    /** The tool names, sorted: for calls that run side by side. */
    public List<String> toolsSorted() {
        return tools().stream().sorted().toList();
    }

    public void clear() {
        synchronized (started) {
            started.clear();
        }
    }
}
