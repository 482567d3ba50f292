package dev.azevents.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The packages that {@code mvn -Ppackages package} left in target/. */
final class Built {

    private Built() {
    }

    static Path deb() {
        return only(Path.of("target"), ".deb");
    }

    static Path rpm() {
        return only(Path.of("target/rpm"), ".rpm");
    }

    private static Path only(Path dir, String suffix) {
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> found = files.filter(f -> f.toString().endsWith(suffix)).toList();
            if (found.size() != 1) {
                throw new AssertionError("expected one " + suffix + " under " + dir + ", found "
                        + found + ": build with mvn -Ppackages package (after mvn clean)");
            }
            return found.get(0).toAbsolutePath();
        } catch (IOException e) {
            throw new AssertionError(dir + ": " + e.getMessage()
                    + " (build the packages with mvn -Ppackages package)", e);
        }
    }
}
