package dev.azevents.sim;

/** The outcome of reading input from the network: a value, or what was wrong with it. */
sealed interface Parse<T> {

    record Ok<T>(T value) implements Parse<T> {
    }

    record Bad<T>(String problem) implements Parse<T> {
    }

    static <T> Parse<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Parse<T> bad(String problem) {
        return new Bad<>(problem);
    }
}
