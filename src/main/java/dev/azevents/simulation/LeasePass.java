package dev.azevents.simulation;

import dev.azevents.engine.Action;
import dev.azevents.engine.Engine;
import dev.azevents.engine.NodeIdentity;
import dev.azevents.engine.NodeState;
import dev.azevents.engine.Plan;
import dev.azevents.engine.Policy;
import dev.azevents.engine.PullLease;
import dev.azevents.engine.PullLock;
import dev.azevents.imds.EventsDocument;
import dev.azevents.imds.Imds;
import dev.azevents.imds.ImdsResult;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Our pass, step by step, exactly as {@link PullLock}'s protocol says: decide without the lease,
 * take it only for a plan that writes, re-read and re-decide under it, one atomic update, then
 * approvals, then release.
 */
final class LeasePass implements AgentPass {

    private enum Phase { READ, ACQUIRE, BREAK, REREAD, APPLY, APPROVE, RELEASE, DONE }

    private final NodeIdentity me;
    private final SimCluster cluster;
    private final Imds imds;
    private final Policy policy;
    private final Supplier<Instant> clock;
    private final Invariants invariants;
    private final Consumer<String> log;
    private final Engine engine = new Engine();
    private final PullLock lock;
    private Phase phase = Phase.READ;
    private EventsDocument document;
    private Plan plan;
    private PullLease held;
    private PullLease stale;
    private int tries;
    private Instant waitUntil = Instant.MIN;

    LeasePass(NodeIdentity me, SimCluster cluster, Imds imds, Policy policy,
            Supplier<Instant> clock, Invariants invariants, Consumer<String> log) {
        this.me = me;
        this.cluster = cluster;
        this.imds = imds;
        this.policy = policy;
        this.clock = clock;
        this.invariants = invariants;
        this.log = log;
        this.lock = new PullLock(policy.leaseLength());
    }

    @Override
    public String node() {
        return me.nodeName();
    }

    @Override
    public boolean done() {
        return phase == Phase.DONE;
    }

    @Override
    public boolean canStep(Instant now) {
        return !now.isBefore(waitUntil);
    }

    /** The plan under the lease approves events (for scripted crashes). */
    boolean approves() {
        return plan != null && plan.actions().stream()
                .anyMatch(a -> a instanceof Action.ApproveEvents);
    }

    /** The next step, for scripted crashes: "APPLY", "APPROVE", ... */
    String nextStep() {
        return phase.name();
    }

    @Override
    public boolean decidedNotWritten() {
        return phase == Phase.APPLY;
    }

    @Override
    public Optional<String> holdsLock(Instant now) {
        boolean holding = held != null && phase.compareTo(Phase.REREAD) >= 0
                && phase != Phase.DONE && !held.expiredAt(now);
        return holding ? Optional.of(me.nodeName()) : Optional.empty();
    }

    @Override
    public void step() {
        switch (phase) {
            case READ -> read();
            case ACQUIRE -> acquire();
            case BREAK -> {
                cluster.deleteLease(stale);
                log.accept(me.nodeName() + ": broke stale lease of " + stale.holder());
                phase = Phase.ACQUIRE;
            }
            case REREAD -> {
                plan = decide();
                checkIdempotent();
                phase = plan.isIdle() ? Phase.RELEASE : Phase.APPLY;
            }
            case APPLY -> apply();
            case APPROVE -> approve();
            case RELEASE -> {
                cluster.deleteLease(held);
                phase = Phase.DONE;
            }
            case DONE -> throw new IllegalStateException("pass already done");
        }
    }

    private void read() {
        ImdsResult<EventsDocument> fetched = imds.events();
        if (fetched instanceof ImdsResult.Failed<EventsDocument> f) {
            log.accept(me.nodeName() + ": " + f.failure().describe() + "; retrying next pass");
            phase = Phase.DONE;
            return;
        }
        document = ((ImdsResult.Ok<EventsDocument>) fetched).value();
        phase = decide().isIdle() ? Phase.DONE : Phase.ACQUIRE;
    }

