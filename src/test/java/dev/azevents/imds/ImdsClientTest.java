package dev.azevents.imds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.azevents.sim.EventSpec;
import dev.azevents.sim.FaultSpec;
import dev.azevents.sim.ImdsSimulator;
import dev.azevents.sim.RecordedRequest;
import dev.azevents.sim.Scope;
import dev.azevents.sim.SimEvent;
import dev.azevents.sim.SimSettings;
import dev.azevents.testing.FakeClock;
import dev.azevents.testing.SkippingRetryTimer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The client against the real simulator over HTTP on loopback: what it sends, what it makes of
 * each answer, and how many requests it spends (never one more than its retry budget).
 */
class ImdsClientTest {

    static final Duration WAIT = ImdsConfig.DEFAULT_RETRY_WAIT;
    /** Long enough for loopback on a busy machine, short enough for the hang tests. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final Duration SHORT_TIMEOUT = Duration.ofSeconds(1);

    final FakeClock clock = new FakeClock();
    final List<String> simLog = new CopyOnWriteArrayList<>();
    final List<String> retryLog = new CopyOnWriteArrayList<>();
    final SkippingRetryTimer timer = new SkippingRetryTimer();
    final ImdsSimulator sim = ImdsSimulator.builder().vm("node1").vm("node2")
            .scope(Scope.AVAILABILITY_SET).clock(clock).log(simLog::add)
            .settings(SimSettings.defaults().withRequestsPerSecond(0)).build();

    ImdsClientTest() {
        sim.start();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    ImdsClient client(int retries, Duration timeout) {
        return client(ImdsConfig.azureEventsAz().withRetries(retries, WAIT, timeout));
    }

    ImdsClient client(ImdsConfig config) {
        return new ImdsClient(config.withBaseUrl(sim.metadataUrl("node1")), timer,
                retryLog::add);
    }

    List<RecordedRequest> requests() {
        return sim.requests().stream().filter(r -> r.vm().equals("node1")).toList();
    }

    static <T> T ok(ImdsResult<T> r) {
        if (r instanceof ImdsResult.Failed<T> f) {
            throw new AssertionError("expected an answer, got: " + f.failure().describe());
        }
        return ((ImdsResult.Ok<T>) r).value();
    }

    static <F extends ImdsFailure> F failed(ImdsResult<?> r, Class<F> kind) {
        ImdsResult.Failed<?> f = assertInstanceOf(ImdsResult.Failed.class, r, "should fail");
        return assertInstanceOf(kind, f.failure(), () -> f.failure().describe());
    }

    // --- what is sent and read ---

    @Test
    void eventsAreReadWithTheAgentsHeadersAndApiVersion() {
        SimEvent reboot = sim.schedule(EventSpec.of(EventType.REBOOT, "node1"));

        EventsDocument doc = ok(client(3, TIMEOUT).events());

        ScheduledEvent e = doc.find(reboot.eventId()).orElseThrow();
        assertEquals(EventStatus.SCHEDULED, e.status());
        assertEquals(List.of("node1"), e.resources());
        assertEquals(Optional.of(reboot.notBefore()), e.notBefore());
        assertEquals(Optional.of(FakeClock.DEFAULT_START.plus(Duration.ofMinutes(15))),
                e.notBefore(), "a Reboot's minimum notice");
        RecordedRequest only = requests().get(0);
        assertEquals(1, requests().size());
        assertEquals("GET", only.method());
        assertEquals("/metadata/scheduledevents", only.path());
        assertEquals("api-version=2020-07-01", only.query());
        assertEquals("true", only.headers().get("Metadata"));
        assertEquals(ImdsConfig.USER_AGENT, only.headers().get("User-Agent"));
        assertEquals(List.of(), timer.pauses());
    }

    @Test
    void azureEventsProfileAsksWithItsOwnApiVersion() {
        ok(client(ImdsConfig.azureEvents().withRetries(0, WAIT, TIMEOUT)).events());
        ok(client(ImdsConfig.azureEvents().withRetries(0, WAIT, TIMEOUT)).instance());
        assertEquals(List.of("api-version=2019-08-01", "api-version=2019-08-01"),
                requests().stream().map(RecordedRequest::query).toList());
    }

    @Test
    void instanceNamesThisVm() {
        InstanceCompute compute = ok(client(3, TIMEOUT).instance());
        assertEquals("node1", compute.name());
        assertEquals("/metadata/instance", requests().get(0).path());
        assertEquals("api-version=2021-12-13", requests().get(0).query());
    }

    @Test
    void approvalStartsTheEventWithOnePost() {
        SimEvent reboot = sim.schedule(EventSpec.of(EventType.REBOOT, "node2"));

        ok(client(3, TIMEOUT).approve(List.of(reboot.eventId())));

        RecordedRequest post = requests().get(0);
        assertEquals(1, requests().size());
        assertEquals("POST", post.method());
        assertEquals("api-version=2019-08-01", post.query());
        assertEquals("application/json", post.headers().get("Content-Type"));
        assertEquals("{\"StartRequests\":[{\"EventId\":\"" + reboot.eventId() + "\"}]}",
                post.body());
        SimEvent after = sim.events().get(0);
        assertEquals(SimEvent.Phase.STARTED, after.phase());
        assertEquals(Optional.of("node1"), after.approvedBy());
    }

    @Test
    void hostileIdsAndNamesRoundTrip() {
        String id = "id\"},{\"EventId\":\"other</x>\n,;$(reboot)`'\\\u00e9";
        String vm = "vm,\"<b>\n;rm -rf";
        sim.schedule(EventSpec.of(EventType.FREEZE, vm, "node1").withEventId(id));

        ScheduledEvent seen = ok(client(0, TIMEOUT).events()).events().get(0);
        assertEquals(id, seen.eventId());
        assertEquals(List.of(vm, "node1"), seen.resources());

        ok(client(0, TIMEOUT).approve(List.of(seen.eventId())));
        SimEvent after = sim.events().get(0);
        assertEquals(SimEvent.Phase.STARTED, after.phase(), "approved by its exact id");
        assertEquals(Optional.of("node1"), after.approvedBy());
    }

    @Test
    void startedEventHasNoNotBeforeAndEndedEventIsGone() {
        SimEvent freeze = sim.schedule(EventSpec.of(EventType.FREEZE, "node1"));
        ok(client(0, TIMEOUT).approve(List.of(freeze.eventId())));
        ScheduledEvent started = ok(client(0, TIMEOUT).events()).events().get(0);
        assertEquals(EventStatus.STARTED, started.status());
        assertEquals(Optional.empty(), started.notBefore());

        new dev.azevents.sim.SimAdmin(sim.adminUrl()).end(freeze.eventId());
        assertEquals(List.of(), ok(client(0, TIMEOUT).events()).events());
    }

    @Test
    void incarnationResetIsReportedAsSeen() {
        SimEvent e = sim.schedule(EventSpec.of(EventType.REDEPLOY, "node1"));
        sim.schedule(EventSpec.of(EventType.REBOOT, "node2"));
        long before = ok(client(0, TIMEOUT).events()).incarnation();

        sim.fault("node1", new FaultSpec.IncarnationReset());
        EventsDocument after = ok(client(0, TIMEOUT).events());

        assertTrue(after.incarnation() < before, after.incarnation() + " after " + before);
        assertTrue(after.find(e.eventId()).isPresent(), "the events are still listed");
        assertEquals(2, after.events().size());
    }

    // --- transient failures: retried, counted, bounded ---

    @ParameterizedTest
    @ValueSource(ints = {410, 429, 500, 503})
    void transientStatusIsRetriedUntilItClears(int status) {
        sim.fault("node1", new FaultSpec.FailRequests(status, 2));

        EventsDocument doc = ok(client(3, TIMEOUT).events());

        assertEquals(1, doc.incarnation());
        assertEquals(List.of(status, status, 200),
                requests().stream().map(RecordedRequest::status).toList());
        assertEquals(List.of(WAIT, WAIT), timer.pauses());
        assertEquals(2, retryLog.size());
        assertTrue(retryLog.get(0).startsWith("IMDS answered HTTP " + status + " at "),
                retryLog.get(0));
        assertTrue(retryLog.get(0).endsWith("; retry 1 of 3 in 20 s"), retryLog.get(0));
    }

    @Test
    void persistentFailureSpendsExactlyTheRetryBudget() {
        sim.fault("node1", new FaultSpec.FailRequests(500, 50));

        ImdsFailure.HttpStatus f = failed(client(3, TIMEOUT).events(),
                ImdsFailure.HttpStatus.class);

        assertEquals(500, f.status());
        assertEquals(4, f.attempts());
        assertEquals(4, requests().size(), "1 attempt + retry_count 3, not one more");
        assertEquals(List.of(WAIT, WAIT, WAIT), timer.pauses(), "no pause after the last try");
    }

    @Test
    void retryCountZeroMeansOneRequest() {
        sim.fault("node1", new FaultSpec.FailRequests(503, 5));
        assertEquals(1, failed(client(0, TIMEOUT).events(), ImdsFailure.HttpStatus.class)
                .attempts());
        assertEquals(1, requests().size());
        assertEquals(List.of(), timer.pauses());
    }

    @Test
    void failureForAWhileIsOutlastedByRetryWaits() {
        ImdsClient c = new ImdsClient(ImdsConfig.azureEventsAz().withRetries(3, WAIT, TIMEOUT)
                .withBaseUrl(sim.metadataUrl("node1")), new SimClockTimer(clock), retryLog::add);
        sim.fault("node1", new FaultSpec.FailFor(503, Duration.ofSeconds(30)));

        ok(c.events());

        assertEquals(List.of(503, 503, 200),
                requests().stream().map(RecordedRequest::status).toList());
    }

    @Test
    void deadlineCutsRetriesShort() {
        ImdsConfig config = ImdsConfig.azureEventsAz().withRetries(ImdsConfig.MAX_RETRY_COUNT,
                WAIT, TIMEOUT).withDeadline(Duration.ofSeconds(65));
        sim.fault("node1", new FaultSpec.FailRequests(503, 100));

        ImdsFailure.HttpStatus f = failed(client(config).events(), ImdsFailure.HttpStatus.class);

        assertEquals(4, f.attempts(), "at 0, 20, 40 and 60 s; one more would end after 65 s");
        assertEquals(4, requests().size());
        assertEquals(List.of(WAIT, WAIT, WAIT), timer.pauses());
        assertTrue(retryLog.get(3).endsWith("; no retry: the 65 s deadline would pass"),
                retryLog.get(3));
    }

    @Test
    void rateLimitAnswersAreRetriedThenReported() {
        try (ImdsSimulator limited = ImdsSimulator.builder().vm("node1").clock(clock)
                .log(simLog::add).build()) {
            limited.start();
            ImdsClient c = new ImdsClient(ImdsConfig.azureEventsAz().withRetries(2, WAIT, TIMEOUT)
                    .withBaseUrl(limited.metadataUrl("node1")), timer, retryLog::add);
            for (int i = 0; i < SimSettings.DEFAULT_REQUESTS_PER_SECOND; i++) {
                ok(c.events());
            }
            ImdsFailure.HttpStatus f = failed(c.events(), ImdsFailure.HttpStatus.class);
            assertEquals(429, f.status());
            assertEquals(3, f.attempts());
            assertEquals(SimSettings.DEFAULT_REQUESTS_PER_SECOND + 3, limited.requests().size());
        }
    }

    @Test
    void badApiVersionIsNotRetried() {
        ImdsConfig config = ImdsConfig.azureEventsAz().withRetries(3, WAIT, TIMEOUT)
                .withVersions("1999-01-01", "1999-01-01", "1999-01-01");

        ImdsFailure.HttpStatus f = failed(client(config).events(), ImdsFailure.HttpStatus.class);

        assertEquals(400, f.status());
        assertEquals(1, f.attempts());
        assertTrue(f.bodyExcerpt().contains("api-version is invalid"), f.bodyExcerpt());
        assertEquals(1, requests().size());
        assertEquals(List.of(), timer.pauses());
    }

    @Test
    void hangIsATimeoutAndRetried() {
        sim.fault("node1", new FaultSpec.Hang(Duration.ofSeconds(30)));

        ImdsFailure.TimedOut f = failed(client(1, SHORT_TIMEOUT).events(),
                ImdsFailure.TimedOut.class);

        assertEquals(2, f.attempts());
        assertTrue(f.millis() >= WAIT.toMillis(), "includes the pause: " + f.millis());
        assertEquals(2, requests().size());
        assertEquals(List.of(WAIT), timer.pauses());
    }

    /**
     * A connection dropped before any answer is one failed attempt, never re-sent behind the
     * agent's back (HttpURLConnection, used before issue 13, silently re-sent a GET once): IMDS
     * sees exactly the requests that retry_count allows.
     */
    @Test
    void droppedConnectionIsOneAttemptNotResentBehindTheRetries() {
        sim.fault("node1", new FaultSpec.Hang(Duration.ofMillis(100)));

        ImdsFailure.Unreachable f = failed(client(0, TIMEOUT).events(),
                ImdsFailure.Unreachable.class);

        assertEquals(1, f.attempts());
        assertEquals(1, requests().size(), "no silent re-send");
        assertEquals(List.of(), timer.pauses());
    }

