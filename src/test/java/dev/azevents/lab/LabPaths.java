package dev.azevents.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Where the lab's pieces are: the checkout, the results, our agents as installed. */
final class LabPaths {

    private LabPaths() {
    }

    /** Root (namespaces, mounts) and the cluster daemons. */
    static boolean canRunLab() {
        ProcessRun.Outcome id = ProcessRun.run(Duration.ofSeconds(5), Map.of(),
                List.of("id", "-u"));
        return id.ok() && id.out().strip().equals("0")
                && Files.isExecutable(Path.of("/usr/sbin/corosync"))
                && Files.isExecutable(Path.of("/usr/sbin/pacemakerd"));
    }

    /** Maven runs tests in the project's base directory. */
    static Path repo() {
        return Path.of(System.getProperty("user.dir")).toAbsolutePath();
    }

    /** target/lab: one log per scenario and agent, and results.tsv (one line per verdict). */
    static Path results() {
        return repo().resolve("target/lab");
    }

    /**
     * Our OCF agents as an administrator installs them ({@code bin/azevents install}), into a
     * prefix under target/ so that the machine's /usr is not touched; each lab node sees the
     * directory as its {@code /usr/lib/ocf/resource.d/azevents}. {@code -Dlab.ocfDir=DIR} uses an
     * existing installation instead.
     */
    static Path ourAgents() {
        return Installed.DIR;
    }

    /** Installs once per test JVM, on first use (the holder idiom: no mutable static). */
    private static final class Installed {
        static final Path DIR = install();

        private static Path install() {
            String given = System.getProperty("lab.ocfDir", "");
            if (!given.isBlank()) {
                return Path.of(given);
            }
            Path prefix = repo().resolve("target/lab-install");
            ProcessRun.Outcome o = ProcessRun.run(Duration.ofMinutes(5), Map.of(),
                    List.of(repo().resolve("bin/azevents").toString(), "install", "--prefix",
                            prefix.toString()));
            Path dir = prefix.resolve("usr/lib/ocf/resource.d/azevents");
            if (!o.ok() || !Files.isDirectory(dir)) {
                throw new IllegalStateException("installing our agents failed: " + o.describe());
            }
            return dir;
        }
    }
}
