package dev.azevents.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.azevents.cluster.CibResult;
import dev.azevents.cluster.ProcessToolRunner;
import dev.azevents.cluster.ToolOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * A CIB file for Pacemaker's own tools ({@code CIB_file}), copied from a test resource into a
 * test's temporary directory, with the real tools pointed at it.
 */
public final class CibFile {

    /** The tools the adapter calls; tests skip, saying so, only when they are not installed. */
    public static final List<String> TOOLS = List.of("cibadmin", "crm_mon", "crm_attribute",
            "crm_simulate");
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern CIB_TAG = Pattern.compile("<cib\\s[^>]*>");

    private final Path path;

    private CibFile(Path path) {
        this.path = path;
    }

    /** Skips the calling test, with the reason, when Pacemaker's tools are not installed. */
    public static void assumeTools() {
        for (String tool : TOOLS) {
            Assumptions.assumeTrue(onPath(tool), () -> "skipped: Pacemaker tool " + tool
                    + " is not installed (apt-get install pacemaker-cli-utils); bin/test"
                    + " installs it");
        }
    }

    /** Copies {@code /cluster/<name>} from the test resources to {@code dir}. */
    public static CibFile copy(String name, Path dir) {
        assumeTools();
        Path target = dir.resolve(name);
        try (InputStream in = CibFile.class.getResourceAsStream("/cluster/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource /cluster/" + name);
            }
            Files.copy(in, target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CibFile(target);
    }

    public Path path() {
        return path;
    }

    /** Real tools with {@code CIB_file} set to this file. */
    public ProcessToolRunner tools() {
        return new ProcessToolRunner(Optional.empty(), Map.of("CIB_file", path.toString()),
                TOOL_TIMEOUT);
    }

    /** Runs a tool on this file and returns its stdout; fails the test if it exits non-zero. */
    public String run(String... argv) {
        CibResult<ToolOutput> run = tools().run(List.of(argv), Optional.empty());
        if (run instanceof CibResult.Failed<ToolOutput> f) {
            throw new AssertionError(f.describe());
        }
        ToolOutput out = ((CibResult.Ok<ToolOutput>) run).value();
        assertEquals(0, out.exitCode(), () -> String.join(" ", argv) + ": " + out.describe());
        return out.stdout();
    }

    /** {@code crm_attribute --query --quiet}, as the Python agents read an attribute. */
    public String pythonRead(Optional<String> node, String name) {
        List<String> argv = new ArrayList<>(List.of("crm_attribute", "--name", name, "--query",
                "--quiet", "--default", ""));
        if (node.isPresent()) {
            argv.addAll(List.of("--node", node.get()));
        } else {
            argv.addAll(List.of("--type", "crm_config"));
        }
        String out = run(argv.toArray(String[]::new));
        // Only the line end the tool adds: a value's own spaces are part of it.
        return out.endsWith("\n") ? out.substring(0, out.length() - 1) : out;
    }

    /** {@code epoch} and {@code num_updates} of the CIB, e.g. {@code [5, 0]}. */
    public List<Long> version() {
        Matcher tag = CIB_TAG.matcher(text());
        if (!tag.find()) {
            throw new AssertionError("no <cib> element in " + path);
        }
        return List.of(number(tag.group(), "epoch"), number(tag.group(), "num_updates"));
    }

    private static long number(String tag, String attribute) {
        Matcher m = Pattern.compile("\\s" + attribute + "=\"(\\d+)\"").matcher(tag);
        if (!m.find()) {
            throw new AssertionError("no " + attribute + " in " + tag);
        }
        return Long.parseLong(m.group(1));
    }

    public String text() {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Lets Pacemaker's scheduler play the cluster's reaction to the CIB, in place; {@code events}
     * are crm_simulate's own, e.g. {@code --node-down node2} (a node crashing or rebooting).
     */
    public void simulateReaction(String... events) {
        Path out = path.resolveSibling(path.getFileName() + ".next");
        List<String> argv = new ArrayList<>(List.of("crm_simulate", "--xml-file",
                path.toString(), "--simulate", "--save-output", out.toString()));
        argv.addAll(List.of(events));
        run(argv.toArray(String[]::new));
        try {
            Files.move(out, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
