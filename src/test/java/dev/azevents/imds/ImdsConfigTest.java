package dev.azevents.imds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The two agents' defaults, the deadline they add up to, and what a metadata URL may be. */
class ImdsConfigTest {

    @Test
    void azureEventsAsksWith2019VersionsEverywhere() {
        ImdsConfig c = ImdsConfig.azureEvents();
        assertEquals(URI.create("http://169.254.169.254/metadata"), c.baseUrl());
        assertEquals("2019-08-01", c.eventsVersion());
        assertEquals("2019-08-01", c.approveVersion());
        assertEquals("2019-08-01", c.instanceVersion());
    }

    @Test
    void azureEventsAzAsksWithItsNewerGetsButTheOldPost() {
        ImdsConfig c = ImdsConfig.azureEventsAz();
        assertEquals("2020-07-01", c.eventsVersion());
        assertEquals("2019-08-01", c.approveVersion());
        assertEquals("2021-12-13", c.instanceVersion());
    }

    @Test
    void defaultsAreTheAgentsParametersAndTheirWorstCase() {
        ImdsConfig c = ImdsConfig.azureEventsAz();
        assertEquals(3, c.retryCount());
        assertEquals(Duration.ofSeconds(20), c.retryWait());
        assertEquals(Duration.ofSeconds(15), c.requestTimeout());
        assertEquals(Duration.ofSeconds(4 * 15 + 3 * 20), c.deadline());
    }

    @Test
    void newRetrySettingsBringTheirOwnDeadline() {
        ImdsConfig c = ImdsConfig.azureEvents().withRetries(1, Duration.ofSeconds(5),
                Duration.ofSeconds(2));
        assertEquals(Duration.ofSeconds(2 * 2 + 5), c.deadline());
        assertEquals(Duration.ofSeconds(3), c.withDeadline(Duration.ofSeconds(3)).deadline());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/metadata", "http://[::1]:80/metadata/",
        "HTTP://imds.example/metadata"})
    void plainHttpUrlsAreAccepted(String url) {
        assertEquals(Optional.empty(), ImdsConfig.checkBaseUrl(url));
    }

    @Test
    void badUrlsSayWhy() {
        assertEquals(Optional.of("metadata URL 'https://169.254.169.254/metadata' must start with "
                + "http:// (IMDS has no TLS)"),
                ImdsConfig.checkBaseUrl("https://169.254.169.254/metadata"));
        assertEquals(Optional.of("metadata URL 'http:///metadata' has no host"),
                ImdsConfig.checkBaseUrl("http:///metadata"));
        assertEquals(Optional.of("metadata URL 'http://h/metadata?api-version=1' must not have a "
                + "query or fragment"), ImdsConfig.checkBaseUrl("http://h/metadata?api-version=1"));
        assertEquals(Optional.of("metadata URL 'http://h/a b' is not a URL: Illegal character in "
                + "path"), ImdsConfig.checkBaseUrl("http://h/a b"));
    }

    @Test
    void apiVersionCannotCarryAQuery() {
        assertThrows(IllegalArgumentException.class, () -> ImdsConfig.azureEventsAz()
                .withVersions("2020-07-01&x=1", "2019-08-01", "2021-12-13"));
    }

    @Test
    void retryCountIsBounded() {
        assertThrows(IllegalArgumentException.class, () -> ImdsConfig.azureEventsAz()
                .withRetries(ImdsConfig.MAX_RETRY_COUNT + 1, Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> ImdsConfig.azureEventsAz()
                .withRetries(0, Duration.ZERO, Duration.ZERO));
    }
}
