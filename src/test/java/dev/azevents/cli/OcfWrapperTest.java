package dev.azevents.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
