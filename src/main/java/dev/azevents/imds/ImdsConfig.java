package dev.azevents.imds;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where IMDS is and how patiently to ask it.
 *
 * @param baseUrl         the metadata root, {@code http://169.254.169.254/metadata} in Azure
 * @param eventsVersion   api-version of {@code GET /scheduledevents}
 * @param approveVersion  api-version of {@code POST /scheduledevents}
 * @param instanceVersion api-version of {@code GET /instance}
 * @param retryCount      further attempts after the first (the agents' {@code retry_count})
 * @param retryWait       pause between attempts ({@code retry_wait})
 * @param requestTimeout  limit of one attempt ({@code request_timeout})
 * @param deadline        limit of one call, all attempts and pauses included
 * @param userAgent       sent as {@code User-Agent}, so Azure support can tell us apart
 */
public record ImdsConfig(
        URI baseUrl,
        String eventsVersion,
        String approveVersion,
        String instanceVersion,
        int retryCount,
        Duration retryWait,
        Duration requestTimeout,
        Duration deadline,
        String userAgent) {

    /** The only address IMDS has (reference sheet section 1.1). */
    public static final URI AZURE_BASE_URL = URI.create("http://169.254.169.254/metadata");

    /** The agents' defaults: {@code retry_count=3}, {@code retry_wait=20},
     *  {@code request_timeout=15}. */
    public static final int DEFAULT_RETRY_COUNT = 3;
    public static final Duration DEFAULT_RETRY_WAIT = Duration.ofSeconds(20);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(15);

    /** More retries than this only delay the next monitor pass, which retries anyway. */
    public static final int MAX_RETRY_COUNT = 20;

    public static final String USER_AGENT = "azevents/0.1.0 (Pacemaker resource agent)";

    /** api-versions of {@code azure-events} 0.10 (reference sheet section 7.3). */
    static final String AZURE_EVENTS_VERSION = "2019-08-01";

    /** api-versions of {@code azure-events-az} 0.20: newer GETs, the old default for POST. */
    static final String AZ_EVENTS_VERSION = "2020-07-01";
    static final String AZ_APPROVE_VERSION = "2019-08-01";
    static final String AZ_INSTANCE_VERSION = "2021-12-13";

    public ImdsConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        // No lambda here: this runs in every monitor pass, and the first lambda of a JVM
        // costs a noticeable part of its start-up.
        Optional<String> problem = checkBaseUrl(baseUrl.toString());
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        requireVersion(eventsVersion, "eventsVersion");
        requireVersion(approveVersion, "approveVersion");
        requireVersion(instanceVersion, "instanceVersion");
        if (retryCount < 0 || retryCount > MAX_RETRY_COUNT) {
            throw new IllegalArgumentException("retryCount must be 0.." + MAX_RETRY_COUNT
                    + ", was " + retryCount);
        }
        requirePositive(retryWait, "retryWait", true);
        requirePositive(requestTimeout, "requestTimeout", false);
        requirePositive(deadline, "deadline", false);
        Objects.requireNonNull(userAgent, "userAgent");
    }

    /** As {@code azure-events} asks: api-version 2019-08-01 everywhere. */
    public static ImdsConfig azureEvents() {
        return of(AZURE_EVENTS_VERSION, AZURE_EVENTS_VERSION, AZURE_EVENTS_VERSION);
    }

    /** As {@code azure-events-az} asks: GET events 2020-07-01, POST 2019-08-01, instance
     *  2021-12-13. */
    public static ImdsConfig azureEventsAz() {
        return of(AZ_EVENTS_VERSION, AZ_APPROVE_VERSION, AZ_INSTANCE_VERSION);
    }

    private static ImdsConfig of(String events, String approve, String instance) {
        return new ImdsConfig(AZURE_BASE_URL, events, approve, instance, DEFAULT_RETRY_COUNT,
                DEFAULT_RETRY_WAIT, DEFAULT_REQUEST_TIMEOUT,
                worstCase(DEFAULT_RETRY_COUNT, DEFAULT_RETRY_WAIT, DEFAULT_REQUEST_TIMEOUT),
                USER_AGENT);
    }

    public ImdsConfig withBaseUrl(URI url) {
        return new ImdsConfig(url, eventsVersion, approveVersion, instanceVersion, retryCount,
                retryWait, requestTimeout, deadline, userAgent);
    }

    /** These retry settings, with the deadline they add up to (see {@link #worstCase}). */
    public ImdsConfig withRetries(int count, Duration wait, Duration timeout) {
        return new ImdsConfig(baseUrl, eventsVersion, approveVersion, instanceVersion, count,
                wait, timeout, worstCase(count, wait, timeout), userAgent);
    }

    /** A tighter limit for one call, e.g. to stay inside Pacemaker's monitor timeout. */
    public ImdsConfig withDeadline(Duration limit) {
        return new ImdsConfig(baseUrl, eventsVersion, approveVersion, instanceVersion, retryCount,
                retryWait, requestTimeout, limit, userAgent);
    }

    public ImdsConfig withVersions(String events, String approve, String instance) {
        return new ImdsConfig(baseUrl, events, approve, instance, retryCount, retryWait,
                requestTimeout, deadline, userAgent);
    }

    /**
     * What {@code azure-events-az} could take at most: every attempt using its whole timeout and
     * every pause taken ({@code 4 x 15 s + 3 x 20 s = 120 s} by default, half of the 240 s
     * monitor timeout both agents advertise).
     */
    public static Duration worstCase(int count, Duration wait, Duration timeout) {
        return timeout.multipliedBy(count + 1L).plus(wait.multipliedBy(count));
    }

    /**
     * Why {@code url} cannot be the metadata root, or empty when it can: plain {@code http}
     * (IMDS has no TLS), a host, no query or fragment (we add the api-version ourselves).
     */
    public static Optional<String> checkBaseUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            return Optional.of("metadata URL '" + url + "' is not a URL: " + e.getReason());
        }
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            return Optional.of("metadata URL '" + url
                    + "' must start with http:// (IMDS has no TLS)");
        }
        if (uri.getHost() == null) {
            return Optional.of("metadata URL '" + url + "' has no host");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return Optional.of("metadata URL '" + url + "' must not have a query or fragment");
        }
        return Optional.empty();
    }

    /** An api-version goes into the query string as it is: letters, digits and dashes only. */
    private static void requireVersion(String version, String name) {
        Objects.requireNonNull(version, name);
        boolean plain = !version.isEmpty();
        for (int i = 0; i < version.length(); i++) {
            char c = version.charAt(i);
            plain &= c == '-' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z');
        }
        if (!plain) {
            throw new IllegalArgumentException(name + " must be like 2020-07-01, was '"
                    + version + "'");
        }
    }

    private static void requirePositive(Duration d, String name, boolean zeroAllowed) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || (!zeroAllowed && d.isZero())) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }
}
