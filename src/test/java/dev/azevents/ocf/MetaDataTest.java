package dev.azevents.ocf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.azevents.engine.Strategy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MetaDataTest {

    static final Path DTD = Path.of("/usr/share/resource-agents/ra-api-1.dtd");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void validatesAgainstPacemakersDtd(Strategy strategy) throws Exception {
        assumeTrue(Files.isReadable(DTD) && Files.isExecutable(Path.of("/usr/bin/xmllint")),
                "xmllint or " + DTD + " absent: install libxml2-utils and resource-agents");
        Path file = dir.resolve(strategy.attributePrefix() + ".xml");
        Files.writeString(file, MetaData.document(strategy), StandardCharsets.UTF_8);

        Process xmllint = new ProcessBuilder("xmllint", "--noout", "--dtdvalid", DTD.toString(),
                file.toString()).redirectErrorStream(true).start();
        String said = new String(xmllint.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8);
        assertTrue(xmllint.waitFor(30, TimeUnit.SECONDS));

        assertEquals(0, xmllint.exitValue(), said);
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void listsEveryParameterWithItsDefaultAndTheMonitorInterval(Strategy strategy) {
        String xml = MetaData.document(strategy);

        assertTrue(xml.contains("<resource-agent name=\"" + strategy.attributePrefix() + "\""));
        for (ParameterSpec p : ParameterSpec.ALL) {
            assertTrue(xml.contains("<parameter name=\"" + p.name() + "\""), p.name());
            assertTrue(xml.contains("default=\"" + p.value() + "\""), p.name());
        }
        assertTrue(xml.contains("<action name=\"monitor\" timeout=\"240s\" interval=\"10s\""));
        assertTrue(xml.startsWith("<?xml"), "nothing printed before the document");
    }
}