    @Test
    void delayWithinTheTimeoutIsJustSlow() {
        sim.fault("node1", new FaultSpec.Delay(Duration.ofMillis(150)));
        ok(client(3, TIMEOUT).events());
        assertEquals(1, requests().size());
    }

    // The simulator records a request when it arrives, status 0 until answered.

    @Test
    void delayBeyondTheTimeoutIsATimeout() {
        sim.fault("node1", new FaultSpec.Delay(Duration.ofSeconds(30)));
        assertEquals(1, failed(client(0, SHORT_TIMEOUT).events(), ImdsFailure.TimedOut.class)
                .attempts());
        assertEquals(List.of(), timer.pauses());
        assertEquals(List.of(0), requests().stream().map(RecordedRequest::status).toList());
    }

    @Test
    void slowFirstCallIsOutlastedByTheRetry() {
        sim.fault("node1", new FaultSpec.SlowFirstCall(Duration.ofSeconds(30)));

        ok(client(3, SHORT_TIMEOUT).events());

        assertEquals(List.of(WAIT), timer.pauses(), "exactly one retry");
        assertEquals(List.of(0, 200), requests().stream().map(RecordedRequest::status).toList(),
                "the slow first call is still unanswered; the retry was served");
    }

    @Test
    void malformedBodyIsReportedAtOnceNotRetried() {
        sim.fault("node1", new FaultSpec.MalformedBody());

        ImdsFailure.Malformed f = failed(client(3, TIMEOUT).events(),
                ImdsFailure.Malformed.class);

        assertTrue(f.problem().startsWith("invalid JSON at line 1 column "), f.problem());
        assertEquals("{\"DocumentIncarnation\": 3, \"Events\": [}", f.bodyExcerpt());
        assertEquals(1, requests().size(), "the next monitor pass asks again, not this one");
    }

