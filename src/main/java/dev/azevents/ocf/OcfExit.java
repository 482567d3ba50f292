package dev.azevents.ocf;

/**
 * The OCF exit codes this agent uses (OCF resource agent API 1.0/1.1, section "Return codes").
 * Internal results are mapped to these by each action; a monitor pass's result in one place,
 * {@code Monitor.conclude}.
 */
public enum OcfExit {
    SUCCESS(0),
    ERR_GENERIC(1),
    ERR_ARGS(2),
    ERR_UNIMPLEMENTED(3),
    ERR_INSTALLED(5),
    ERR_CONFIGURED(6),
    NOT_RUNNING(7),
    /**
     * OCF 1.1: running, but degraded. Pacemaker 2.1 shows it under "Failed Resource Actions" with
     * the exit reason and does not recover the resource (checked with crm_simulate on 2.1.5:
     * rc 1 plans "Recover", rc 190 plans nothing). Used every {@code outage_passes} failed passes
     * of a sustained outage, and only when Pacemaker announces OCF 1.1
     * ({@code OCF_RA_VERSION_MINOR} at least 1).
     */
    DEGRADED(190);

    private final int code;

    OcfExit(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