    private Plan decide() {
        return engine.decide(cluster.snapshot(), document, me, policy, clock.get());
    }

    private void acquire() {
        Instant now = clock.get();
        PullLock.LeaseStep next = lock.next(cluster.lease(), me.nodeName(), now);
        if (next instanceof PullLock.LeaseStep.Take take) {
            if (cluster.createLease(take.lease())) {
                held = take.lease();
                phase = Phase.REREAD;
                return;
            }
        } else if (next instanceof PullLock.LeaseStep.BreakStale br) {
            stale = br.stale();
            phase = Phase.BREAK;
            return;
        }
        if (++tries >= PullLock.MAX_TRIES) {
            log.accept(me.nodeName() + ": pull lease busy after " + tries + " tries; next pass");
            phase = Phase.DONE;
            return;
        }
        waitUntil = now.plus(PullLock.RETRY_WAIT);
    }

    private void apply() {
        if (held.expiredAt(clock.get())) {
            log.accept(me.nodeName() + ": lease expired before writing; nothing written");
            phase = Phase.DONE;
            return;
        }
        List<Action> writes = cibWrites(plan);
        invariants.beforeApply(me.nodeName(), writes);
        cluster.apply(me.nodeName(), writes);
        invariants.afterApply(me.nodeName(), writes);
        phase = Phase.APPROVE;
    }

    /**
     * Idempotence, twice over. The same input gives the same plan, and applying it a second time
     * changes nothing. And the pass run again on the cluster as this plan leaves it writes
     * nothing but the progress the first could not make safely: marking IN_EVENT the nodes whose
     * drain it wrote (approval waits for a read that shows the drain), so no two passes undo each
     * other.
     */
    private void checkIdempotent() {
        Instant now = clock.get();
        if (!plan.equals(engine.decide(cluster.snapshot(), document, me, policy, now))) {
            invariants.violated(Invariants.Kind.NOT_IDEMPOTENT, me.nodeName()
                    + " decided differently on the same input");
        }
        List<Action> writes = cibWrites(plan);
        SimCluster once = cluster.copy();
        once.apply(me.nodeName(), writes);
        SimCluster twice = once.copy();
        twice.apply(me.nodeName(), writes);
        if (!once.snapshot().equals(twice.snapshot())) {
            invariants.violated(Invariants.Kind.NOT_IDEMPOTENT, me.nodeName() + " applying "
                    + writes + " twice differs from once");
        }
        Plan again = engine.decide(once.snapshot(), document, me, policy, now);
        List<Action> more = cibWrites(again).stream().filter(a -> !progress(a)).toList();
        if (!more.isEmpty()) {
            invariants.violated(Invariants.Kind.NOT_IDEMPOTENT, me.nodeName() + " would write "
                    + writes + " then " + more);
        }
    }

    private static boolean progress(Action a) {
        return a instanceof Action.RecordDocVersion
                || a instanceof Action.SetNodeState s && s.state() == NodeState.IN_EVENT;
    }

    private static List<Action> cibWrites(Plan plan) {
        return plan.actions().stream().filter(a -> !(a instanceof Action.ApproveEvents)).toList();
    }

    private void approve() {
        phase = Phase.RELEASE;
        if (held.expiredAt(clock.get())) {
            return;
        }
        for (Action a : plan.actions()) {
            if (a instanceof Action.ApproveEvents ap) {
                log.accept(me.nodeName() + ": approve " + ap.eventIds() + " (" + ap.reason() + ")");
                ImdsResult<Void> r = imds.approve(ap.eventIds());
                if (r instanceof ImdsResult.Failed<Void> f) {
                    log.accept(me.nodeName() + ": " + f.failure().describe()
                            + "; the next pass approves again");
                }
            }
        }
    }
}
