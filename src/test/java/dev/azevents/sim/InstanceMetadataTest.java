package dev.azevents.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET /metadata/instance: the VM's identity, every primitive a string, fields per version. */
class InstanceMetadataTest extends SimTestBase {

    @Test
    void eachVmReportsItsOwnNameAndPlausibleComputeFields() throws IOException {
        startGroup(Scope.AVAILABILITY_SET);
        Map<?, ?> c1 = (Map<?, ?>) Http.get(node("node1"), INSTANCE).object().get("compute");
        Map<?, ?> c2 = (Map<?, ?>) Http.get(node("node2"), INSTANCE).object().get("compute");
        assertEquals("node1", c1.get("name"));
        assertEquals("node2", c2.get("name"));
        assertNotEquals(c1.get("vmId"), c2.get("vmId"));
        assertTrue(((String) c1.get("vmId")).matches("[0-9a-f-]{36}"), (String) c1.get("vmId"));
        assertEquals("westeurope", c1.get("location"));
        assertEquals("", c1.get("zone"), "availability-set members have no zone");
        assertEquals("", c1.get("vmScaleSetName"));
        assertEquals("/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/"
                + "rg-azevents-sim/providers/Microsoft.Compute/virtualMachines/node1",
                c1.get("resourceId"));
        assertEquals("node1", ((Map<?, ?>) c1.get("osProfile")).get("computerName"));
        assertNotEquals(c1.get("platformUpdateDomain"), c2.get("platformUpdateDomain"));
    }

    @Test
    void aVmsHostnameMayDifferFromItsAzureName() throws IOException {
        start(ImdsSimulator.builder().vm("app-vmss_3").computerName("app-vmss_3", "appvm000003"));
        Map<?, ?> c = (Map<?, ?>) Http.get(node("app-vmss_3"), INSTANCE).object().get("compute");
        assertEquals(List.of("app-vmss_3", "appvm000003"),
                List.of(c.get("name"), ((Map<?, ?>) c.get("osProfile")).get("computerName")));
        assertEquals("appvm000003", sim.identity("app-vmss_3").computerName());
    }

    @Test
    void aStandaloneVmIsZonal() throws IOException {
        startGroup(Scope.STANDALONE);
        Map<?, ?> c = (Map<?, ?>) Http.get(node("node1"), INSTANCE).object().get("compute");
        assertEquals("1", c.get("zone"));
    }

    @Test
    void everyPrimitiveIsAString() throws IOException {
        startGroup(Scope.AVAILABILITY_SET);
        assertOnlyStrings(Http.get(node("node1"), "/instance?api-version=2025-04-07").json(),
                "instance");
    }

    private static void assertOnlyStrings(Object v, String where) {
        if (v instanceof Map<?, ?> m) {
            m.forEach((k, x) -> assertOnlyStrings(x, where + "." + k));
        } else if (v instanceof List<?> l) {
            l.forEach(x -> assertOnlyStrings(x, where + "[]"));
        } else {
            assertTrue(v instanceof String, where + " is " + v);
        }
    }

    @Test
    void fieldsNewerThanTheAskedVersionAreLeftOut() throws IOException {
        startGroup(Scope.AVAILABILITY_SET);
        // azure-events asks 2019-08-01: no osProfile (2020-07-15), no priority (2020-12-01).
        Map<?, ?> old = (Map<?, ?>) Http.get(node("node1"), "/instance?api-version=2019-08-01")
                .object().get("compute");
        assertEquals("node1", old.get("name"));
        assertTrue(old.containsKey("resourceId"));
        assertFalse(old.containsKey("osProfile"));
        assertFalse(old.containsKey("priority"));
        // azure-events-az asks 2021-12-13: osProfile and securityType, not physicalZone.
        Map<?, ?> az = (Map<?, ?>) Http.get(node("node1"), INSTANCE).object().get("compute");
        assertTrue(az.containsKey("osProfile"));
        assertEquals("TrustedLaunch", ((Map<?, ?>) az.get("securityProfile"))
                .get("securityType"));
        assertFalse(az.containsKey("physicalZone"));
        Map<?, ?> oldest = (Map<?, ?>) Http.get(node("node1"),
                "/instance?api-version=2017-04-02").object().get("compute");
        assertFalse(oldest.containsKey("resourceId"));
        assertFalse(oldest.containsKey("zone"));
    }

    @Test
    void theComputePathServesTheComputeObjectAlone() throws IOException {
        startGroup(Scope.AVAILABILITY_SET);
        Map<?, ?> whole = Http.get(node("node2"), INSTANCE).object();
        Http.Answer compute = Http.get(node("node2"), "/instance/compute?api-version=2021-12-13");
        assertEquals(200, compute.status());
        assertEquals(whole.get("compute"), compute.json());
        assertTrue(whole.containsKey("network"));
    }

    @Test
    void aLeafIsServedAsTextAndRefusedAsJson() throws IOException {
        startGroup(Scope.AVAILABILITY_SET);
        Http.Answer text = Http.get(node("node3"),
                "/instance/compute/name?api-version=2021-12-13&format=text");
        assertEquals(200, text.status());
        assertEquals("node3", text.body());
        assertTrue(text.contentType().startsWith("text/plain"), text.contentType());
        assertEquals(400, Http.get(node("node3"),
                "/instance/compute/name?api-version=2021-12-13").status());
        assertEquals(404, Http.get(node("node3"),
                "/instance/compute/nothing?api-version=2021-12-13").status());
    }
}
