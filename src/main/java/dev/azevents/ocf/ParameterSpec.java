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
    public static final ParameterSpec OBSERVE_ONLY = new ParameterSpec("observe_only",
            "boolean", "false", "Decide and report only; change nothing",
            "When true the agent reads, decides and reports (log, status, metrics) exactly as it"
            + " would act, but writes nothing to the cluster (no pull lease, no node state, no"
            + " standby or health) and approves no event. For a first run beside another agent"
            + " or in production before trusting it. Every skipped change is logged as"
            + " 'observe-only: would ...'.");
    public static final ParameterSpec METRICS_FILE = new ParameterSpec("metrics_file",
            "string", "", "Prometheus metrics file (textfile collector)",
            "When set (an absolute path, e.g. /var/lib/prometheus/node-exporter/azevents.prom),"
            + " every monitor pass rewrites this file atomically with per-node agent state and"
            + " drain, pending events by type, seconds to the nearest NotBefore, the pass's"
            + " duration and counters of IMDS errors, drains, approvals and holds, for"
            + " node_exporter's textfile collector. Empty: no metrics.");
    public static final ParameterSpec STATUS_ATTRIBUTE = new ParameterSpec("status_attribute",
            "boolean", "false", "Publish state changes for crm_mon -A and alerts",
            "When true, each change of a node's agent state or drain is also written through"
            + " pacemaker-attrd as the transient node attribute <agent>_status (e.g."
            + " azure-events-az_status), shown by crm_mon -A, and a sustained IMDS outage as"
            + " <agent>_imds on the node itself. Pacemaker calls alert agents configured with"
            + " select_attributes for these changes: draining, on hold, drained and approved,"
            + " back. The agent never reads them back.");

    /** In meta-data order: the originals' parameters first. */
    public static final List<ParameterSpec> ALL = List.of(EVENT_TYPES, VERBOSE, RETRY_COUNT,
            RETRY_WAIT, REQUEST_TIMEOUT, IMDS_URL, LEASE_LENGTH, DRAIN_LEAD_TIME,
            FREEZE_IGNORE_BELOW, OUTAGE_PASSES, OBSERVE_ONLY, METRICS_FILE,
            STATUS_ATTRIBUTE);

    /** The environment variable Pacemaker sets for this parameter. */
    public String envName() {
        return "OCF_RESKEY_" + name;
    }
}
