package dev.azevents.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

/** {@code xmllint --relaxng} with the status schema as shipped in the jar. */
final class RelaxNg {

    private RelaxNg() {
    }

    static void assertValid(String xml, Path dir) throws Exception {
        Path schema = dir.resolve("azevents-status.rng");
        try (InputStream in = StatusFormat.class.getResourceAsStream(StatusFormat.SCHEMA)) {
            Files.copy(in, schema, StandardCopyOption.REPLACE_EXISTING);
        }
        Path doc = dir.resolve("status.xml");
        Files.writeString(doc, xml);
        Process p = new ProcessBuilder("xmllint", "--noout", "--relaxng", schema.toString(),
                doc.toString()).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), said + "\n" + xml);
    }
}
