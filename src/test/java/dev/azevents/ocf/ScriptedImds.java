package dev.azevents.ocf;

import dev.azevents.imds.EventsDocument;
import dev.azevents.imds.Imds;
import dev.azevents.imds.ImdsFailure;
import dev.azevents.imds.ImdsResult;
import dev.azevents.imds.InstanceCompute;
import java.util.ArrayList;
import java.util.List;

/** IMDS for the pass's tests: a fixed document or a failure, and a record of every request. */
final class ScriptedImds implements Imds {

    final List<String> requests = new ArrayList<>();
    final List<List<String>> approved = new ArrayList<>();
    EventsDocument document = EventsDocument.empty(1);
    ImdsFailure down;
    ImdsFailure approvalFailure;
    String vmName = "vm1";

    @Override
    public ImdsResult<EventsDocument> events() {
        requests.add("GET scheduledevents");
        return down != null ? new ImdsResult.Failed<>(down) : new ImdsResult.Ok<>(document);
    }

    @Override
    public ImdsResult<InstanceCompute> instance() {
        requests.add("GET instance");
        if (down != null) {
            return new ImdsResult.Failed<>(down);
        }
        return new ImdsResult.Ok<>(new InstanceCompute(vmName, "id", "westeurope", "", "", "",
                vmName));
    }

    @Override
    public ImdsResult<Void> approve(List<String> eventIds) {
        requests.add("POST " + eventIds);
        if (approvalFailure != null) {
            return new ImdsResult.Failed<>(approvalFailure);
        }
        approved.add(List.copyOf(eventIds));
        return new ImdsResult.Ok<>(null);
    }
}
