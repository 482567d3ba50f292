package dev.azevents.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OcfWrapperTest {

    @ParameterizedTest
    @ValueSource(strings = {"azure-events", "azure-events-az"})
    void checkoutWrappersAreTheInstalledTemplateWithTheDefaultLibrary(String agent)
            throws Exception {
        assertEquals(OcfWrapper.script(agent, OcfWrapper.DEFAULT_LIB),
                Files.readString(Path.of("ocf", agent)),
                "regenerate ocf/" + agent + " from src/main/resources/dev/azevents/cli/"
                        + "ocf-wrapper.sh");
    }

    /**
     * The archive is dumped with ArchiveJvm's heap options and checked with its map options; a
     * wrapper that ran with others (SerialGC) would ignore the archived heap, or the archive.
     */
    @ParameterizedTest
    @ValueSource(strings = {"azure-events", "azure-events-az"})
    void wrappersRunTheJvmAsTheArchiveWasDumpedAndChecked(String agent) {
        String script = OcfWrapper.script(agent, OcfWrapper.DEFAULT_LIB);
        String jvm = script.substring(script.indexOf("jvm() {"), script.indexOf("\n}\n",
                script.indexOf("jvm() {")));
        for (String option : ArchiveJvm.HEAP_OPTIONS) {
            assertTrue(jvm.contains(" " + option + " "), option + " in " + jvm);
        }
        assertTrue(script.contains("    cds=\"$cds " + String.join(" ", ArchiveJvm.MAP_OPTIONS)
                + "\"\n"), "map options with the archive");
        assertTrue(!jvm.contains("SerialGC") && !jvm.contains("ParallelGC"), jvm);
    }
}
