package dev.azevents.sim;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A fault attached to one VM's metadata endpoint ({@code POST /admin/vms/{vm}/faults}). A closed
 * set: each value is one way IMDS has been seen to fail, or could fail, that a client must
 * survive. Faults act on every metadata request of that VM; several may be queued, the first
 * one still in force applies. Stall durations are real time, not scaled by the time factor:
 * they exercise the client's own timeouts.
 */
public sealed interface FaultSpec {

    /** The HTTP statuses IMDS documents as transient (503 only seen in the wild). */
    Set<Integer> TRANSIENT_STATUSES = Set.of(410, 429, 500, 503);

    /** Longest delay or hang accepted, so that a forgotten fault cannot wedge a run. */
    Duration MAX_STALL = Duration.ofMinutes(10);

    /** Longest a status fault may be in force. */
    Duration MAX_FAILURE = Duration.ofDays(1);

    /** Largest body a huge-body fault may send. */
    long MAX_HUGE_BYTES = 256L * 1024 * 1024;

    /** Default size of a huge body: far above any sane client cap, small enough to send fast. */
    long DEFAULT_HUGE_BYTES = 10L * 1024 * 1024;

    /** What the fault does to a request; an enum so the handler's switch is exhaustive. */
    enum Kind {
        STATUS("status"),
        DELAY("delay"),
        HANG("hang"),
        MALFORMED("malformed"),
        TRUNCATED("truncated"),
        HUGE("huge"),
        SLOW_FIRST_CALL("slow-first-call"),
        INCARNATION_RESET("incarnation-reset");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The spelling of the admin API's {@code Fault} field. */
        public String label() {
            return label;
        }
    }

    Kind kind();

    /** The fault as the admin API's JSON object, in field order ({@code Fault} first). */
    Map<String, Object> fields();

    /** Answer the next {@code count} requests with this status. */
    record FailRequests(int status, int count) implements FaultSpec {
        public FailRequests {
            requireTransient(status);
            if (count < 1) {
                throw new IllegalArgumentException("Requests must be at least 1, was " + count);
            }
        }

        public Kind kind() {
            return Kind.STATUS;
        }

        public Map<String, Object> fields() {
            return named(kind(), "Status", (long) status, "Requests", (long) count);
        }
    }

    /** Answer every request with this status for {@code duration} of the simulator's clock. */
    record FailFor(int status, Duration duration) implements FaultSpec {
        public FailFor {
            requireTransient(status);
            requirePositive(duration, MAX_FAILURE);
        }

        public Kind kind() {
            return Kind.STATUS;
        }

        public Map<String, Object> fields() {
            return named(kind(), "Status", (long) status, "Millis", duration.toMillis());
        }
    }

    /** Answer every request correctly, but only after {@code delay} of real time. */
    record Delay(Duration delay) implements FaultSpec {
        public Delay {
            requirePositive(delay, MAX_STALL);
        }

        public Kind kind() {
            return Kind.DELAY;
        }

        public Map<String, Object> fields() {
            return named(kind(), "Millis", delay.toMillis());
        }
    }

    /** Accept the request and never answer; drop the connection after {@code bound}. */
    record Hang(Duration bound) implements FaultSpec {
        public Hang {
            requirePositive(bound, MAX_STALL);
        }

        public Kind kind() {
            return Kind.HANG;
        }

        public Map<String, Object> fields() {
            return named(kind(), "Millis", bound.toMillis());
        }
    }

    /** Answer 200 with a body that is not JSON, every time. */
    record MalformedBody() implements FaultSpec {
        public Kind kind() {
            return Kind.MALFORMED;
        }

        public Map<String, Object> fields() {
            return named(kind());
        }
    }

    /** Announce the full Content-Length, send half of the real body, close; every time. */
    record TruncatedBody() implements FaultSpec {
        public Kind kind() {
            return Kind.TRUNCATED;
        }

        public Map<String, Object> fields() {
            return named(kind());
        }
    }

    /** Answer 200 with a well-formed document padded to {@code bytes} bytes, every time. */
    record HugeBody(long bytes) implements FaultSpec {
        public HugeBody {
            if (bytes < 1 || bytes > MAX_HUGE_BYTES) {
                throw new IllegalArgumentException(
                        "Bytes must be 1.." + MAX_HUGE_BYTES + ", was " + bytes);
            }
        }

        public Kind kind() {
            return Kind.HUGE;
        }

        public Map<String, Object> fields() {
            return named(kind(), "Bytes", bytes);
        }
    }

    /** Only the first request after this is set waits {@code delay} (IMDS: up to 2 min). */
    record SlowFirstCall(Duration delay) implements FaultSpec {
        public SlowFirstCall {
            requirePositive(delay, MAX_STALL);
        }

        public Kind kind() {
            return Kind.SLOW_FIRST_CALL;
        }

        public Map<String, Object> fields() {
            return named(kind(), "Millis", delay.toMillis());
        }
    }

    /**
     * The VM's DocumentIncarnation starts over, as after 24 h without requests. Acts once, when
     * set, and is not kept in the VM's fault list.
     */
    record IncarnationReset() implements FaultSpec {
        public Kind kind() {
            return Kind.INCARNATION_RESET;
        }

        public Map<String, Object> fields() {
            return named(kind());
        }
    }

    private static Map<String, Object> named(Kind kind, Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Fault", kind.label());
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    private static void requireTransient(int status) {
        if (!TRANSIENT_STATUSES.contains(status)) {
            throw new IllegalArgumentException(
                    "Status must be one of 410, 429, 500, 503, was " + status);
        }
    }

    private static void requirePositive(Duration d, Duration max) {
        Objects.requireNonNull(d, "duration");
        if (d.isNegative() || d.isZero() || d.compareTo(max) > 0) {
            throw new IllegalArgumentException(
                    "duration must be above 0 and at most " + max + ", was " + d);
        }
    }
}
