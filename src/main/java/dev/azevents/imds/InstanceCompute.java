package dev.azevents.imds;

/**
 * The parts of {@code /metadata/instance} compute that matter to a cluster node.
 * {@code name} is the VM resource name, the value Azure puts in an event's {@code Resources}.
 * IMDS sends {@code ""} for values that do not apply; they are kept as empty strings.
 */
public record InstanceCompute(
        String name,
        String vmId,
        String location,
        String zone,
        String vmScaleSetName,
        String resourceId,
        String computerName) {
}
