package dev.azevents.engine;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the agent has recorded on one node (its per-node attributes of the contract).
 *
 * @param state           {@code <prefix>_curNodeState}; AVAILABLE when absent
 * @param pendingEventIds {@code <prefix>_pendingEventIDs}
 * @param lastDocVersion  {@code <prefix>_lastDocVersion}, verbatim
 * @param azName          {@code azName}
 * @param drainedByAgent  {@code <prefix>_drainedByAgent}: the agent itself put this node in standby
 *                        (or lowered its health), so only the agent's own drain is ever undone
 * @param healthAzure     {@code #health-azure}, health strategy only
 * @param overriddenEventIds {@code <prefix>_overriddenEventIDs}: events whose drain an
 *                        administrator ended by hand ({@code crm node online}, health set back);
 *                        the agent does not drain for them again
 */
public record NodeRecord(
        NodeState state,
        List<String> pendingEventIds,
        Optional<String> lastDocVersion,
        Optional<String> azName,
        boolean drainedByAgent,
        OptionalInt healthAzure,
        List<String> overriddenEventIds) {

    public NodeRecord {
        pendingEventIds = List.copyOf(pendingEventIds);
        overriddenEventIds = List.copyOf(overriddenEventIds);
    }

    /** A record with no overridden events. */
    public NodeRecord(NodeState state, List<String> pendingEventIds,
            Optional<String> lastDocVersion, Optional<String> azName, boolean drainedByAgent,
            OptionalInt healthAzure) {
        this(state, pendingEventIds, lastDocVersion, azName, drainedByAgent, healthAzure,
                List.of());
    }

    /** A node the agent has never written to. */
    public static NodeRecord fresh() {
        return new NodeRecord(NodeState.AVAILABLE, List.of(), Optional.empty(), Optional.empty(),
                false, OptionalInt.empty());
    }
}
