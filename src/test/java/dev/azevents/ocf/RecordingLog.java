package dev.azevents.ocf;

import java.util.ArrayList;
import java.util.List;

/** Keeps every line as {@code LEVEL: message}, so tests assert the administrator's text. */
final class RecordingLog implements AgentLog {

    final List<String> lines = new ArrayList<>();

    @Override
    public void log(Level level, String message) {
        lines.add(level + ": " + AgentLog.oneLine(message));
    }

    List<String> at(Level level) {
        return lines.stream().filter(l -> l.startsWith(level + ": ")).toList();
    }
}
