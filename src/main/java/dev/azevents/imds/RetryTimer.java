package dev.azevents.imds;

import java.time.Duration;

/**
 * The time a retrying client reads and the pauses it takes, apart so that a test can skip the
 * pauses (20 s each by default) while still checking the deadline they add up to.
 */
public interface RetryTimer {

    /** A monotonic reading, as {@link System#nanoTime()}. */
    long nanoTime();

    /** Wait this long before the next attempt. */
    void pause(Duration wait) throws InterruptedException;

    /** The real thing. */
    static RetryTimer system() {
        return SystemTimer.INSTANCE;
    }

    /** A class, not a lambda: lambdas cost start-up time on the monitor path. */
    enum SystemTimer implements RetryTimer {
        INSTANCE;

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void pause(Duration wait) throws InterruptedException {
            Thread.sleep(wait.toMillis());
        }
    }
}
