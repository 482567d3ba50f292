package dev.azevents.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs one command for the package tests: its exit code and what it printed. */
record Sh(int exit, String out, String err) {

    static final long TIMEOUT_S = 300;

    static Sh run(Map<String, String> env, String... command) {
        try {
            Path errFile = java.nio.file.Files.createTempFile("azevents-sh", ".err");
            ProcessBuilder pb = new ProcessBuilder(command).redirectError(errFile.toFile());
            pb.environment().putAll(env);
            pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " hung");
            }
            String err = java.nio.file.Files.readString(errFile);
            java.nio.file.Files.delete(errFile);
            return new Sh(p.exitValue(), out, err);
        } catch (IOException e) {
            throw new AssertionError(String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    static Sh run(String... command) {
        return run(Map.of(), command);
    }

    /** Fails the test, with everything the command said, unless it exited 0. */
    Sh ok(String what) {
        if (exit != 0) {
            throw new AssertionError(what + " exited " + exit + "\nstdout:\n" + out
                    + "\nstderr:\n" + err);
        }
        return this;
    }

    List<String> lines() {
        return out.lines().toList();
    }
}
