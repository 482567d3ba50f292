package dev.azevents.engine;

import java.util.Optional;

/** Values of {@code <prefix>_curNodeState}, as the Python agents write them. */
public enum NodeState {
    AVAILABLE,
    STOPPING,
    IN_EVENT,
    ON_HOLD;

    /** Parses an attribute value; empty for anything else (an absent attribute means AVAILABLE). */
    public static Optional<NodeState> parse(String value) {
        for (NodeState s : values()) {
            if (s.name().equals(value)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
