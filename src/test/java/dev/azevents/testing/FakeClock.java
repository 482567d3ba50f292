package dev.azevents.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that moves only when a test says so. Thread-safe: a simulator's HTTP threads read it
 * while the test thread advances it.
 */
public final class FakeClock extends Clock {

    /** A fixed, recognisable start: the reference sheet's example Reboot day. */
    public static final Instant DEFAULT_START = Instant.parse("2025-01-14T03:00:00Z");

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    public FakeClock() {
        this(DEFAULT_START);
    }

    public FakeClock(Instant start) {
        this(new AtomicReference<>(start), ZoneOffset.UTC);
    }

    private FakeClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    public void advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("time does not go back: " + d);
        }
        now.updateAndGet(t -> t.plus(d));
    }

    public void set(Instant t) {
        now.set(t);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** The same moving time in another zone (shares the time with this clock). */
    @Override
    public Clock withZone(ZoneId z) {
        return new FakeClock(now, z);
    }
}
