package dev.azevents.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs one command of the lab (argument array, never a shell) with a bound on its time. */
final class ProcessRun {

    /** What a finished command said. Exit 124 (as timeout(1)) when it was killed for its time. */
    record Outcome(List<String> argv, int exit, String out, String err) {
        boolean ok() {
            return exit == 0;
        }

        String describe() {
            return String.join(" ", argv) + " -> exit " + exit + (err.isBlank() ? "" : ": "
                    + err.strip());
        }
    }

    static final int TIMED_OUT = 124;

    private ProcessRun() {
    }

    static Outcome run(Duration timeout, Map<String, String> env, List<String> argv) {
        try {
            Path out = Files.createTempFile("azl-out", ".txt");
            Path err = Files.createTempFile("azl-err", ".txt");
            try {
                ProcessBuilder pb = new ProcessBuilder(argv)
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
                pb.environment().putAll(env);
                Process p = pb.start();
                int exit;
                if (p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    exit = p.exitValue();
                } else {
                    p.destroyForcibly().waitFor();
                    exit = TIMED_OUT;
                }
                return new Outcome(argv, exit, Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            return new Outcome(argv, 127, "", "cannot run: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(argv, 130, "", "interrupted");
        }
    }
}
