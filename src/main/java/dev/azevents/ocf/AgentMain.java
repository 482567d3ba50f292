package dev.azevents.ocf;

/**
 * Entry point of the OCF agents ({@code ocf/azure-events}, {@code ocf/azure-events-az}).
 * A plain switch, so that nothing heavy (picocli) loads on the monitor path.
 * Usage: {@code AgentMain <azure-events|azure-events-az> <action>}.
 */
public final class AgentMain {

    private AgentMain() {
    }

    public static void main(String[] args) {
        // Filled in by the agent issue.
        System.exit(3);
    }
}
