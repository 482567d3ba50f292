package dev.azevents.sim;

import java.util.List;

/**
 * The api-version lists IMDS accepts, per endpoint (reference sheet §1.3). Scheduled Events has
 * its own list, distinct from the instance-metadata list. Versions compare as text
 * ({@code YYYY-MM-DD}).
 */
final class ApiVersions {

    /** Scheduled Events versions, oldest first. */
    static final List<String> EVENTS = List.of(
            "2017-03-01", "2017-08-01", "2017-11-01", "2019-01-01", "2019-04-01",
            "2019-08-01", "2020-07-01");

    /** Instance-metadata versions, oldest first (IMDS documentation, November 2026). */
    static final List<String> INSTANCE = List.of(
            "2017-03-01", "2017-04-02", "2017-08-01", "2017-10-01", "2017-12-01", "2018-02-01",
            "2018-04-02", "2018-10-01", "2019-02-01", "2019-03-11", "2019-04-30", "2019-06-01",
            "2019-06-04", "2019-08-01", "2019-08-15", "2019-11-01", "2020-06-01", "2020-07-15",
            "2020-09-01", "2020-10-01", "2020-12-01", "2021-01-01", "2021-02-01", "2021-03-01",
            "2021-05-01", "2021-08-01", "2021-10-01", "2021-11-01", "2021-11-15", "2021-12-13",
            "2023-07-01", "2023-11-15", "2024-03-15", "2024-07-17", "2025-04-07");

    /** How many versions a 400 answer lists, newest first, as IMDS does. */
    static final int NEWEST_LISTED = 3;

    /** Event fields and types by the version that introduced them (SE version table). */
    static final String UNDERSCORE_DROPPED = "2017-08-01";
    static final String PREEMPT = "2017-11-01";
    static final String TERMINATE = "2019-01-01";
    static final String DESCRIPTION = "2019-04-01";
    static final String EVENT_SOURCE = "2019-08-01";
    static final String DURATION = "2020-07-01";

    private ApiVersions() {
    }

    static boolean atLeast(String version, String since) {
        return version.compareTo(since) >= 0;
    }

    /** The newest {@link #NEWEST_LISTED} of a list, newest first. */
    static List<String> newest(List<String> versions) {
        List<String> newestFirst = new java.util.ArrayList<>(versions);
        java.util.Collections.reverse(newestFirst);
        return List.copyOf(newestFirst.subList(0, NEWEST_LISTED));
    }
}
