package dev.azevents.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code java} of the wrappers (the same {@code AZEVENTS_JAVA} rule) dumping the static
 * archive from a class list, then mapping it once the way the agents will before it is renamed
 * into place.
 */
final class ArchiveJvm {

    /**
     * What the archive depends on besides the JDK and the class path: the collector and the heap
     * bounds. G1, because on JDK 17 only G1 maps the archived heap objects (interned strings, the
     * module graph: about 10 ms less CPU per pass than SerialGC with the same archive, measured
     * in docs/ocf-agents.md). The wrapper must pass the same (OcfWrapperTest checks).
     */
    static final List<String> HEAP_OPTIONS = List.of("-XX:+UseG1GC", "-Xms8m", "-Xmx64m");
    /**
     * How the wrapper maps the archive: at the address it was dumped for, as JDK 17.0.0 did by
     * default (later updates relocate it always: a few ms more per pass). The wrapper passes
     * these only with the archive, and a JDK that refuses them fails the check below, so the
     * archive is not installed.
     */
    static final List<String> MAP_OPTIONS = List.of("-XX:+UnlockDiagnosticVMOptions",
            "-XX:ArchiveRelocationMode=0");

    private final Path lib;
    private final Path work;

    ArchiveJvm(Path lib, Path work) {
        this.lib = lib;
        this.work = work;
    }

    /**
     * Dumps into {@code azevents.jsa.new}, checks it, renames it into place: an agent started
     * meanwhile sees either no archive or a whole one, never a file the JVM is still writing.
     * Null when done, else what went wrong.
     */
    String dump(Path classList) throws IOException {
        Path jsa = lib.resolve("azevents.jsa.new");
        Files.deleteIfExists(jsa);
        String jar = lib.resolve("azevents.jar").toString();
        List<String> dump = command("-Xshare:dump", "-XX:SharedClassListFile=" + classList,
                "-XX:SharedArchiveFile=" + jsa, "-cp", jar);
        String problem = run(dump, "dumping the archive");
        if (problem == null) {
            // -Xshare:on: exit 1 when the archive cannot be mapped, where the agents' :auto
            // would run on silently without any archive, twice as slowly.
            List<String> check = command("-Xshare:on", "-XX:SharedArchiveFile=" + jsa);
            check.addAll(MAP_OPTIONS);
            check.addAll(List.of("-Xlog:disable", "-Xlog:all=error:stderr", "-cp", jar,
                    "dev.azevents.ocf.AgentMain", "azure-events-az", "meta-data"));
            problem = run(check, "mapping the new archive");
        }
        if (problem != null) {
            Files.deleteIfExists(jsa);
            return problem;
        }
        Files.move(jsa, lib.resolve("azevents.jsa"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        return null;
    }

    static String java() {
        String java = System.getenv("AZEVENTS_JAVA");
        return java == null || java.isBlank() ? "java" : java;
    }

    private static List<String> command(String... options) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(HEAP_OPTIONS);
        command.addAll(List.of(options));
        return command;
    }

    private String run(List<String> command, String what) throws IOException {
        Path log = work.resolve("archive.log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        int exit = await(pb.start(), CdsTraining.TIMEOUT_S);
        if (exit == 0) {
            return null;
        }
        return what + ": '" + String.join(" ", command) + "' " + ended(exit) + ": "
                + Files.readString(log).strip();
    }

    static String ended(int exit) {
        return exit == -1 ? "did not end within " + CdsTraining.TIMEOUT_S + " s"
                : "exited " + exit;
    }

    /** The exit code, or -1 when the process did not end within the time (it is killed). */
    static int await(Process process, long timeoutSeconds) {
        try {
            if (process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                return process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        return -1;
    }
}
