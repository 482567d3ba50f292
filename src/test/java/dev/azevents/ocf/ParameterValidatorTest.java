package dev.azevents.ocf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.azevents.engine.Strategy;
import dev.azevents.imds.EventType;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ParameterValidatorTest {

    static AgentParameters valid(Map<String, String> env) {
        return assertInstanceOf(ParameterValidator.Validation.Valid.class,
                ParameterValidator.validate(Strategy.HEALTH, env)).parameters();
    }

    static List<String> problems(Map<String, String> env) {
        return assertInstanceOf(ParameterValidator.Validation.Invalid.class,
                ParameterValidator.validate(Strategy.HEALTH, env)).problems();
    }

    @Test
    void noParametersGiveTheOriginalsDefaults() {
        AgentParameters p = valid(Map.of());

        assertEquals(Set.of(EventType.REBOOT, EventType.REDEPLOY), p.eventTypes());
        assertEquals(false, p.verbose());
        assertEquals(3, p.retryCount());
        assertEquals(Duration.ofSeconds(20), p.retryWait());
        assertEquals(Duration.ofSeconds(15), p.requestTimeout());
        assertEquals(URI.create("http://169.254.169.254/metadata"), p.imdsUrl());
        assertEquals(Optional.empty(), p.drainLeadTime(), "drain at once, as the originals");
        assertEquals(Duration.ZERO, p.freezeIgnoreBelow(), "every Freeze handled");
        assertEquals(Duration.ofSeconds(60), p.leaseLength());
    }

    @Test
    void allFiveEventTypesAreAcceptedWithSpaces() {
        AgentParameters p = valid(Map.of("OCF_RESKEY_eventTypes",
                "Freeze, Reboot,Redeploy ,Preempt,Terminate"));

        assertEquals(EnumSet.allOf(EventType.class), p.eventTypes());
    }

    @Test
    void everyProblemIsListedNotJustTheFirst() {
        List<String> problems = problems(Map.of(
                "OCF_RESKEY_eventTypes", "reboot",
                "OCF_RESKEY_verbose", "maybe",
                "OCF_RESKEY_retry_wait", "-1",
                "OCF_RESKEY_lease_length", "5",
                "OCF_RESKEY_imds_url", "https://169.254.169.254/metadata"));

        assertEquals(List.of(
                "eventTypes='reboot': ['reboot'] not one of Freeze,Reboot,Redeploy,Preempt,"
                        + "Terminate",
                "verbose='maybe' is not a boolean (true or false)",
                "retry_wait='-1' is not a whole number from 0 to 120",
                "imds_url='https://169.254.169.254/metadata': metadata URL"
                        + " 'https://169.254.169.254/metadata' must start with http:// (IMDS has"
                        + " no TLS)",
                "lease_length='5' is not a whole number from 10 to 3600"), problems);
    }

    @Test
    void emptyEventTypesIsAProblemNotASilentNoOp() {
        assertEquals(List.of("eventTypes='': [''] not one of Freeze,Reboot,Redeploy,Preempt,"
                + "Terminate"), problems(Map.of("OCF_RESKEY_eventTypes", "")));
    }

    @Test
    void pacemakerBooleansAreUnderstood() {
        assertTrue(valid(Map.of("OCF_RESKEY_verbose", "yes")).verbose());
        assertTrue(valid(Map.of("OCF_RESKEY_verbose", "TRUE")).verbose());
        assertEquals(false, valid(Map.of("OCF_RESKEY_verbose", "off")).verbose());
    }

    @Test
    void urlWithUserQueryOrGarbageIsRefused() {
        assertEquals(1, problems(Map.of("OCF_RESKEY_imds_url", "http://u:p@127.0.0.1/m")).size());
        assertEquals(1, problems(Map.of("OCF_RESKEY_imds_url", "http://127.0.0.1/m?x=1")).size());
        assertEquals(1, problems(Map.of("OCF_RESKEY_imds_url", "not a url")).size());
    }

    @Test
    void drainLeadTimeZeroMeansAtOnce() {
        assertEquals(Optional.of(Duration.ofSeconds(600)),
                valid(Map.of("OCF_RESKEY_drain_lead_time", "600")).drainLeadTime());
    }

    @Test
    void longAndControlCharacterValuesAreQuotedOnOneShortLine() {
        String quoted = ParameterValidator.quote("a\nb" + "x".repeat(200));

        assertTrue(quoted.startsWith("'a\\x0ab"), quoted);
        assertTrue(quoted.endsWith("...'"), quoted);
        assertTrue(quoted.length() < 100, quoted);
    }
}
