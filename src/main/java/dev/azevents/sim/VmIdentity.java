package dev.azevents.sim;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * The compute identity a simulated VM reports in {@code /metadata/instance}. Values are
 * plausible and stable: derived from the VM name and its position in the group, never random,
 * so a run can be repeated.
 */
public record VmIdentity(
        String name,
        String vmId,
        String location,
        String zone,
        String vmScaleSetName,
        String resourceGroupName,
        String subscriptionId,
        String vmSize,
        String platformFaultDomain,
        String platformUpdateDomain,
        String computerName,
        String privateIpAddress) {

    static final String LOCATION = "westeurope";
    static final String RESOURCE_GROUP = "rg-azevents-sim";
    static final String SUBSCRIPTION = "11111111-2222-3333-4444-555555555555";
    static final String VM_SIZE = "Standard_E4ds_v5";
    /** An availability set has 2 or 3 fault domains; 2 is the smallest valid choice. */
    static final int FAULT_DOMAINS = 2;
    /** Azure's default number of update domains in an availability set. */
    static final int UPDATE_DOMAINS = 5;

    /** Azure keeps the first four addresses of a subnet; a /24 has 251 more. */
    static final int FIRST_HOST = 4;
    static final int MAX_HOSTS = 250;

    public VmIdentity {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(vmId, "vmId");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(vmScaleSetName, "vmScaleSetName");
        Objects.requireNonNull(resourceGroupName, "resourceGroupName");
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(vmSize, "vmSize");
        Objects.requireNonNull(platformFaultDomain, "platformFaultDomain");
        Objects.requireNonNull(platformUpdateDomain, "platformUpdateDomain");
        Objects.requireNonNull(computerName, "computerName");
        Objects.requireNonNull(privateIpAddress, "privateIpAddress");
    }

    /**
     * The identity of the {@code index}-th VM of a group. Availability-set members have no zone;
     * a standalone VM is given zone 1, the usual zonal deployment.
     */
    static VmIdentity of(String name, int index, Scope scope) {
        String vmId = UUID.nameUUIDFromBytes(("azevents-sim/" + name)
                .getBytes(StandardCharsets.UTF_8)).toString();
        String zone = switch (scope) {
            case AVAILABILITY_SET -> "";
            case STANDALONE -> "1";
        };
        String fd = switch (scope) {
            case AVAILABILITY_SET -> Integer.toString(index % FAULT_DOMAINS);
            case STANDALONE -> "0";
        };
        String ud = switch (scope) {
            case AVAILABILITY_SET -> Integer.toString(index % UPDATE_DOMAINS);
            case STANDALONE -> "0";
        };
        return new VmIdentity(name, vmId, LOCATION, zone, "", RESOURCE_GROUP, SUBSCRIPTION,
                VM_SIZE, fd, ud, name, "10.10.1." + (FIRST_HOST + index % MAX_HOSTS));
    }

    public VmIdentity withComputerName(String hostname) {
        return new VmIdentity(name, vmId, location, zone, vmScaleSetName, resourceGroupName,
                subscriptionId, vmSize, platformFaultDomain, platformUpdateDomain, hostname,
                privateIpAddress);
    }

    public String resourceId() {
        return "/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroupName
                + "/providers/Microsoft.Compute/virtualMachines/" + name;
    }
}
