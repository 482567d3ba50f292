package dev.azevents.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The shell wrapper that Pacemaker runs as {@code ocf:azevents:<agent>}, from one template
 * ({@code ocf-wrapper.sh}); the checkout's {@code ocf/azure-events*} are the same template with
 * the default library directory, and a test keeps them equal.
 */
final class OcfWrapper {

    static final Path DEFAULT_LIB = Path.of("/usr/lib/azevents");

    private OcfWrapper() {
    }

    static String script(String agent, Path lib) {
        String strategy = agent.equals("azure-events") ? "standby" : "node-health";
        return template().replace("@AGENT@", agent).replace("@STRATEGY@", strategy)
                .replace("@LIB@", lib.toString());
    }

    private static String template() {
        try (InputStream in = OcfWrapper.class.getResourceAsStream("ocf-wrapper.sh")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("ocf-wrapper.sh missing from the jar", e);
        }
    }
}
