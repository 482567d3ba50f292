package dev.azevents.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The pull lock as a lease: what a pass must do about the lease it read. Pure; the cluster
 * adapter makes each step a compare-and-swap in one CIB operation ({@code cibadmin --modify
 * --xpath X}, applied only while X matches: acquire when no holder is recorded, release or break
 * when exactly the lease read is recorded, and the plan's write while our own lease is).
 *
 * <h2>Clocks</h2>
 * The expiry in a lease is the holder's clock plus {@code lease_length}; another node's clock
 * may be minutes away from it. So a breaker does not compare that expiry with its own clock: it
 * breaks a lease only after seeing it unchanged for {@code lease_length} on its own clock
 * ({@link LeaseSighting}, remembered across passes), which is after the holder's own expiry as
 * long as the two clocks run at about the same rate, whatever their offset. The holder stops
 * before writing once its lease expired on its own clock, and its write is conditional on the
 * lease still being recorded, so a holder that stalled past a break writes nothing. What remains
 * assumed: clock rates agree to well within {@code lease_length} (NTP slews far less), and the
 * approvals POSTed to IMDS after the write are not fenced (a late one approves an event that
 * the plan under the lease had approved too; POST is idempotent).
 *
 * <h2>The pass protocol</h2>
 * The OCF {@code monitor}, the simulation driver and the demo all follow it:
 * <ol>
 *   <li>Read the snapshot ({@link dev.azevents.cluster.Cluster#snapshot}) and fetch the events
 *       document. An IMDS failure ends the pass successfully (logged, retried next pass).</li>
 *   <li>{@link Engine#decide}. An idle plan ends the pass: no lease, no write.</li>
 *   <li>Acquire the lease: {@link #next} on the lease read and when this node first saw it.
 *       {@link LeaseStep.Take}: take it if still free (compare-and-swap);
 *       {@link LeaseStep.BreakStale}: compare-and-delete exactly the stale lease, then take;
 *       {@link LeaseStep.Wait}: wait {@link #RETRY_WAIT}, re-read the lease and ask again. After
 *       {@link #MAX_TRIES} tries without the lease, end the pass successfully (the next pass
 *       retries). A failed take (someone was faster) counts as a try.</li>
 *   <li>Under the lease, re-read the snapshot and decide again: the first decision was made
 *       without the lease and may be stale; if a peer wrote the agent's records meanwhile, fetch
 *       the document again first (the first may be older than what it wrote). Idle now: release
 *       and end.</li>
 *   <li>If the lease has expired by now (the pass was stalled), end without writing: another
 *       node may have broken it.</li>
 *   <li>Apply every CIB action of the plan in one atomic update, conditional on our lease
 *       still being recorded ({@link dev.azevents.cluster.Cluster#applyHolding}). If it fails
 *       or the lease is gone, release and end: nothing was written, the next pass starts
 *       over.</li>
 *   <li>POST the approvals of the plan ({@link Action.ApproveEvents}), unless the lease has
 *       expired meanwhile; a failure is logged (the next pass re-approves: POST is idempotent
 *       and the engine plans it again while the node is IN_EVENT and the event Scheduled).</li>
 *   <li>Release: compare-and-delete of our own lease.</li>
 * </ol>
 * A pass killed at any point leaves at most a lease that expires and is broken, and a CIB that is
 * either before or after the one atomic update; the next pass repairs either.
 */
public final class PullLock {

    /** Wait between two tries, as the originals did. */
    public static final Duration RETRY_WAIT = Duration.ofSeconds(1);
    /** Tries before the pass gives up for this interval, as the originals did. */
    public static final int MAX_TRIES = 3;

    private final Duration leaseLength;

    public PullLock(Duration leaseLength) {
        this.leaseLength = leaseLength;
    }

    /**
     * As {@link #next(Optional, Instant, String, Instant)} with the lease taken to be first seen
     * when its holder took it: right only where every node reads one clock (the simulation).
     */
    public LeaseStep next(Optional<PullLease> current, String node, Instant now) {
        Instant taken = current.map(l -> l.expiry().minus(leaseLength)).orElse(now);
        return next(current, taken, node, now);
    }

    /**
     * What to do next, given the lease read from the CIB (empty: nobody holds one).
     *
     * @param firstSeen when this node first saw {@code current} unchanged, on its own clock
     *                  ({@link LeaseSighting}); ignored when {@code current} is empty
     */
    public LeaseStep next(Optional<PullLease> current, Instant firstSeen, String node,
            Instant now) {
        PullLease mine = new PullLease(node, now.plus(leaseLength));
        if (current.isEmpty()) {
            return new LeaseStep.Take(mine);
        }
        PullLease held = current.get();
        if (held.holder().equals(node)) {
            return new LeaseStep.BreakStale(held, mine,
                    "lease left by an earlier pass of " + node + " that did not finish");
        }
        Instant breakable = firstSeen.plus(leaseLength);
        if (!now.isBefore(breakable)) {
            return new LeaseStep.BreakStale(held, mine, "lease of " + held.holder()
                    + " unchanged since " + firstSeen + " (this node's clock), "
                    + leaseLength.toSeconds() + " s; its pass died");
        }
        return new LeaseStep.Wait(held, "pull lease held by " + held.holder() + " until "
                + held.expiry() + " (its clock); broken at " + breakable
                + " (this node's clock) if still unchanged");
    }

    /** The steps of acquiring the lease. */
    public sealed interface LeaseStep {

        /** Nobody holds it: create this lease (fails if someone was faster). */
        record Take(PullLease lease) implements LeaseStep {
        }

        /** Delete exactly {@code stale} (compare-and-delete), then create {@code lease}. */
        record BreakStale(PullLease stale, PullLease lease, String reason) implements LeaseStep {
        }

        /** Another node holds a valid lease: wait and try again. */
        record Wait(PullLease heldBy, String reason) implements LeaseStep {
        }
    }
}
