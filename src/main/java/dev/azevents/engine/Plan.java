package dev.azevents.engine;

import java.util.List;

/**
 * What one pass decided: actions in order, each with its reason. No actions means idle.
 *
 * @param actions what to write and approve, CIB actions first, approvals last
 * @param notes   what the pass waits for and why it does nothing about it, for the log and the
 *                status command; notes never make a plan non-idle
 */
public record Plan(List<Action> actions, List<String> notes) {

    public Plan {
        actions = List.copyOf(actions);
        notes = List.copyOf(notes);
    }

    public Plan(List<Action> actions) {
        this(actions, List.of());
    }

    public static Plan idle() {
        return new Plan(List.of());
    }

    public boolean isIdle() {
        return actions.isEmpty();
    }
}
