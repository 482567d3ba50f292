package dev.azevents.imds;

/**
 * The two statuses Azure shows; an event that ended is simply no longer listed. {@link
 * #UNREADABLE} marks an event the parser kept as listed but could not read fully (an unknown
 * status, a NotBefore it cannot parse): it is never acted on, but it still counts as listed.
 */
public enum EventStatus {
    SCHEDULED("Scheduled"),
    STARTED("Started"),
    UNREADABLE("Unreadable");

    private final String azureName;

    EventStatus(String azureName) {
        this.azureName = azureName;
    }

    public String azureName() {
        return azureName;
    }
}
