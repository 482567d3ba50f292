package dev.azevents.simulation;

/**
 * What the world can do to the agent, each drawn on or off per run from the seed (swarm
 * testing: a run with few fault kinds exercises each one harder). A kind that exposes a defect
 * not fixed yet stays out of the default swarm, with the issue item that fixes it; the lead
 * switches it on when that fix is merged. {@code bin/azevents simulate --fault NAME} forces one
 * on.
 */
public enum Fault {
    /** A pass is killed between two steps (the process dies). */
    CRASH(true, ""),
    /** IMDS calls fail now and then (503 / 500). */
    IMDS_OUTAGE(true, ""),
    /** A pass stalls past its lease between its re-read and its write. */
    STALL_PAST_LEASE(true, ""),
    /** An administrator puts a node in standby, or takes it out of their own standby. */
    ADMIN_STANDBY(true, ""),
    /** An administrator sets {@code #health-azure} by hand (health strategy). */
    ADMIN_HEALTH(true, ""),
    /** The clone is stopped everywhere mid-event, then started again. */
    CLONE_DISABLED(true, ""),
    /** A new node joins the cluster (and later gets events). */
    NODE_ADDED(true, ""),
    /**
     * Azure keeps an approved event Scheduled for a while before it starts (the lease-free
     * re-approval of issue 10 item 6 re-checks quorum and the drain when it sends).
     */
    APPROVED_STAYS_SCHEDULED(true, "issue 10 items 6 x 13, 6 x 8 (fixed)"),
    /** The incarnation starts over (as after 24 h without requests). */
    INCARNATION_RESET(true, ""),
    /** An event is cancelled before it starts. */
    EVENT_CANCELLED(true, ""),
    /** A host failure: a Reboot listed already Started, without notice. */
    NO_NOTICE_STARTED(true, ""),
    /** The Python agents' leftovers: {@code globalPullState=PULLING} stuck in the CIB. */
    PYTHON_LEFTOVERS(true, ""),
    /**
     * Our clone instance is stopped, banned or failed on one peer for a while (a peer let out
     * of standby counts as running our clone only once it runs there: Draft.runsAgentNow).
     */
    CLONE_BLOCKED_ON_PEER(true, "issue 10 item 9 (fixed)"),
    /**
     * One VM's document is briefly empty, for less than one monitor interval (World
     * .MAX_BLANK_SECONDS says why not longer). It used to end a drain while the event was listed;
     * a recorded event now counts as over only once reads a monitor interval apart both miss it
     * (engine.EventAbsences).
     */
    DOCUMENT_EMPTY(true, "a briefly empty document ended a drain (fixed: EventAbsences)"),
    /** A node removed with {@code crm node delete}; its hostName_ stays, its VM gets events. */
    NODE_REMOVED(true, "issue 10 item 1 (fixed)"),
    /**
     * Each VM sees only its own events (zones, scale sets, standalone VMs). Out of the standby
     * swarm by design: the standby agent refuses that placement (issue 10 item 3,
     * PlacementCheck), since a peer cannot see a drained node's events end. The health strategy
     * must work there: Knobs.swarm draws it for half the health runs whatever this flag says
     * (the flag is one for both strategies), and the run's knobs then list it.
     */
    OWN_EVENTS_ONLY(false, "issue 10 item 3 (standby refuses it by design)"),
    /**
     * Further events queued for a drained VM. A pass's GET was older than its write: an event
     * queued in between was not seen and the node let out (30 of 8,000 runs with this kind or
     * FOLLOW_UP_NEW_ID, none listed at the writer's last GET); the pass now fetches again under
     * the lease before it lets a node out.
     */
    QUEUED_FOR_DRAINED(true, "issue 10 item 4 (fixed: the refetch before a let-out)"),
    /** A follow-up for a drained VM under a new id, or already Started (as above). */
    FOLLOW_UP_NEW_ID(true, "issue 10 item 5 (fixed: the refetch before a let-out)"),
    /** An administrator's {@code crm node online} (or health 0) during a drain. */
    ADMIN_ONLINE(true, "issue 10 item 8 (fixed; see World.reboot)"),
    /** A peer's Pacemaker is shutting down. */
    PEER_SHUTTING_DOWN(true, "issue 10 item 9 (fixed)"),
    /** Per-node clock skew up to a few minutes. */
    CLOCK_SKEW(true, "issue 10 item 10 (fixed)"),
    /** A partition: a minority node sees quorate=false. */
    QUORUM_LOSS(true, "issue 10 item 13 (fixed)");

    private final boolean swarm;
    private final String waitsFor;

    Fault(boolean swarm, String waitsFor) {
        this.swarm = swarm;
        this.waitsFor = waitsFor;
    }

    /** Drawn in the default swarm; false while the defect it exposes waits for its fix. */
    public boolean swarm() {
        return swarm;
    }

    /** The issue item whose fix this kind waits for, or empty. */
    public String waitsFor() {
        return waitsFor;
    }
}
