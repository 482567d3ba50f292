package dev.azevents.cluster;

/**
 * The outcome of a Pacemaker tool call: a value, or an operating error with what was tried and
 * what the tool said. Never thrown into the engine.
 */
public sealed interface CibResult<T> {

    record Ok<T>(T value) implements CibResult<T> {
    }

    /** @param what the operation ("cibadmin --query"), @param detail exit code and stderr */
    record Failed<T>(String what, String detail) implements CibResult<T> {
        public String describe() {
            return what + " failed: " + detail;
        }
    }
}
