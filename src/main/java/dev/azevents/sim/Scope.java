package dev.azevents.sim;

/**
 * Which VMs see an event. Azure delivers an availability set's (and a scale-set placement
 * group's) events to every member; a standalone or zonal VM sees only events naming it
 * (reference sheet §5).
 */
public enum Scope {
    AVAILABILITY_SET,
    STANDALONE;

    /** Whether {@code vm} sees an event that affects {@code resources}. */
    boolean shows(String vm, java.util.List<String> resources) {
        return switch (this) {
            case AVAILABILITY_SET -> true;
            case STANDALONE -> resources.contains(vm);
        };
    }
}
