package dev.azevents.imds;

import java.net.URI;

/**
 * Start-up probe, not a test: one GET of the events document and its parse, as a monitor pass
 * does, in a plain {@code main}. {@code bench/imds-startup} times it against the simulator.
 */
public final class OneEventsGet {

    private OneEventsGet() {
    }

    public static void main(String[] args) {
        ImdsResult<EventsDocument> r = new ImdsClient(ImdsConfig.azureEventsAz()
                .withBaseUrl(URI.create(args[0]))).events();
        if (r instanceof ImdsResult.Ok<EventsDocument> ok) {
            System.out.println("incarnation " + ok.value().incarnation() + ", "
                    + ok.value().events().size() + " events");
            return;
        }
        System.out.println(((ImdsResult.Failed<EventsDocument>) r).failure().describe());
        System.exit(1);
    }
}
