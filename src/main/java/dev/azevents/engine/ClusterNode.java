package dev.azevents.engine;

/**
 * One node as Pacemaker sees it, plus what the agent recorded on it.
 *
 * @param name               Pacemaker node name (uname)
 * @param online             member of the cluster now
 * @param standby            in standby, whoever put it there
 * @param maintenance        node in maintenance mode
 * @param unclean            unclean or pending fencing
 * @param healthy            Pacemaker would place resources here as far as node health goes
 * @param runsResources      a resource other than our own clone is active (or failed) on it
 * @param changingResources  an action that concerns this node is in flight or pending
 * @param shuttingDown       its Pacemaker is shutting down (crm_mon {@code shutdown="true"}):
 *                           it is leaving, whatever its other flags say
 * @param runsAgent          an instance of our clone is active on it (the agent runs there and
 *                           can act: let a drained node out, approve)
 * @param record             the agent's attributes on this node
 */
public record ClusterNode(
        String name,
        boolean online,
        boolean standby,
        boolean maintenance,
        boolean unclean,
        boolean healthy,
        boolean runsResources,
        boolean changingResources,
        boolean shuttingDown,
        boolean runsAgent,
        NodeRecord record) {

    /** Nothing but our clone active, nothing in flight: safe to let Azure act on it. */
    public boolean drained() {
        return !runsResources && !changingResources;
    }

    /** Could really take over services now, in Pacemaker's own view. */
    public boolean canHost() {
        return online && !standby && !maintenance && !unclean && healthy;
    }
}
