package dev.azevents.engine;

/**
 * How a node is drained. The attribute prefix is the original agent's name, so a cluster can
 * switch between the Python agent and ours with no cleanup.
 */
public enum Strategy {
    /** As {@code azure-events}: the node is put in standby; peers approve its events. */
    STANDBY("azure-events"),
    /** As {@code azure-events-az}: {@code #health-azure} is lowered; the node approves itself. */
    HEALTH("azure-events-az");

    private final String attributePrefix;

    Strategy(String attributePrefix) {
        this.attributePrefix = attributePrefix;
    }

    /** {@code azure-events} or {@code azure-events-az}; also the OCF agent's name. */
    public String attributePrefix() {
        return attributePrefix;
    }
}
