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
    /** An availability zone: each VM sees only the events naming it. */
    OWN_VM,
    /**
     * Not known (an availability set or a standalone VM look the same in the instance metadata):
     * another node's events count as finished only when the document itself proves the scope, by
     * listing an event of some other VM.
     */
    UNKNOWN;

    /**
     * The scope from the instance metadata ({@code compute.zone}, {@code
     * compute.vmScaleSetName}; IMDS sends {@code ""} when they do not apply). A zone decides:
     * zonal VMs see only their own events, scale set or not. A scale set without a zone delivers
     * events to its placement group. Without either the VM is in an availability set or
     * standalone, which IMDS does not tell apart.
     */
    public static EventScope forPlacement(String zone, String vmScaleSetName) {
        if (!zone.isBlank()) {
            return OWN_VM;
        }
        return vmScaleSetName.isBlank() ? UNKNOWN : EVERY_VM;
    }
}
