package dev.azevents.ocf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The wrapper scripts ({@code ocf/azure-events*}) when Java is missing, too old or cannot start:
 * {@code stop} and a monitor of a stopped instance need no JVM (a failed stop is fenced), every
 * other action exits 5 (OCF_ERR_INSTALLED) with a reason.
 */
class WrapperWithoutJavaTest {

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
        List<String> exitReasons() {
            return err.lines().filter(l -> l.startsWith("ocf-exit-reason:")).toList();
        }
    }

    Run wrapper(String agent, String action, Map<String, String> extra) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("ocf/" + agent, action);
        Map<String, String> env = pb.environment();
        env.put("HA_RSCTMP", dir.resolve("rsctmp").toString());
        env.put("OCF_RESOURCE_INSTANCE", "rsc_ae:0");
        env.put("AZEVENTS_CLASSPATH", System.getProperty("java.class.path"));
        env.put("AZEVENTS_LIB", dir.resolve("nolib").toString());
        extra.forEach((k, v) -> {
            if (v == null) {
                env.remove(k);
            } else {
                env.put(k, v);
            }
        });
        pb.redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), agent + " " + action + " did not end");
        return new Run(p.exitValue(), Files.readString(dir.resolve("out")),
                Files.readString(dir.resolve("err")));
    }

    /** A fake java: prints this for -version (exit versionExit), exits 1 for anything else. */
    Path fakeJava(String versionText, int versionExit) throws IOException {
        Path java = dir.resolve("java");
        Files.writeString(java, "#!/bin/sh\n"
                + "for a; do [ \"$a\" = -version ] && { printf '%s\\n' '" + versionText
                + "' >&2; exit " + versionExit + "; }; done\n"
                + "echo 'Error: Could not find or load main class' >&2\nexit 1\n");
        java.toFile().setExecutable(true);
        return java;
    }

    Path stateFile() {
        return StateFile.forInstance(Map.of("HA_RSCTMP", dir.resolve("rsctmp").toString(),
                "OCF_RESOURCE_INSTANCE", "rsc_ae:0"), "azure-events").path();
    }

    void started() throws IOException {
        Files.createDirectories(stateFile().getParent());
        Files.writeString(stateFile(), "failedPasses=0\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"azure-events", "azure-events-az"})
    void stopWorksWithNoJavaAtAll(String agent) throws Exception {
        started();
        Run run = wrapper(agent, "stop", Map.of("AZEVENTS_JAVA", dir.resolve("no-java")
                .toString(), "PATH", "/nonexistent"));

        assertEquals(0, run.exit(), run.err());
        assertFalse(Files.exists(stateFile()), "state file removed");
        assertEquals(0, wrapper(agent, "stop", Map.of("AZEVENTS_JAVA", "/nonexistent/java"))
                .exit(), "stop of a stopped instance");
    }

    @Test
    void monitorOfAStoppedInstanceSaysNotRunningWithoutJava() throws Exception {
        Run run = wrapper("azure-events", "monitor", Map.of("AZEVENTS_JAVA", "/nonexistent/java",
                "OCF_RESKEY_CRM_meta_interval", "0"));

        assertEquals(7, run.exit(), run.err());
        assertEquals("", run.err());
    }

    @Test
    void missingJavaIsNotInstalledWithAReason() throws Exception {
        started();
        for (String action : List.of("start", "monitor", "validate-all", "meta-data")) {
            Run run = wrapper("azure-events-az", action,
                    Map.of("AZEVENTS_JAVA", "/nonexistent/java"));
            assertEquals(5, run.exit(), action + ": " + run.err());
            assertTrue(run.exitReasons().get(0).startsWith("ocf-exit-reason:no "
                    + "'/nonexistent/java' on PATH ("), run.err());
            assertTrue(run.exitReasons().get(0).endsWith("azure-events-az needs Java 17 or later"
                    + " (install it, or set AZEVENTS_JAVA in the resource's environment)"),
                    run.err());
        }
    }

    @Test
    void javaNotOnPathIsNotInstalled() throws Exception {
        Run run = wrapper("azure-events", "start", Map.of("PATH", "/nonexistent",
                "AZEVENTS_JAVA", "java"));

        assertEquals(5, run.exit(), run.err());
        assertEquals(List.of("ocf-exit-reason:no 'java' on PATH (/nonexistent): azure-events "
                + "needs Java 17 or later (install it, or set AZEVENTS_JAVA in the resource's "
                + "environment)"), run.exitReasons());
    }

    @Test
    void anOldJavaIsNotInstalledAndSaysItsVersion() throws Exception {
        Path java8 = fakeJava("openjdk version \"1.8.0_392\"", 0);
        Run run = wrapper("azure-events", "start", Map.of("AZEVENTS_JAVA", java8.toString()));
        assertEquals(5, run.exit(), run.err());
        assertEquals(List.of("ocf-exit-reason:'" + java8 + "' is Java 8; azure-events needs Java"
                + " 17 or later (install it, or set AZEVENTS_JAVA in the resource's environment)"),
                run.exitReasons());

        Path java11 = fakeJava("openjdk version \"11.0.21\" 2023-10-17", 0);
        run = wrapper("azure-events", "validate-all", Map.of("AZEVENTS_JAVA", java11.toString()));
        assertEquals(5, run.exit(), run.err());
        assertTrue(run.exitReasons().get(0).contains("is Java 11; azure-events needs Java 17"),
                run.err());
    }

    @Test
    void aJvmThatCannotStartIsNotInstalled() throws Exception {
        Path broken = fakeJava("Error: Could not reserve enough space for object heap", 1);
        Run run = wrapper("azure-events", "start", Map.of("AZEVENTS_JAVA", broken.toString()));

        assertEquals(5, run.exit(), run.err());
        assertEquals(List.of("ocf-exit-reason:'" + broken + "' cannot start (exit 1): Error: "
                + "Could not reserve enough space for object heap"), run.exitReasons());
    }

    @Test
    void aJvmThatStartsOnlyWithoutTheAgentsOptionsIsNotInstalled() throws Exception {
        Path java = dir.resolve("java");
        Files.writeString(java, "#!/bin/sh\n[ \"$1\" = -version ] && { echo 'openjdk version "
                + "\"17.0.9\"' >&2; exit 0; }\necho 'Error occurred during initialization of VM'"
                + " >&2\nexit 1\n");
        java.toFile().setExecutable(true);
        Run run = wrapper("azure-events", "start", Map.of("AZEVENTS_JAVA", java.toString()));

        assertEquals(5, run.exit(), run.err());
        assertEquals(List.of("ocf-exit-reason:'" + java + "' cannot start with the agent's "
                + "options: Error occurred during initialization of VM"), run.exitReasons());
    }

    @Test
    void theAgentsOwnGenericErrorStaysOne() throws Exception {
        Path java = dir.resolve("java");
        Files.writeString(java, "#!/bin/sh\nfor a; do case $a in -version) echo 'openjdk "
                + "version \"17.0.9\"' >&2; exit 0;; dev.azevents.ocf.AgentMain) echo "
                + "'ocf-exit-reason:cannot write state file' >&2; exit 1;; esac; done\nexit 0\n");
        java.toFile().setExecutable(true);
        Run run = wrapper("azure-events", "start", Map.of("AZEVENTS_JAVA", java.toString()));

        assertEquals(1, run.exit(), run.err());
        assertEquals(List.of("ocf-exit-reason:cannot write state file"), run.exitReasons());
    }

    @Test
    void withAGoodJavaTheAgentRuns() throws Exception {
        Run run = wrapper("azure-events", "meta-data", Map.of());

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("<resource-agent name=\"azure-events\""), run.out());
    }

    /** The wrapper finds the state file where StateFile.forInstance puts it, for any id. */
    @Test
    void theWrapperAndTheAgentAgreeWhereTheStateFileIs() throws Exception {
        Path java = fakeJava("unused", 0);
        Files.writeString(java, "#!/bin/sh\nexit 0\n");
        for (String instance : List.of("rsc_ae", "rsc_ae:1", "a b/c;d", "  ", "", "é*",
                "dots.and-dash_")) {
            Map<String, String> env = new HashMap<>();
            env.put("HA_RSCTMP", dir.resolve("rsctmp").toString());
            env.put("OCF_RESOURCE_INSTANCE", instance);
            Path state = StateFile.forInstance(env, "azure-events").path();
            Files.createDirectories(state.getParent());
            Files.writeString(state, "");
            Map<String, String> extra = new HashMap<>(env);
            extra.put("AZEVENTS_JAVA", java.toString());
            extra.put("PATH", "/nonexistent");
            assertEquals(0, wrapper("azure-events", "monitor", extra).exit(),
                    "monitor finds " + state + " for '" + instance + "'");
            assertEquals(0, wrapper("azure-events", "stop", extra).exit());
            assertFalse(Files.exists(state), "stop removed " + state + " for '" + instance + "'");
            assertEquals(7, wrapper("azure-events", "monitor", extra).exit());
        }
        Map<String, String> unset = new HashMap<>();
        unset.put("HA_RSCTMP", null);
        unset.put("OCF_RESOURCE_INSTANCE", null);
        unset.put("AZEVENTS_JAVA", "/nonexistent/java");
        assertEquals(7, wrapper("azure-events", "monitor", unset).exit(),
                "default " + StateFile.DEFAULT_RSCTMP + " (no state file there in tests)");
    }
}
