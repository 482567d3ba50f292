package dev.azevents.imds;

import java.util.Optional;

/** The five Scheduled Events types, spelled as Azure spells them in {@code EventType}. */
public enum EventType {
    FREEZE("Freeze"),
    REBOOT("Reboot"),
    REDEPLOY("Redeploy"),
    /** Spot eviction: about 30 s of notice, best-effort delivery. */
    PREEMPT("Preempt"),
    /** Scale-set instance deletion; only served to api-version 2019-01-01 and later. */
    TERMINATE("Terminate");

    private final String azureName;

    EventType(String azureName) {
        this.azureName = azureName;
    }

    public String azureName() {
        return azureName;
    }

    /** The type for an Azure spelling; empty for a type Azure may add later (never an error). */
    public static Optional<EventType> fromAzure(String name) {
        for (EventType t : values()) {
            if (t.azureName.equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
