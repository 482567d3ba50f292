package dev.azevents.cluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts Pacemaker tools with {@link ProcessBuilder} (an argument array, never a shell), with a
 * timeout per call. The environment is the agent's own plus {@code extraEnv}, so {@code CIB_file}
 * and {@code CIB_shadow} reach the tools as they do for any Pacemaker tool.
 *
 * @param toolDir  where the tools live; empty = found on {@code PATH}
 * @param extraEnv variables added to (or overriding) the inherited environment
 * @param timeout  how long one tool may run before it is killed
 */
public record ProcessToolRunner(Optional<Path> toolDir, Map<String, String> extraEnv,
        Duration timeout) implements ToolRunner {

    /** A CIB query on a loaded 3-node cluster takes ~10 ms; 30 s is far beyond any healthy call. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** Output beyond this is cut: a CIB of thousands of resources stays well under it. */
    static final int MAX_OUTPUT_BYTES = 64 * 1024 * 1024;
    /** After a kill, how long to wait for the process and its pipes to close. */
    private static final Duration KILL_GRACE = Duration.ofSeconds(2);

    public ProcessToolRunner {
        extraEnv = Map.copyOf(extraEnv);
    }

    /** Tools from {@code PATH}, the inherited environment, the default timeout. */
    public static ProcessToolRunner standard() {
        return new ProcessToolRunner(Optional.empty(), Map.of(), DEFAULT_TIMEOUT);
    }

    @Override
    public CibResult<ToolOutput> run(List<String> argv, Optional<String> stdin) {
        String what = String.join(" ", argv.subList(0, Math.min(2, argv.size())));
        List<String> command = new ArrayList<>(argv);
        toolDir.ifPresent(dir -> command.set(0, dir.resolve(argv.get(0)).toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(extraEnv);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new CibResult.Failed<>(what, "cannot start " + command.get(0) + ": "
                    + e.getMessage());
        }
        FutureTask<byte[]> out = drain(process.getInputStream());
        FutureTask<byte[]> err = drain(process.getErrorStream());
        feed(process, stdin);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                return new CibResult.Failed<>(what, "timed out after " + timeout.toMillis()
                        + " ms and was killed" + stderrSoFar(err));
            }
            return new CibResult.Ok<>(new ToolOutput(process.exitValue(), text(out), text(err)));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return new CibResult.Failed<>(what, "interrupted");
        } catch (ExecutionException e) {
            return new CibResult.Failed<>(what, "cannot read its output: " + e.getCause());
        }
    }

    private static void feed(Process process, Optional<String> stdin) {
        // On its own thread, so that a tool that never reads its input cannot hold the caller
        // past the timeout once the pipe is full.
        Thread writer = new Thread(() -> {
            try (OutputStream in = process.getOutputStream()) {
                if (stdin.isPresent()) {
                    in.write(stdin.get().getBytes(StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // The tool exited without reading its input: its exit code and stderr say why.
            }
        }, "tool-input");
        writer.setDaemon(true);
        writer.start();
    }

    private static FutureTask<byte[]> drain(InputStream stream) {
        // Both pipes are read while the tool runs, each on its own daemon thread (the common pool
        // has one thread on a 2-core machine), so a large CIB cannot fill a pipe and stall it.
        FutureTask<byte[]> task = new FutureTask<>(() -> {
            try (stream) {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                byte[] chunk = new byte[8192];
                int n;
                while ((n = stream.read(chunk)) >= 0) {
                    if (buffer.size() < MAX_OUTPUT_BYTES) {
                        buffer.write(chunk, 0, n);
                    }
                }
                return buffer.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Thread reader = new Thread(task, "tool-output");
        reader.setDaemon(true);
        reader.start();
        return task;
    }

    private static String text(FutureTask<byte[]> bytes)
            throws InterruptedException, ExecutionException {
        return new String(bytes.get(), StandardCharsets.UTF_8);
    }

    private static String stderrSoFar(FutureTask<byte[]> err) {
        byte[] bytes;
        try {
            // A killed tool's pipe closes at once unless a child of it still holds it open.
            bytes = err.get(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        } catch (ExecutionException | TimeoutException e) {
            return "";
        }
        String said = new String(bytes, StandardCharsets.UTF_8).strip();
        return said.isEmpty() ? "" : "; stderr: " + said;
    }
}
