package dev.azevents.ocf;

import dev.azevents.imds.EventsDocument;
import dev.azevents.imds.Imds;
import dev.azevents.imds.ImdsResult;
import dev.azevents.imds.InstanceCompute;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code observe_only}: IMDS read as usual, approvals reported and never sent, so Azure goes on
 * waiting for {@code NotBefore} exactly as if no agent ran.
 */
final class ObservingImds implements Imds {

    private final Imds real;
    private final Consumer<String> log;

    ObservingImds(Imds real, Consumer<String> log) {
        this.real = real;
        this.log = log;
    }

    @Override
    public ImdsResult<EventsDocument> events() {
        return real.events();
    }

    @Override
    public ImdsResult<InstanceCompute> instance() {
        return real.instance();
    }

    @Override
    public ImdsResult<Void> approve(List<String> eventIds) {
        log.accept(ObservingCluster.PREFIX + "approve " + eventIds
                + " (POST StartRequests); nothing sent, Azure waits for NotBefore");
        return new ImdsResult.Ok<>(null);
    }
}
