package dev.azevents.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * A single jar of this build's classes and the project's runtime libraries, as the shade plugin
 * makes it, so that tests of {@code install} run in the test phase, before {@code package}.
 */
final class TestJar {

    /** The libraries the shaded jar holds (pom.xml, compile scope). */
    static final List<String> RUNTIME_LIBRARIES = List.of("jackson-core", "picocli");

    private TestJar() {
    }

    static Path build(Path out) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "dev.azevents.cli.Main");
        Set<String> seen = new HashSet<>();
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(out), manifest)) {
            seen.add("META-INF/MANIFEST.MF");
            Path classes = Path.of("target", "classes").toAbsolutePath();
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    String name = classes.relativize(f).toString().replace('\\', '/');
                    try (InputStream in = Files.newInputStream(f)) {
                        copy(jar, seen, name, in);
                    }
                }
            }
            for (Path lib : libraries()) {
                try (JarFile from = new JarFile(lib.toFile())) {
                    for (JarEntry e : from.stream().filter(e -> !e.isDirectory()).toList()) {
                        if (e.getName().startsWith("META-INF/")) {
                            continue;
                        }
                        try (InputStream in = from.getInputStream(e)) {
                            copy(jar, seen, e.getName(), in);
                        }
                    }
                }
            }
        }
        return out;
    }

    private static void copy(JarOutputStream jar, Set<String> seen, String name, InputStream in)
            throws IOException {
        if (seen.add(name)) {
            jar.putNextEntry(new JarEntry(name));
            in.transferTo(jar);
            jar.closeEntry();
        }
    }

    /** The runtime libraries on the test class path (expanding surefire's manifest jar). */
    private static List<Path> libraries() throws IOException {
        List<String> entries = new ArrayList<>(List.of(
                System.getProperty("java.class.path").split(java.io.File.pathSeparator)));
        for (String entry : List.copyOf(entries)) {
            if (entry.endsWith(".jar") && Files.isRegularFile(Path.of(entry))) {
                try (JarFile jar = new JarFile(entry)) {
                    Manifest m = jar.getManifest();
                    String cp = m == null ? null
                            : m.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
                    if (cp != null) {
                        for (String url : cp.split(" ")) {
                            entries.add(Path.of(java.net.URI.create(url)).toString());
                        }
                    }
                }
            }
        }
        return entries.stream().filter(e -> e.endsWith(".jar"))
                .filter(e -> RUNTIME_LIBRARIES.stream()
                        .anyMatch(lib -> Path.of(e).getFileName().toString().startsWith(lib)))
                .map(Path::of).distinct().toList();
    }
}
