package dev.azevents.sim;

import dev.azevents.testing.FakeClock;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;

/**
 * A simulator on loopback port 0 with a fake clock and a captured log. The rate limit is off
 * unless a test turns it on, so that tests can make several calls at one instant.
 */
abstract class SimTestBase {

    static final String EVENTS = "/scheduledevents?api-version=2020-07-01";
    static final String INSTANCE = "/instance?api-version=2021-12-13";

    final FakeClock clock = new FakeClock();
    final List<String> log = new CopyOnWriteArrayList<>();
    ImdsSimulator sim;

    ImdsSimulator start(ImdsSimulator.Builder b) {
        sim = b.clock(clock).log(log::add).build();
        sim.start();
        return sim;
    }

    /** node1, node2 and node3 in an availability set, no rate limit. */
    ImdsSimulator startGroup(Scope scope) {
        return start(ImdsSimulator.builder().vm("node1").vm("node2").vm("node3").scope(scope)
                .settings(SimSettings.defaults().withRequestsPerSecond(0)));
    }

    URI node(String vm) {
        return sim.metadataUrl(vm);
    }

    static List<?> events(Http.Answer a) {
        return (List<?>) a.object().get("Events");
    }

    static Map<?, ?> firstEvent(Http.Answer a) {
        return (Map<?, ?>) events(a).get(0);
    }

    static long incarnation(Http.Answer a) {
        return (Long) a.object().get("DocumentIncarnation");
    }

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }
}
