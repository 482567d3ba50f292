package dev.azevents.ocf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The VM name cache accepts scale-set instance names longer than 64 (issue 10, item 17). */
class AgentStateNameTest {

    @Test
    void aFlexibleScaleSetInstanceNameIsCached() {
        String vm = "p".repeat(64) + "_1a2b3c4d";
        assertEquals(Optional.of(vm), AgentState.started().withAzName(vm).azName());
    }

    @Test
    void aNameWithShellOrXmlCharactersIsNot() {
        assertEquals(Optional.empty(), AgentState.started().withAzName("vm$(reboot)").azName());
        assertEquals(Optional.empty(), AgentState.started().withAzName("vm\"x").azName());
    }
}
