package dev.azevents.ocf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.azevents.engine.Strategy;
import dev.azevents.imds.EventType;
import dev.azevents.imds.EventsDocument;
import dev.azevents.imds.ImdsClient;
import dev.azevents.imds.ImdsResult;
import dev.azevents.sim.EventSpec;
import dev.azevents.sim.ImdsSimulator;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code freeze_ignore_below} needs each Freeze's {@code DurationInSeconds}, which Azure sends
 * only from api-version 2020-07-01: {@code azure-events} (2019-08-01, as the original) asks that
 * version when, and only when, the parameter is set.
 */
class FreezeDurationTest {

    static OptionalLong durationSeen(Strategy strategy, String freezeIgnoreBelow)
            throws Exception {
        try (ImdsSimulator sim = ImdsSimulator.builder().vm("vm1").log(l -> { }).build()) {
            sim.start();
            sim.schedule(EventSpec.of(EventType.FREEZE, "vm1").withDurationSeconds(9));
            AgentParameters p = ((ParameterValidator.Validation.Valid) ParameterValidator
                    .validate(strategy, Map.of("OCF_RESKEY_imds_url",
                            sim.metadataUrl("vm1").toString(), "OCF_RESKEY_freeze_ignore_below",
                            freezeIgnoreBelow))).parameters();
            ImdsResult<EventsDocument> got = new ImdsClient(
                    ProductionWiring.imdsConfig(p, Duration.ofSeconds(20))).events();
            EventsDocument doc = ((ImdsResult.Ok<EventsDocument>) got).value();
            return doc.events().get(0).durationSeconds();
        }
    }

    @ParameterizedTest
    @CsvSource({"STANDBY, 30, 9", "HEALTH, 30, 9", "HEALTH, 0, 9", "STANDBY, 0, -1"})
    void theDurationReachesTheEngineWheneverFreezeIgnoreBelowIsSet(Strategy strategy,
            String below, long expected) throws Exception {
        OptionalLong seen = durationSeen(strategy, below);
        assertEquals(expected, seen.orElse(-1), strategy + " freeze_ignore_below=" + below);
    }
}
