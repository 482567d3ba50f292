package dev.azevents.imds;

/** The two statuses Azure shows; an event that ended is simply no longer listed. */
public enum EventStatus {
    SCHEDULED("Scheduled"),
    STARTED("Started");

    private final String azureName;

    EventStatus(String azureName) {
        this.azureName = azureName;
    }

    public String azureName() {
        return azureName;
    }
}
