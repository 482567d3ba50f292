package dev.azevents.simulation;

import dev.azevents.engine.EventAbsences;
import dev.azevents.engine.LeaseSighting;
import dev.azevents.engine.NodeIdentity;
import dev.azevents.imds.EventsDocument;
import dev.azevents.ocf.IdleMemory;
import dev.azevents.ocf.MonitorPass;
import dev.azevents.ocf.PassResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The agent that ships ({@link MonitorPass}), stepped by the simulation: one port call per step,
 * its waits turned into a wake-up time on true time. A killed pass is simply never stepped again.
 */
final class ShippedPass implements AgentPass {

    private final NodeIdentity self;
    private final MonitorPass pass;
    private final MonitorPass.Steps steps;
    private final Supplier<Instant> trueTime;
    private final Supplier<Optional<EventsDocument>> fetched;
    private Instant wakeAt = Instant.MIN;
    private PassResult result;
    private boolean stalled;

    /** @param fetched the document the pass's GET returned, if any (for the idempotence check) */
    ShippedPass(NodeIdentity self, MonitorPass pass, Supplier<Instant> trueTime,
            Supplier<Optional<EventsDocument>> fetched) {
        this.self = self;
        this.pass = pass;
        this.steps = pass.start(self);
        this.trueTime = trueTime;
        this.fetched = fetched;
    }

    @Override
    public String node() {
        return self.nodeName();
    }

    /** What the pass saw of the lease: the node's local state (its state file) keeps it. */
    Optional<LeaseSighting> leaseSeen() {
        return pass.leaseSeen();
    }

    /** What the pass leaves for the next one to skip the cluster (the state file keeps it). */
    Optional<IdleMemory> idleMemory() {
        return pass.idleMemory();
    }

    /** The pass ended idle without reading the cluster (the idle shortcut). */
    boolean tookShortcut() {
        return steps.shortcut();
    }

    /** Since when the node's reads miss recorded events: local state too. */
    EventAbsences absences() {
        return pass.absences();
    }

    /** When the node last re-approved: local state too. */
    Optional<Instant> lastReapproval() {
        return pass.lastReapproval();
    }

    NodeIdentity self() {
        return self;
    }

    @Override
    public void step() {
        MonitorPass.Step step = steps.step();
        if (step instanceof MonitorPass.Step.Wait wait) {
            wakeAt = trueTime.get().plus(wait.duration());
        } else if (step instanceof MonitorPass.Step.Done done) {
            result = done.result();
        }
    }

    /** Decided to write on its first GET, the lease not taken yet. */
    boolean waitsForTheLease() {
        MonitorPass.Phase p = steps.phase();
        return p == MonitorPass.Phase.LEASE_READ || p == MonitorPass.Phase.TAKE
                || p == MonitorPass.Phase.BREAK;
    }

    /** The next step writes the plan (the idempotence check follows that step). */
    boolean writesNext() {
        return steps.phase() == MonitorPass.Phase.APPLY;
    }

    @Override
    public boolean done() {
        return result != null;
    }

    Optional<PassResult> result() {
        return Optional.ofNullable(result);
    }

    Optional<EventsDocument> document() {
        return fetched.get();
    }

    @Override
    public boolean canStep(Instant now) {
        return !now.isBefore(wakeAt);
    }

    /** Between its re-read under the lease and its approval: the world holds still. */
    @Override
    public boolean decidedNotWritten() {
        MonitorPass.Phase p = steps.phase();
        return p == MonitorPass.Phase.REFETCH || p == MonitorPass.Phase.APPLY
                || p == MonitorPass.Phase.APPROVE || p == MonitorPass.Phase.REAPPROVE;
    }

    /** The process stops being scheduled for this long (once per pass), right before writing. */
    boolean stall(Duration duration) {
        if (stalled || steps.phase() != MonitorPass.Phase.APPLY) {
            return false;
        }
        stalled = true;
        wakeAt = trueTime.get().plus(duration);
        return true;
    }

    @Override
    public Optional<String> holdsLock(Instant now) {
        // Not asked of this pass: the oracle judges the lease from the CIB's own history.
        return Optional.empty();
    }
}
