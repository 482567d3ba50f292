package dev.azevents.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code azevents install}: the two OCF agents under
 * {@code <prefix>/usr/lib/ocf/resource.d/azevents/}, the jar and its class-data sharing archive
 * under {@code <prefix>/usr/lib/azevents/}. The archive is recorded by training passes of both
 * agents against a CIB file and a loopback IMDS stand-in ({@link CdsTraining}), so the classes of
 * real actions are archived; it cuts an idle monitor's start-up (docs/ocf-agents.md).
 */
@Command(name = "install", mixinStandardHelpOptions = true,
        header = "Install the OCF agents azure-events and azure-events-az (provider azevents).",
        description = {"Exit codes: 0 installed, 1 failed (the message says what and where)."})
public final class InstallCommand implements Callable<Integer> {

    static final String PROVIDER_DIR = "usr/lib/ocf/resource.d/azevents";
    static final String LIB_DIR = "usr/lib/azevents";
    static final List<String> AGENTS = List.of("azure-events", "azure-events-az");

    @Option(names = "--prefix", description = "Root to install under (default /). The agents"
            + " refer to the jar under this root, so install where they will run.")
    Path prefix = Path.of("/");

    @Option(names = "--jar", description = "The azevents jar to install (default: this one).")
    Path jar;

    @Option(names = "--no-cds", description = "Do not build the class-data sharing archive.")
    boolean noCds;

    @Option(names = "--archive-only", description = "Only rebuild the class-data sharing archive"
            + " of the jar and agents already installed under --prefix (the packages run this"
            + " after install and whenever the Java runtime changes).")
    boolean archiveOnly;

    @Override
    public Integer call() {
        try {
            Path lib = prefix.resolve(LIB_DIR).toAbsolutePath().normalize();
            Path agents = prefix.resolve(PROVIDER_DIR).toAbsolutePath().normalize();
            if (archiveOnly) {
                return archive(lib, agents);
            }
            Files.createDirectories(lib);
            Files.createDirectories(agents);
            Path installed = lib.resolve("azevents.jar");
            replace(sourceJar(), installed);
            Files.deleteIfExists(lib.resolve("azevents.jsa"));
            for (String agent : AGENTS) {
                Path script = agents.resolve(agent);
                writeExecutable(script, OcfWrapper.script(agent, lib));
                System.out.println("installed " + script);
            }
            System.out.println("installed " + installed);
            if (!noCds) {
                Path jsa = lib.resolve("azevents.jsa");
                String problem = new CdsTraining(lib, agents).run();
                if (problem != null) {
                    System.err.println("azevents install: no CDS archive (" + problem
                            + "); the agents work without it, about twice as slowly");
                } else {
                    System.out.println("installed " + jsa);
                }
            }
            return 0;
        } catch (IOException | URISyntaxException e) {
            System.err.println("azevents install: " + e.getMessage());
            return 1;
        }
    }

    /** Only the archive, for an installation made by a package: 0 built, 1 not (says why). */
    private static int archive(Path lib, Path agents) throws IOException {
        if (!Files.isRegularFile(lib.resolve("azevents.jar"))
                || !AGENTS.stream().allMatch(a -> Files.isExecutable(agents.resolve(a)))) {
            System.err.println("azevents install: nothing installed under " + lib + " and "
                    + agents + " to build an archive for");
            return 1;
        }
        // The old archive first: the training passes must not map it (it may be another JDK's).
        Files.deleteIfExists(lib.resolve("azevents.jsa"));
        String problem = new CdsTraining(lib, agents).run();
        if (problem != null) {
            System.err.println("azevents install: no CDS archive (" + problem + ")");
            return 1;
        }
        System.out.println("installed " + lib.resolve("azevents.jsa"));
        return 0;
    }

    private Path sourceJar() throws URISyntaxException, IOException {
        if (jar != null) {
            return jar;
        }
        Path self = Path.of(InstallCommand.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI());
        if (!Files.isRegularFile(self)) {
            throw new IOException("not running from a jar (" + self + "): build it with"
                    + " 'mvn -DskipTests package' and use bin/azevents, or pass --jar");
        }
        return self;
    }

    private static void replace(Path from, Path to) throws IOException {
        Path tmp = to.resolveSibling(to.getFileName() + ".new");
        Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void writeExecutable(Path path, String text) throws IOException {
        Path tmp = path.resolveSibling(path.getFileName() + ".new");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
