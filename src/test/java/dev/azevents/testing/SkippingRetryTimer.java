package dev.azevents.testing;

import dev.azevents.imds.RetryTimer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link RetryTimer} whose pauses take no time but still count: its reading is the real
 * monotonic clock plus every pause asked for. Requests really take the time they take, so a
 * timeout is real; a 20 s retry wait is not.
 */
public final class SkippingRetryTimer implements RetryTimer {

    private final List<Duration> pauses = new ArrayList<>();
    private long skipped;

    @Override
    public synchronized long nanoTime() {
        return System.nanoTime() + skipped;
    }

    @Override
    public synchronized void pause(Duration wait) {
        pauses.add(wait);
        skipped += wait.toNanos();
    }

    /** Every pause asked for, in order. */
    public synchronized List<Duration> pauses() {
        return List.copyOf(pauses);
    }
}
