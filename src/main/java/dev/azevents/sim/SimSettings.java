package dev.azevents.sim;

import java.time.Duration;
import java.util.Objects;

/**
 * The simulator's knobs. Where the reference sheet marks a behaviour unconfirmed (§11), it is a
 * setting here, and the default is the most likely behaviour, with the reason beside it.
 *
 * @param timeFactor        Azure durations (notice, Started time) are divided by this
 * @param startedLifetime   how long an event stays Started before Azure removes it, in Azure
 *                          time (the documentation's overview: about 10 minutes); an event whose
 *                          DurationInSeconds is longer stays that long instead
 * @param terminateNotice   Terminate's notice, the scale set's notBeforeTimeout (5 to 15 min)
 * @param requestsPerSecond IMDS answers about 5 requests per second per VM, then 429; 0 = off
 * @param unknownEventId    what a POST naming an event the VM cannot see gets (unconfirmed;
 *                          Microsoft's mock answers 200 and changes nothing)
 * @param eventsAcceptInstanceVersions whether Scheduled Events accepts instance-only
 *                          api-versions such as 2021-12-13 (unconfirmed; default no)
 * @param hidePreemptBeforeItsVersion  whether Preempt is hidden below 2017-11-01 (unconfirmed;
 *                          by analogy with Terminate, default yes)
 * @param firstIncarnation  DocumentIncarnation of the first document and after a reset (every
 *                          documented example starts at 1; 0 would be forgotten by the RAs)
 * @param forwardedForStatus status for a request carrying X-Forwarded-For (unconfirmed; 400)
 * @param enforceMinimumNotice whether the admin API refuses a notice below the type's minimum
 * @param idleReset         a VM that asks nothing for this long (Azure time; Azure: 24 h) has
 *                          its DocumentIncarnation start over at its next request
 * @param approvalStartsAtOnce whether an approved event starts at once; Azure starts it "when
 *                          possible" and may wait for other tenants of the host or NotBefore
 *                          (unconfirmed; default yes, as Microsoft's mock server)
 */
