package dev.azevents.sim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /metadata/instance} for one VM at one api-version: every primitive a string, missing
 * values {@code ""}, fields newer than the asked version left out (IMDS documentation, "Data
 * format" and the schema table of versions; reference sheet §7).
 */
final class InstanceDocument {

    private InstanceDocument() {
    }

    /** {@code {"compute": ..., "network": ...}}. */
    static Map<String, Object> instance(VmIdentity vm, String version) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("compute", compute(vm, version));
        m.put("network", network(vm));
        return m;
    }

    /** The compute object, fields in the alphabetical order IMDS uses. */
    static Map<String, Object> compute(VmIdentity vm, String v) {
        Fields f = new Fields(v);
        f.put("additionalCapabilities", "2021-11-01", Map.of("hibernationEnabled", "false"));
        f.put("azEnvironment", "2018-10-01", "AzurePublicCloud");
        f.put("evictionPolicy", "2020-12-01", "");
        f.put("extendedLocation", "2021-03-01", ordered("type", "", "name", ""));
        f.put("isHostCompatibilityLayerVm", "2020-06-01", "false");
        f.put("licenseType", "2020-09-01", "");
        f.put("location", "2017-04-02", vm.location());
        f.put("name", "2017-04-02", vm.name());
        f.put("offer", "2017-04-02", "sles-sap-15-sp5");
        f.put("osProfile", "2020-07-15", osProfile(vm, v));
        f.put("osType", "2017-04-02", "Linux");
        f.put("physicalZone", "2023-11-15",
                vm.zone().isEmpty() ? "" : vm.location() + "-AZ0" + vm.zone());
        f.put("placementGroupId", "2017-08-01", "");
        f.put("plan", "2018-04-02", ordered("name", "", "product", "", "publisher", ""));
        f.put("platformFaultDomain", "2017-04-02", vm.platformFaultDomain());
        f.put("platformSubFaultDomain", "2021-10-01", "");
        f.put("platformUpdateDomain", "2017-04-02", vm.platformUpdateDomain());
        f.put("priority", "2020-12-01", "Regular");
        f.put("provider", "2018-10-01", "Microsoft.Compute");
        f.put("publicKeys", "2018-04-02", List.of());
        f.put("publisher", "2017-04-02", "SUSE");
        f.put("resourceGroupName", "2017-08-01", vm.resourceGroupName());
        f.put("resourceId", "2019-03-11", vm.resourceId());
        f.put("securityProfile", "2020-06-01", securityProfile(v));
        f.put("sku", "2017-04-02", "gen2");
        f.put("subscriptionId", "2017-08-01", vm.subscriptionId());
        f.put("tags", "2017-08-01", "");
        f.put("tagsList", "2019-06-04", List.of());
        f.put("userData", "2021-01-01", "");
        f.put("version", "2017-04-02", "2024.06.11");
        f.put("virtualMachineScaleSet", "2021-03-01", Map.of("id", ""));
        f.put("vmId", "2017-04-02", vm.vmId());
        f.put("vmScaleSetName", "2017-12-01", vm.vmScaleSetName());
        f.put("vmSize", "2017-04-02", vm.vmSize());
        f.put("zone", "2017-12-01", vm.zone());
        return f.map;
    }

    private static Map<String, Object> osProfile(VmIdentity vm, String v) {
        Fields f = new Fields(v);
        f.put("adminUsername", "2020-07-15", "azureadmin");
        f.put("computerName", "2020-07-15", vm.computerName());
        f.put("disablePasswordAuthentication", "2020-10-01", "true");
        return f.map;
    }

    private static Map<String, Object> securityProfile(String v) {
        Fields f = new Fields(v);
        f.put("secureBootEnabled", "2020-06-01", "true");
        f.put("virtualTpmEnabled", "2020-06-01", "true");
        f.put("encryptionAtHost", "2021-11-01", "false");
        f.put("securityType", "2021-12-13", "TrustedLaunch");
        return f.map;
    }

    private static Map<String, Object> network(VmIdentity vm) {
        Map<String, Object> ipv4 = ordered(
                "ipAddress", List.of(ordered("privateIpAddress", vm.privateIpAddress(),
                        "publicIpAddress", "")),
                "subnet", List.of(ordered("address", "10.10.1.0", "prefix", "24")));
        Map<String, Object> nic = ordered("ipv4", ipv4,
                "ipv6", Map.of("ipAddress", List.of()),
                "macAddress", "000D3A" + vm.vmId().substring(0, 6).toUpperCase(
                        java.util.Locale.ROOT));
        return Map.of("interface", List.of(nic));
    }

    private static Map<String, Object> ordered(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    /** Collects the fields the asked version knows. */
    private static final class Fields {
        private final String version;
        private final Map<String, Object> map = new LinkedHashMap<>();

        Fields(String version) {
            this.version = version;
        }

        void put(String name, String since, Object value) {
            if (ApiVersions.atLeast(version, since)) {
                map.put(name, value);
            }
        }
    }
}
