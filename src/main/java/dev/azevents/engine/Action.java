package dev.azevents.engine;

import java.util.List;

/**
 * One step of a plan. Every action carries the reason an administrator reads in the log.
 * The cluster writer turns all CIB actions of a plan into one atomic update; approvals go to IMDS
 * after that update has landed.
 */
public sealed interface Action {

    String reason();

    /** {@code <prefix>_curNodeState} and {@code <prefix>_pendingEventIDs}, written together. */
    record SetNodeState(String node, NodeState state, List<String> eventIds, String reason)
            implements Action {
        public SetNodeState {
            eventIds = List.copyOf(eventIds);
        }
    }

    /** Standby on or off; the writer records (or clears) that the agent owns this standby. */
    record SetStandby(String node, boolean on, String reason) implements Action {
    }

    /** {@code #health-azure}: -1000000 drained, 0 healthy; ownership recorded as for standby. */
    record SetHealth(String node, int value, String reason) implements Action {
    }

    /**
     * An administrator ended the agent's drain by hand: the agent gives up its ownership
     * ({@code <prefix>_drainedByAgent=false}) and records the events it will not drain for again
     * ({@code <prefix>_overriddenEventIDs}; an empty list clears them once Azure is done).
     */
    record RecordOverride(String node, List<String> eventIds, String reason) implements Action {
        public RecordOverride {
            eventIds = List.copyOf(eventIds);
        }
    }

    /** {@code azName} on the node and {@code hostName_<azName>} in crm_config. */
    record RecordIdentity(String node, String azName, String reason) implements Action {
    }

    /** {@code <prefix>_lastDocVersion} on the node. */
    record RecordDocVersion(String node, long incarnation, String reason) implements Action {
    }

    /**
     * POST {@code StartRequests} for these events (not a CIB write).
     *
     * @param again re-approvals: every affected node is already IN_EVENT, an approval was sent
     *              and Azure keeps the event Scheduled. Sent without the lease, rate limited,
     *              from one node (the pass decides); never together with a CIB write's need
     */
    record ApproveEvents(List<String> eventIds, String reason, boolean again) implements Action {
        public ApproveEvents {
            eventIds = List.copyOf(eventIds);
        }

        /** A first approval. */
        public ApproveEvents(List<String> eventIds, String reason) {
            this(eventIds, reason, false);
        }
    }
}
