package dev.azevents.simulation;

import dev.azevents.engine.Action;
import dev.azevents.engine.Engine;
import dev.azevents.engine.NodeIdentity;
import dev.azevents.engine.Plan;
import dev.azevents.engine.Policy;
import dev.azevents.engine.PullLock;
import dev.azevents.imds.EventsDocument;
import dev.azevents.imds.Imds;
import dev.azevents.imds.ImdsResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The Python originals' protocol, modelled to show why it fails: the pull lock is read, then
 * written ({@code globalPullState} IDLE → PULLING) in two calls; it covers only the GET; the
 * decision is made afterwards on a snapshot nobody protects, and every attribute is written by
 * its own call (state and event ids separately). The decisions themselves are ours, so the only
 * difference measured is the protocol.
 */
final class OriginalPass implements AgentPass {

    private enum Phase { LOCK_READ, LOCK_WRITE, FETCH, DECIDE, WRITE, DONE }

    private final NodeIdentity me;
    private final SimCluster cluster;
    private final Imds imds;
    private final Policy policy;
    private final Supplier<Instant> clock;
    private final Consumer<String> log;
    private Phase phase = Phase.LOCK_READ;
    private boolean holding;
    private int tries;
    private Instant waitUntil = Instant.MIN;
    private EventsDocument document;
    private final List<Action> writes = new ArrayList<>();

    OriginalPass(NodeIdentity me, SimCluster cluster, Imds imds, Policy policy,
            Supplier<Instant> clock, Consumer<String> log) {
        this.me = me;
        this.cluster = cluster;
        this.imds = imds;
        this.policy = policy;
        this.clock = clock;
        this.log = log;
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

    @Override
    public boolean decidedNotWritten() {
        return phase == Phase.WRITE;
    }

    @Override
    public Optional<String> holdsLock(Instant now) {
        return holding ? Optional.of(me.nodeName()) : Optional.empty();
    }

    @Override
    public void step() {
        switch (phase) {
            case LOCK_READ -> {
                if (cluster.pullState().equals("PULLING")) {
                    waitUntil = clock.get().plus(PullLock.RETRY_WAIT);
                    phase = ++tries >= PullLock.MAX_TRIES ? Phase.DONE : Phase.LOCK_READ;
                } else {
                    phase = Phase.LOCK_WRITE;
                }
            }
            case LOCK_WRITE -> {
                cluster.pullState("PULLING");
                holding = true;
                phase = Phase.FETCH;
            }
            case FETCH -> fetch();
            case DECIDE -> decide();
            case WRITE -> write();
            case DONE -> throw new IllegalStateException("pass already done");
        }
    }

    private void fetch() {
        ImdsResult<EventsDocument> fetched = imds.events();
        cluster.pullState("IDLE");
        holding = false;
        if (fetched instanceof ImdsResult.Ok<EventsDocument> ok) {
            document = ok.value();
            phase = Phase.DECIDE;
        } else {
            phase = Phase.DONE;
        }
    }

    private void decide() {
        Plan plan = new Engine().decide(cluster.snapshot(), document, me, policy, clock.get());
        for (Action a : plan.actions()) {
            if (a instanceof Action.SetNodeState s) {
                // The state and the ids went out as two crm_attribute calls.
                List<String> before = cluster.node(s.node()).ids;
                writes.add(new Action.SetNodeState(s.node(), s.state(), before, s.reason()));
            }
            writes.add(a);
        }
        phase = writes.isEmpty() ? Phase.DONE : Phase.WRITE;
    }

    private void write() {
        Action next = writes.remove(0);
        if (next instanceof Action.ApproveEvents ap) {
            log.accept(me.nodeName() + ": approve " + ap.eventIds());
            imds.approve(ap.eventIds());
        } else {
            cluster.apply(me.nodeName(), List.of(next));
        }
        if (writes.isEmpty()) {
            phase = Phase.DONE;
        }
    }
}
