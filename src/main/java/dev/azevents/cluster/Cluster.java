package dev.azevents.cluster;

import dev.azevents.engine.Action;
import dev.azevents.engine.ClusterSnapshot;
import dev.azevents.engine.PullLease;
import dev.azevents.engine.Strategy;
import java.util.List;

/**
 * Pacemaker as one pass sees it. The real implementation calls Pacemaker's own tools with
 * argument arrays (honouring {@code CIB_file}/{@code CIB_shadow}); tests may use a fake.
 */
public interface Cluster {

    /** This node's name: {@code OCF_RESKEY_CRM_meta_on_node}, else {@code crm_node -n}. */
    CibResult<String> localNodeName();

    /** One read of everything a pass needs, with a constant number of tool calls. */
    CibResult<ClusterSnapshot> snapshot(Strategy strategy);

    /**
     * Takes the lease in one CIB operation that changes nothing if a lease is recorded (a
     * compare-and-swap). Ok(true): taken; Ok(false): someone else holds one.
     */
    CibResult<Boolean> acquireLease(Strategy strategy, PullLease lease);

    /**
     * Deletes the lease only if it is exactly this one (compare-and-delete): the holder's release,
     * or anyone's break of a stale lease that was read. Ok(true) if it is gone now.
     */
    CibResult<Boolean> deleteLease(Strategy strategy, PullLease lease);

    /**
     * Writes every CIB action of a plan as one atomic update; approvals are not CIB actions and
     * are ignored here.
     */
    CibResult<Void> apply(Strategy strategy, List<Action> actions);

    /**
     * As {@link #apply}, in the same one atomic update, but only while {@code lease} is still
     * exactly the lease recorded (the compare-and-swap of the lease itself). Ok(true): written;
     * Ok(false): the lease is no longer this one (broken by another node), nothing was written.
     */
    CibResult<Boolean> applyHolding(Strategy strategy, List<Action> actions, PullLease lease);
}
