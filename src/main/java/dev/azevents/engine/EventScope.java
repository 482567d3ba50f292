package dev.azevents.engine;

/**
 * Which VMs' events this VM's Scheduled Events document shows (Azure's delivery scope). It decides
 * when the agent may read another node's event as finished (ClusterLabs #1986): a peer's recorded
 * event that is missing from our document is over only if our document would have listed it.
 */
public enum EventScope {
    /**
     * Availability set or VMSS placement group: every VM sees every VM's events. What
     * {@code azure-events} has always assumed, and its default.
     */
    EVERY_VM,
    /**
     * Not known (zones, standalone VMs): another node's events count as finished only when the
     * document itself proves the scope, by listing an event of some other VM.
     */
    UNKNOWN
}
