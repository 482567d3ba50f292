package dev.azevents.ocf;

/**
 * The OCF exit codes this agent uses (OCF resource agent API 1.0/1.1, section "Return codes").
 * Internal results are mapped to these in one place, {@link AgentMain#run}.
 */
public enum OcfExit {
    SUCCESS(0),
    ERR_GENERIC(1),
    ERR_ARGS(2),
    ERR_UNIMPLEMENTED(3),
    ERR_INSTALLED(5),
    ERR_CONFIGURED(6),
    NOT_RUNNING(7);

    private final int code;

    OcfExit(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