    @Test
    void truncatedBodyIsABrokenConnectionAndRetried() {
        sim.fault("node1", new FaultSpec.TruncatedBody());

        ImdsFailure.Unreachable f = failed(client(2, TIMEOUT).events(),
                ImdsFailure.Unreachable.class);

        assertEquals(3, f.attempts());
        assertTrue(f.cause().startsWith("connection closed after "), f.cause());
        assertEquals(3, requests().size());
    }

    @Test
    void hugeBodyIsRefusedUnreadAndNotRetried() {
        sim.fault("node1", new FaultSpec.HugeBody(FaultSpec.DEFAULT_HUGE_BYTES));

        ImdsFailure.TooLarge f = failed(client(3, TIMEOUT).events(), ImdsFailure.TooLarge.class);

        assertEquals(ImdsClient.MAX_BODY_BYTES, f.limitBytes());
        assertEquals(1, requests().size());
    }

    @Test
    void bodyJustUnderTheCapIsRead() {
        sim.fault("node1", new FaultSpec.HugeBody(ImdsClient.MAX_BODY_BYTES));
        assertEquals(0, ok(client(0, TIMEOUT).events()).events().size());
    }

    @Test
    void closedPortIsUnreachableAfterEveryAttempt() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ImdsClient c = new ImdsClient(ImdsConfig.azureEventsAz().withRetries(3, WAIT, TIMEOUT)
                .withBaseUrl(URI.create("http://127.0.0.1:" + port + "/metadata")), timer,
                retryLog::add);

        ImdsFailure.Unreachable f = failed(c.events(), ImdsFailure.Unreachable.class);

        assertEquals(4, f.attempts());
        assertTrue(f.cause().contains("Connection refused"), f.cause());
        assertEquals(List.of(WAIT, WAIT, WAIT), timer.pauses());
        assertEquals(3, retryLog.size());
    }

    /** Pauses move the simulator's clock, so a fault "for 30 s" ends during the retries. */
    private record SimClockTimer(FakeClock clock) implements RetryTimer {
        @Override
        public long nanoTime() {
            return clock.instant().toEpochMilli() * 1_000_000;
        }

        @Override
        public void pause(Duration wait) {
            clock.advance(wait);
        }
    }
}
