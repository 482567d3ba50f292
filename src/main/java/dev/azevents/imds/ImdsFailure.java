package dev.azevents.imds;

/** Why IMDS gave no usable answer (after retries). A closed set; each says what happened. */
public sealed interface ImdsFailure {

    /** One line for the log: what was asked, what came back, after how many attempts. */
    String describe();

    /** Could not connect, or the connection broke. */
    record Unreachable(String url, String cause, int attempts) implements ImdsFailure {
        public String describe() {
            return "IMDS unreachable at " + url + " after " + attempts + " attempt(s): " + cause;
        }
    }

    /** No complete answer within the request timeout or the total deadline. */
    record TimedOut(String url, long millis, int attempts) implements ImdsFailure {
        public String describe() {
            return "IMDS timed out at " + url + " after " + millis + " ms and " + attempts
                    + " attempt(s)";
        }
    }

    /** An HTTP status other than 200 (the last one seen after retries). */
    record HttpStatus(String url, int status, String bodyExcerpt, int attempts)
            implements ImdsFailure {
        public String describe() {
            return "IMDS answered HTTP " + status + " at " + url + " after " + attempts
                    + " attempt(s): " + bodyExcerpt;
        }
    }

    /** The body was not a valid document (bad JSON, missing field, wrong type, truncated). */
    record Malformed(String url, String problem, String bodyExcerpt) implements ImdsFailure {
        public String describe() {
            return "IMDS sent a malformed document at " + url + ": " + problem + " in: "
                    + bodyExcerpt;
        }
    }

    /** The body exceeded the size cap; nothing of it was used. */
    record TooLarge(String url, long limitBytes) implements ImdsFailure {
        public String describe() {
            return "IMDS answer at " + url + " exceeds " + limitBytes + " bytes; ignored";
        }
    }
}
