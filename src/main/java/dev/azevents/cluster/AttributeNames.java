package dev.azevents.cluster;

import dev.azevents.engine.Strategy;

/**
 * Names and places of the agent's attributes in the CIB, as the Python agents use them (read
 * from {@code /usr/lib/ocf/resource.d/heartbeat/azure-events[-az]}, resource-agents 4.12), so a
 * cluster switches between their agents and ours with no cleanup:
 * <ul>
 * <li>per node, permanent node attributes ({@code crm_attribute --node N}, lifetime forever,
 *     under {@code configuration/nodes}): {@code <prefix>_curNodeState},
 *     {@code <prefix>_pendingEventIDs}, {@code <prefix>_lastDocVersion}, {@code azName},
 *     {@code standby} ({@code on}/{@code off}) and {@code #health-azure}
 *     ({@code -1000000}/{@code 0});</li>
 * <li>cluster-wide, in {@code crm_config} ({@code crm_attribute --type crm_config}):
 *     {@code <prefix>_globalPullState} and {@code hostName_<azName>}.</li>
 * </ul>
 * Ours beside them: {@code <prefix>_drainedByAgent} on the node ({@code true} while the agent's
 * own standby or lowered health is in force, {@code false} after),
 * {@code <prefix>_overriddenEventIDs} on the node (events whose drain an administrator ended by
 * hand, which the agent then leaves alone), and the pull lease, a
 * {@code cluster_property_set} with id {@code <prefix>-pull-lease} holding
 * {@code <prefix>_pullLeaseHolder} and {@code <prefix>_pullLeaseExpiry} (an ISO-8601 instant).
 */
record AttributeNames(String prefix) {

    static final String AZ_NAME = "azName";
    static final String STANDBY = "standby";
    static final String HEALTH_AZURE = "#health-azure";
    static final String HOST_NAME_PREFIX = "hostName_";
    /** The set {@code crm_attribute --type crm_config} writes new cluster properties into. */
    static final String BOOTSTRAP_SET = "cib-bootstrap-options";
    static final String PULLING = "PULLING";
    static final String IDLE = "IDLE";

    static AttributeNames of(Strategy strategy) {
        return new AttributeNames(strategy.attributePrefix());
    }

    String curNodeState() {
        return prefix + "_curNodeState";
    }

    String pendingEventIds() {
        return prefix + "_pendingEventIDs";
    }

    String lastDocVersion() {
        return prefix + "_lastDocVersion";
    }

    String drainedByAgent() {
        return prefix + "_drainedByAgent";
    }

    /** Event ids whose drain an administrator overrode: the agent does not drain for them. */
    String overriddenEventIds() {
        return prefix + "_overriddenEventIDs";
    }

    String globalPullState() {
        return prefix + "_globalPullState";
    }

    String leaseSetId() {
        return prefix + "-pull-lease";
    }

    String leaseHolder() {
        return prefix + "_pullLeaseHolder";
    }

    String leaseExpiry() {
        return prefix + "_pullLeaseExpiry";
    }

    String leaseHolderId() {
        return leaseSetId() + "-holder";
    }

    String leaseExpiryId() {
        return leaseSetId() + "-expiry";
    }

    /** The id {@code crm_attribute} gives a new cluster property. */
    static String bootstrapNvpairId(String name) {
        return sanitizeId(BOOTSTRAP_SET + "-" + name);
    }

    /** The ids {@code crm_attribute --node} gives a node's first attribute set and its pairs. */
    static String nodeSetId(String nodeId) {
        return sanitizeId("nodes-" + nodeId);
    }

    static String nodeNvpairId(String nodeId, String name) {
        return sanitizeId("nodes-" + nodeId + "-" + name);
    }

    /**
     * As Pacemaker's {@code crm_xml_sanitize_id} (2.1.5): {@code :} and {@code #} become
     * {@code .} ({@code #health-azure} becomes {@code nodes-2-.health-azure}).
     */
    static String sanitizeId(String id) {
        return id.replace(':', '.').replace('#', '.');
    }
}
