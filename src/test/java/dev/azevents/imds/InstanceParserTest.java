package dev.azevents.imds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The instance parser on the reference sheet's example (section 7.4) and on bad bodies. */
class InstanceParserTest {

    static final String URL = "http://127.0.0.1:1/metadata/instance?api-version=2021-12-13";

    static InstanceCompute parsed(byte[] body) {
        ImdsResult<InstanceCompute> r = InstanceParser.parse(URL, body);
        if (r instanceof ImdsResult.Failed<InstanceCompute> f) {
            throw new AssertionError("expected compute, got: " + f.failure().describe());
        }
        return ((ImdsResult.Ok<InstanceCompute>) r).value();
    }

    static String refused(String body) {
        ImdsResult<InstanceCompute> r = InstanceParser.parse(URL,
                body.getBytes(StandardCharsets.UTF_8));
        ImdsResult.Failed<?> f = assertInstanceOf(ImdsResult.Failed.class, r, "should be refused");
        return assertInstanceOf(ImdsFailure.Malformed.class, f.failure()).problem();
    }

    @Test
    void zonalHanaNodeFromTheReferenceSheet() {
        assertEquals(new InstanceCompute("hana-db-1", "6f0e6a0e-2c1b-4a7d-9a55-3f1c0d4b2a11",
                "westeurope", "1", "", "/subscriptions/11111111-2222-3333-4444-555555555555/"
                + "resourceGroups/rg-sap-prd/providers/Microsoft.Compute/virtualMachines/hana-db-1",
                "hanadb1"), parsed(EventsParserTest.reference("7.4-instance-2021-12-13.json")));
    }

    @Test
    void olderApiVersionWithoutOsProfileGivesEmptyComputerName() {
        assertEquals(new InstanceCompute("vm1", "", "", "", "", "", ""), parsed("""
                {"compute":{"name":"vm1","customData":"","tags":""},"network":{"interface":[]}}"""
                .getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"compute\":{\"name\":\"\"}}", "{\"compute\":{\"vmId\":\"x\"}}"})
    void emptyOrMissingNameIsRefused(String body) {
        assertEquals("compute.name is missing or empty", refused(body));
    }

    @Test
    void missingComputeIsRefused() {
        assertEquals("compute is missing", refused("{\"network\":{}}"));
    }

    @Test
    void nameThatIsNotAStringIsRefused() {
        assertEquals("compute.name must be a string, was 42",
                refused("{\"compute\":{\"name\":42}}"));
    }

    @Test
    void truncatedBodyIsRefused() {
        assertEquals("invalid JSON at line 1 column 25: Unexpected end-of-input: expected close "
                + "marker for Object", refused("{\"compute\":{\"name\":\"vm1\""));
    }
}
