package dev.azevents.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassListTest {

    /** Added to every merged list: classes a training run may miss by timing. */
    static final String ALWAYS = String.join("\n", ClassList.TIMING_DEPENDENT) + "\n";

    @Test
    void mergesListsOfSeveralJvmsEachEntryOnceInFirstSeenOrder() {
        String first = "# NOTE: Do not modify this file.\n#\njava/lang/Object\n"
                + "dev/azevents/ocf/AgentMain\n@lambda-proxy a/B run ()V\n";
        String second = "java/lang/Object\ndev/azevents/ocf/StateFile\n"
                + "@lambda-proxy a/B run ()V\n@lambda-form-invoker [LF_RESOLVE] x\n";
        assertEquals("java/lang/Object\ndev/azevents/ocf/AgentMain\n@lambda-proxy a/B run ()V\n"
                + "dev/azevents/ocf/StateFile\n@lambda-form-invoker [LF_RESOLVE] x\n" + ALWAYS,
                ClassList.merge(List.of(first, second)));
    }

    @Test
    void dropsTheNumbersOfJava21AndLaterWhichClashBetweenJvms() {
        String first = "java/lang/Object id: 0\ndev/azevents/ocf/AgentMain id: 1\n";
        String second = "java/lang/Object id: 0\ndev/azevents/ocf/StateFile id: 1\n";
        assertEquals("java/lang/Object\ndev/azevents/ocf/AgentMain\ndev/azevents/ocf/StateFile\n"
                + ALWAYS, ClassList.merge(List.of(first, second)));
    }

    @Test
    void dropsClassesOfOtherLoadersWhichNameTheirSuperClassByNumber() {
        String list = "java/lang/Object id: 0\n"
                + "Foo id: 7 super: 0 source: /tmp/plugin.jar\n";
        assertEquals("java/lang/Object\n" + ALWAYS, ClassList.merge(List.of(list)));
    }
}
