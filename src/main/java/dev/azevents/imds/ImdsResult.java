package dev.azevents.imds;

/** A call to IMDS: a value, or a failure described for the log. Never an escaping exception. */
public sealed interface ImdsResult<T> {

    record Ok<T>(T value) implements ImdsResult<T> {
    }

    record Failed<T>(ImdsFailure failure) implements ImdsResult<T> {
    }
}
