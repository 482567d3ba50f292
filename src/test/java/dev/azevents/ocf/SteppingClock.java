package dev.azevents.ocf;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that moves only when told; its {@link #sleeper()} advances it instead of sleeping. */
final class SteppingClock extends Clock {

    private Instant now;
    int sleeps;

    SteppingClock(Instant start) {
        this.now = start;
    }

    Sleeper sleeper() {
        return d -> {
            sleeps++;
            advance(d);
        };
    }

    void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
