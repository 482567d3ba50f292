package dev.azevents.engine;

import java.util.List;

/** What one pass decided: actions in order, each with its reason. Empty means idle. */
public record Plan(List<Action> actions) {

    public Plan {
        actions = List.copyOf(actions);
    }

    public static Plan idle() {
        return new Plan(List.of());
    }

    public boolean isIdle() {
        return actions.isEmpty();
    }
}
