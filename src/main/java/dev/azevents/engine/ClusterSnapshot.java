package dev.azevents.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one pass reads from Pacemaker, in one go.
 *
 * @param nodes              every node of the cluster, ordered by name
 * @param lease              the pull lease, if someone holds one
 * @param hostNames          {@code hostName_<azName>} cluster properties: Azure name → node name
 * @param transitionInFlight the scheduler has actions in flight somewhere in the cluster
 * @param maintenanceMode    the cluster-wide {@code maintenance-mode} property is on
 * @param quorate            this node's partition has quorum (crm_mon's {@code current_dc
 *                           with_quorum}); without it the view may be stale and nothing is written
 */
public record ClusterSnapshot(
        List<ClusterNode> nodes,
        Optional<PullLease> lease,
        Map<String, String> hostNames,
        boolean transitionInFlight,
        boolean maintenanceMode,
        boolean quorate) {

    public ClusterSnapshot {
        nodes = List.copyOf(nodes);
        hostNames = Map.copyOf(hostNames);
    }

    public Optional<ClusterNode> node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }
}
