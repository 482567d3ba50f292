package dev.azevents.imds;

import java.util.List;

/** The Instance Metadata Service as the agent uses it. */
public interface Imds {

    /** GET /metadata/scheduledevents. */
    ImdsResult<EventsDocument> events();

    /** GET /metadata/instance, compute part. */
    ImdsResult<InstanceCompute> instance();

    /** POST StartRequests for these events. */
    ImdsResult<Void> approve(List<String> eventIds);
}
