package dev.azevents.ocf;

import java.util.List;

/**
 * One OCF parameter as {@code meta-data} describes it. The list {@link #ALL} is the single place
 * where names and defaults live; the validator and the meta-data read it.
 *
 * @param name      the name after {@code OCF_RESKEY_}
 * @param type      OCF content type: string, integer or boolean
 * @param value     the default, as text
 */
public record ParameterSpec(String name, String type, String value, String shortDesc,
        String longDesc) {

    public static final ParameterSpec EVENT_TYPES = new ParameterSpec("eventTypes", "string",
            "Reboot,Redeploy", "Event types to handle",
            "A comma-separated list of Azure Scheduled Event types that drain the node. Possible"
            + " values: Freeze,Reboot,Redeploy,Preempt,Terminate. The originals accepted only the"
            + " first three; Preempt (Spot eviction) gives about 30 seconds of notice.");
    public static final ParameterSpec VERBOSE = new ParameterSpec("verbose", "boolean", "false",
            "Enable verbose agent logging", "Set to true to log every step at DEBUG level.");
    public static final ParameterSpec RETRY_COUNT = new ParameterSpec("retry_count", "integer",
            "3", "Retries per IMDS request",
            "How many more times a failed request to the Instance Metadata Service is tried.");
    public static final ParameterSpec RETRY_WAIT = new ParameterSpec("retry_wait", "integer",
            "20", "Seconds between IMDS attempts",
            "Seconds to wait before retrying a failed request to the Instance Metadata Service.");
    public static final ParameterSpec REQUEST_TIMEOUT = new ParameterSpec("request_timeout",
            "integer", "15", "IMDS request timeout (seconds)",
            "Seconds after which one request to the Instance Metadata Service is abandoned.");
    public static final ParameterSpec IMDS_URL = new ParameterSpec("imds_url", "string",
            "http://169.254.169.254/metadata", "Instance Metadata Service root",
            "Root URL of the Instance Metadata Service. Change it only to point the agent at a"
            + " simulator for tests and drills. Plain http to a literal address; proxies and"
            + " redirects are never used.");
    public static final ParameterSpec LEASE_LENGTH = new ParameterSpec("lease_length", "integer",
            "60", "Pull lease length (seconds)",
            "How long the pull lease (the cluster-wide lock taken by a node that writes) stays"
            + " valid. A lease left by a killed agent is broken by any node after this time.");
    public static final ParameterSpec DRAIN_LEAD_TIME = new ParameterSpec("drain_lead_time",
            "integer", "0", "Drain only this many seconds before NotBefore",
            "When above 0, a node is drained only once the event's NotBefore is at most this many"
            + " seconds away. 0 drains as soon as the event is seen, as the originals do.");
    public static final ParameterSpec FREEZE_IGNORE_BELOW = new ParameterSpec(
            "freeze_ignore_below", "integer", "0", "Leave short Freeze events alone (seconds)",
            "A Freeze whose DurationInSeconds is known and below this value does not drain the"
            + " node. 0 handles every relevant Freeze, as the originals do. Above 0, azure-events"
            + " asks IMDS api-version 2020-07-01 (the first with DurationInSeconds) for events.");
    public static final ParameterSpec OUTAGE_PASSES = new ParameterSpec("outage_passes",
            "integer", "6", "Failed passes before an IMDS outage is reported",
            "How many consecutive monitor passes without an answer from the Instance Metadata"
            + " Service count as a sustained outage, reported once with an exit reason. Shorter"
            + " outages are only logged. Services are never moved because of an outage.");

    /** In meta-data order: the originals' parameters first. */
    public static final List<ParameterSpec> ALL = List.of(EVENT_TYPES, VERBOSE, RETRY_COUNT,
            RETRY_WAIT, REQUEST_TIMEOUT, IMDS_URL, LEASE_LENGTH, DRAIN_LEAD_TIME,
            FREEZE_IGNORE_BELOW, OUTAGE_PASSES);

    /** The environment variable Pacemaker sets for this parameter. */
    public String envName() {
        return "OCF_RESKEY_" + name;
    }
}