public record SimSettings(
        double timeFactor,
        Duration startedLifetime,
        Duration terminateNotice,
        int requestsPerSecond,
        UnknownEventId unknownEventId,
        boolean eventsAcceptInstanceVersions,
        boolean hidePreemptBeforeItsVersion,
        long firstIncarnation,
        int forwardedForStatus,
        boolean enforceMinimumNotice,
        Duration idleReset,
        boolean approvalStartsAtOnce) {

    /** POST StartRequests naming an id this VM does not see listed. */
    public enum UnknownEventId {
        /** 200, nothing changes (Microsoft's mock server). */
        OK_NO_CHANGE,
        /** 400, as for a malformed body. */
        BAD_REQUEST
    }

    public static final double MAX_TIME_FACTOR = 100_000;
    public static final Duration DEFAULT_STARTED_LIFETIME = Duration.ofMinutes(10);
    public static final Duration MIN_TERMINATE_NOTICE = Duration.ofMinutes(5);
    public static final Duration MAX_TERMINATE_NOTICE = Duration.ofMinutes(15);
    public static final Duration DEFAULT_TERMINATE_NOTICE = Duration.ofMinutes(10);
    public static final int DEFAULT_REQUESTS_PER_SECOND = 5;
    /** Scheduled Events is disabled after 24 h without requests (SE documentation). */
    public static final Duration DEFAULT_IDLE_RESET = Duration.ofHours(24);

    public SimSettings {
        requireTimeFactor(timeFactor);
        Objects.requireNonNull(startedLifetime, "startedLifetime");
        if (startedLifetime.isNegative()) {
            throw new IllegalArgumentException("startedLifetime is negative: " + startedLifetime);
        }
        Objects.requireNonNull(terminateNotice, "terminateNotice");
        if (terminateNotice.compareTo(MIN_TERMINATE_NOTICE) < 0
                || terminateNotice.compareTo(MAX_TERMINATE_NOTICE) > 0) {
            throw new IllegalArgumentException("terminateNotice must be 5 to 15 minutes "
                    + "(a scale set's notBeforeTimeout), was " + terminateNotice);
        }
        if (requestsPerSecond < 0) {
            throw new IllegalArgumentException("requestsPerSecond is negative: "
                    + requestsPerSecond);
        }
        Objects.requireNonNull(unknownEventId, "unknownEventId");
        if (firstIncarnation < 0) {
            throw new IllegalArgumentException("firstIncarnation is negative: "
                    + firstIncarnation);
        }
        Objects.requireNonNull(idleReset, "idleReset");
        if (idleReset.isNegative() || idleReset.isZero()) {
            throw new IllegalArgumentException("idleReset must be positive, was " + idleReset);
        }
        if (forwardedForStatus < 400 || forwardedForStatus > 599) {
            throw new IllegalArgumentException("forwardedForStatus must be an error status, was "
                    + forwardedForStatus);
        }
    }

    public static SimSettings defaults() {
        return new SimSettings(1, DEFAULT_STARTED_LIFETIME, DEFAULT_TERMINATE_NOTICE,
                DEFAULT_REQUESTS_PER_SECOND, UnknownEventId.OK_NO_CHANGE, false, true, 1, 400,
                true, DEFAULT_IDLE_RESET, true);
    }

    static void requireTimeFactor(double factor) {
        if (!(factor >= 1 && factor <= MAX_TIME_FACTOR)) {
            throw new IllegalArgumentException(
                    "time factor must be 1 to " + (long) MAX_TIME_FACTOR + ", was " + factor);
        }
    }

    /** {@code azure} divided by the time factor, to the millisecond. */
    static Duration compress(Duration azure, double factor) {
        return Duration.ofMillis(Math.round(azure.toMillis() / factor));
    }

    public SimSettings withTimeFactor(double v) {
        return new SimSettings(v, startedLifetime, terminateNotice, requestsPerSecond,
                unknownEventId, eventsAcceptInstanceVersions,
                hidePreemptBeforeItsVersion, firstIncarnation, forwardedForStatus,
                enforceMinimumNotice, idleReset, approvalStartsAtOnce);
    }

    public SimSettings withStartedLifetime(Duration v) {
        return new SimSettings(timeFactor, v, terminateNotice, requestsPerSecond, unknownEventId,
                eventsAcceptInstanceVersions, hidePreemptBeforeItsVersion,
                firstIncarnation, forwardedForStatus, enforceMinimumNotice,
                idleReset, approvalStartsAtOnce);
    }

    public SimSettings withTerminateNotice(Duration v) {
        return new SimSettings(timeFactor, startedLifetime, v, requestsPerSecond, unknownEventId,
                eventsAcceptInstanceVersions, hidePreemptBeforeItsVersion,
                firstIncarnation, forwardedForStatus, enforceMinimumNotice,
                idleReset, approvalStartsAtOnce);
    }

    public SimSettings withRequestsPerSecond(int v) {
        return new SimSettings(timeFactor, startedLifetime, terminateNotice, v, unknownEventId,
                eventsAcceptInstanceVersions, hidePreemptBeforeItsVersion,
                firstIncarnation, forwardedForStatus, enforceMinimumNotice,
                idleReset, approvalStartsAtOnce);
    }

    public SimSettings withUnknownEventId(UnknownEventId v) {
        return new SimSettings(timeFactor, startedLifetime, terminateNotice, requestsPerSecond, v,
                eventsAcceptInstanceVersions, hidePreemptBeforeItsVersion,
                firstIncarnation, forwardedForStatus, enforceMinimumNotice,
                idleReset, approvalStartsAtOnce);
    }

    public SimSettings withEventsAcceptInstanceVersions(boolean v) {
        return new SimSettings(timeFactor, startedLifetime, terminateNotice, requestsPerSecond,
                unknownEventId, v, hidePreemptBeforeItsVersion, firstIncarnation,
                forwardedForStatus, enforceMinimumNotice, idleReset,
                approvalStartsAtOnce);
    }

    public SimSettings withHidePreemptBeforeItsVersion(boolean v) {
        return new SimSettings(timeFactor, startedLifetime, terminateNotice, requestsPerSecond,
                unknownEventId, eventsAcceptInstanceVersions, v, firstIncarnation,
                forwardedForStatus, enforceMinimumNotice, idleReset,
                approvalStartsAtOnce);
    }

    public SimSettings withFirstIncarnation(long v) {
        return new SimSettings(timeFactor, startedLifetime, terminateNotice, requestsPerSecond,
                unknownEventId, eventsAcceptInstanceVersions,
                hidePreemptBeforeItsVersion, v, forwardedForStatus,
                enforceMinimumNotice, idleReset, approvalStartsAtOnce);
    }

    public SimSettings withForwardedForStatus(int v) {
        return new SimSettings(timeFactor, startedLifetime, terminateNotice, requestsPerSecond,
                unknownEventId, eventsAcceptInstanceVersions,
                hidePreemptBeforeItsVersion, firstIncarnation, v,
                enforceMinimumNotice, idleReset, approvalStartsAtOnce);
    }

    public SimSettings withEnforceMinimumNotice(boolean v) {
        return new SimSettings(timeFactor, startedLifetime, terminateNotice, requestsPerSecond,
                unknownEventId, eventsAcceptInstanceVersions,
                hidePreemptBeforeItsVersion, firstIncarnation, forwardedForStatus,
                v, idleReset, approvalStartsAtOnce);
    }

    public SimSettings withIdleReset(Duration v) {
        return new SimSettings(timeFactor, startedLifetime, terminateNotice, requestsPerSecond,
                unknownEventId, eventsAcceptInstanceVersions,
                hidePreemptBeforeItsVersion, firstIncarnation, forwardedForStatus,
                enforceMinimumNotice, v, approvalStartsAtOnce);
    }

    public SimSettings withApprovalStartsAtOnce(boolean v) {
        return new SimSettings(timeFactor, startedLifetime, terminateNotice, requestsPerSecond,
                unknownEventId, eventsAcceptInstanceVersions,
                hidePreemptBeforeItsVersion, firstIncarnation, forwardedForStatus,
                enforceMinimumNotice, idleReset, v);
    }
}
