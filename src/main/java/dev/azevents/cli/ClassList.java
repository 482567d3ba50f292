package dev.azevents.cli;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The class lists that {@code -XX:DumpLoadedClassList} writes, one per training JVM, merged into
 * the one list that {@code -Xshare:dump} reads: each class (and each {@code @lambda-proxy} or
 * {@code @lambda-form-invoker} line) once, in the order first seen, comments dropped. Java 21 and
 * later number every class ({@code java/lang/Object id: 0}); each JVM numbers from 0, so the
 * numbers of two lists clash: they are dropped. {@code -Xshare:dump} needs them only for classes
 * of other class loaders (lines with {@code source:}, which name their super class by number);
 * an agent loads none, and such lines are dropped too.
 */
final class ClassList {

    private static final Pattern NUMBERED = Pattern.compile("^(\\S+) id: \\d+$");

    /**
     * JDK classes a pass loads or not depending on timing, so a training run may miss them: the
     * JDK swaps a tool's output stream for a null one when the tool exits before its output is
     * drained, and queues a thread on a lock only when two contend (seen missing under load:
     * StaticArchiveTest).
     */
    static final List<String> TIMING_DEPENDENT = List.of(
            "java/lang/ProcessBuilder$NullInputStream",
            "java/util/concurrent/locks/AbstractQueuedSynchronizer$Node",
            "java/util/concurrent/locks/AbstractQueuedSynchronizer$ExclusiveNode",
            "java/util/concurrent/locks/AbstractQueuedSynchronizer$ConditionNode");

    private ClassList() {
    }

    static String merge(List<String> lists) {
        Set<String> lines = new LinkedHashSet<>();
        for (String list : lists) {
            for (String line : list.split("\n")) {
                String entry = NUMBERED.matcher(line.strip()).replaceFirst("$1");
                if (!entry.isEmpty() && !entry.startsWith("#") && !entry.contains(" source: ")) {
                    lines.add(entry);
                }
            }
        }
        lines.addAll(TIMING_DEPENDENT);
        StringBuilder merged = new StringBuilder();
        for (String line : lines) {
            merged.append(line).append('\n');
        }
        return merged.toString();
    }
}
