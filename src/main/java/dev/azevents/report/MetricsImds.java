package dev.azevents.report;

import dev.azevents.imds.EventsDocument;
import dev.azevents.imds.Imds;
import dev.azevents.imds.ImdsResult;
import dev.azevents.imds.InstanceCompute;
import java.util.List;

/** IMDS as the pass uses it, counting documents, failures and approvals into the facts. */
final class MetricsImds implements Imds {

    private final Imds real;
    private final PassFacts facts;

    MetricsImds(Imds real, PassFacts facts) {
        this.real = real;
        this.facts = facts;
    }

    @Override
    public ImdsResult<EventsDocument> events() {
        ImdsResult<EventsDocument> result = real.events();
        if (result instanceof ImdsResult.Ok<EventsDocument> ok) {
            facts.document = java.util.Optional.of(ok.value());
        } else {
            facts.imdsErrors++;
        }
        return result;
    }

    @Override
    public ImdsResult<InstanceCompute> instance() {
        ImdsResult<InstanceCompute> result = real.instance();
        if (result instanceof ImdsResult.Failed<InstanceCompute>) {
            facts.imdsErrors++;
        }
        return result;
    }

    @Override
    public ImdsResult<Void> approve(List<String> eventIds) {
        ImdsResult<Void> result = real.approve(eventIds);
        if (result instanceof ImdsResult.Ok<Void>) {
            facts.approvals += eventIds.size();
        } else {
            facts.imdsErrors++;
        }
        return result;
    }
}
