package dev.azevents.ocf;

import dev.azevents.cluster.CibResult;
import dev.azevents.cluster.CibValues;
import dev.azevents.cluster.Cluster;
import dev.azevents.engine.Action;
import dev.azevents.engine.ClusterSnapshot;
import dev.azevents.engine.NodeIdentity;
import dev.azevents.engine.Plan;
import dev.azevents.engine.PullLease;
import dev.azevents.engine.PullLock;
import dev.azevents.engine.Strategy;
import dev.azevents.imds.EventsDocument;
import dev.azevents.imds.Imds;
import dev.azevents.imds.ImdsFailure;
import dev.azevents.imds.ImdsResult;
import dev.azevents.imds.InstanceCompute;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One monitor pass, top to bottom: identity, snapshot, fetch, decide; when the plan is not idle:
 * lease, re-read, re-decide, one atomic write, approve, release. An idle pass takes no lease and
 * writes nothing (DESIGN.md section 6): with no events that is two Pacemaker tool calls and one
 * GET.
 */
public final class MonitorPass {

    /** Who this node is, or why the pass could not find out. */
    public sealed interface Identity {
        record Known(NodeIdentity self) implements Identity {
        }

        record Unknown(PassResult why) implements Identity {
        }
    }

    private final AgentParameters parameters;
    private final Cluster cluster;
    private final Imds imds;
    private final Decider decider;
    private final Clock clock;
    private final Sleeper sleeper;
    private final AgentLog log;

    public MonitorPass(AgentParameters parameters, Cluster cluster, Imds imds, Decider decider,
            Clock clock, Sleeper sleeper, AgentLog log) {
        this.parameters = parameters;
        this.cluster = cluster;
        this.imds = imds;
        this.decider = decider;
        this.clock = clock;
        this.sleeper = sleeper;
        this.log = log;
    }

    /** This node's Pacemaker name, and its VM name from the cache or from IMDS. */
    public Identity identify(Optional<String> cachedAzName) {
        CibResult<String> node = cluster.localNodeName();
        if (node instanceof CibResult.Failed<String> f) {
            return new Identity.Unknown(new PassResult.ClusterUnavailable(f.describe()));
        }
        String nodeName = ((CibResult.Ok<String>) node).value();
        if (cachedAzName.isPresent()) {
            return new Identity.Known(new NodeIdentity(nodeName, cachedAzName.get()));
        }
        ImdsResult<InstanceCompute> instance = imds.instance();
        if (instance instanceof ImdsResult.Failed<InstanceCompute> f) {
            return new Identity.Unknown(new PassResult.ImdsUnavailable(f.failure()));
        }
        String azName = ((ImdsResult.Ok<InstanceCompute>) instance).value().name();
        if (!AgentState.CACHEABLE_NAME.matcher(azName).matches()) {
            // Checked here, before any decision: the cluster adapter would refuse to record it
            // anyway, but only after the pass took and released the lease (two CIB changes, each
            // a cluster-wide scheduler run) every 10 seconds.
            return new Identity.Unknown(new PassResult.ImdsUnavailable(new ImdsFailure.Malformed(
                    parameters.imdsUrl() + "/instance", "compute.name is not an Azure VM name"
                    + " (1 to " + NodeIdentity.MAX_VM_NAME + " of A-Z a-z 0-9 . _ -)", AgentLog.oneLine(azName))));
        }
        return new Identity.Known(new NodeIdentity(nodeName, azName));
    }

    /** What a pass sees and would decide, without a lease or a write (the status command). */
    public sealed interface Preview {
        record Seen(ClusterSnapshot snapshot, EventsDocument document, Plan plan)
                implements Preview {
        }

        record Unseen(PassResult why) implements Preview {
        }
    }

    /** Steps 1 and 2 of the protocol: snapshot, fetch, decide. Reads only. */
    public Preview preview(NodeIdentity self) {
        CibResult<ClusterSnapshot> read = cluster.snapshot(parameters.strategy());
        if (read instanceof CibResult.Failed<ClusterSnapshot> f) {
            return new Preview.Unseen(new PassResult.ClusterUnavailable(f.describe()));
        }
        ClusterSnapshot snapshot = ((CibResult.Ok<ClusterSnapshot>) read).value();
        ImdsResult<EventsDocument> fetched = imds.events();
        if (fetched instanceof ImdsResult.Failed<EventsDocument> f) {
            return new Preview.Unseen(new PassResult.ImdsUnavailable(f.failure()));
        }
        EventsDocument document = ((ImdsResult.Ok<EventsDocument>) fetched).value();
        Plan plan = decider.decide(snapshot, document, self, parameters.policy(), clock.instant());
        return new Preview.Seen(snapshot, document, plan);
    }

    public PassResult run(NodeIdentity self) {
        Preview preview = preview(self);
        if (preview instanceof Preview.Unseen unseen) {
            return unseen.why();
        }
        Preview.Seen seen = (Preview.Seen) preview;
        ClusterSnapshot snapshot = seen.snapshot();
        EventsDocument document = seen.document();
        Plan plan = seen.plan();
        if (plan.isIdle()) {
            log.debug("idle: incarnation " + document.incarnation() + ", "
                    + document.events().size() + " event(s) listed, nothing to write");
            return new PassResult.Idle(plan.notes());
        }
        plan.actions().forEach(a -> log.debug("planned before the lease: " + describe(a)));
        Optional<String> refusal = CibValues.refusal(parameters.strategy(), writes(plan));
        if (refusal.isPresent()) {
            log.error("nothing written, no lease taken: " + refusal.get());
            return new PassResult.ClusterUnavailable(refusal.get());
        }

        LeaseAttempt lease = acquireLease(self, snapshot);
        if (lease.failure().isPresent()) {
            return lease.failure().get();
        }
        PullLease mine = lease.held().orElseThrow();
        try {
            return underLease(self, document, mine);
        } finally {
            if (cluster.deleteLease(parameters.strategy(), mine)
                    instanceof CibResult.Failed<Boolean> f) {
                log.warn("could not release the pull lease (" + f.describe()
                        + "); it expires at " + mine.expiry());
            }
        }
    }

    /** Re-read and re-decide under the lease, so the write rests on what is true now. */
    private PassResult underLease(NodeIdentity self, EventsDocument document, PullLease mine) {
        Strategy strategy = parameters.strategy();
        CibResult<ClusterSnapshot> reread = cluster.snapshot(strategy);
        if (reread instanceof CibResult.Failed<ClusterSnapshot> f) {
            return new PassResult.ClusterUnavailable(f.describe());
        }
        ClusterSnapshot now = ((CibResult.Ok<ClusterSnapshot>) reread).value();
        Plan plan = decider.decide(now, document, self, parameters.policy(), clock.instant());
        if (plan.isIdle()) {
            log.debug("idle under the lease: another node already did it");
            return new PassResult.Idle(plan.notes());
        }
        if (mine.expiredAt(clock.instant())) {
            // The pass stalled past its lease: another node may have broken it and be writing.
            log.warn("pull lease expired at " + mine.expiry() + " before the write; nothing"
                    + " written, the next pass starts over");
            return new PassResult.LeaseBusy(Optional.of(mine));
        }
        List<Action> writes = writes(plan);
        if (!writes.isEmpty()) {
            if (cluster.apply(strategy, writes) instanceof CibResult.Failed<Void> f) {
                log.error("nothing written, will retry next pass: " + f.describe());
                return new PassResult.ClusterUnavailable(f.describe());
            }
        }
        plan.actions().forEach(a -> log.info(describe(a)));
        List<String> approvals = approvals(plan);
        if (approvals.isEmpty()) {
            return new PassResult.Applied(plan, Optional.empty());
        }
        if (imds.approve(approvals) instanceof ImdsResult.Failed<Void> f) {
            log.error("approval of " + approvals + " failed: " + f.failure().describe());
            return new PassResult.Applied(plan, Optional.of(f.failure()));
        }
        return new PassResult.Applied(plan, Optional.empty());
    }

    /** The lease held, or why none is: busy all tries, or the cluster failed. */
    private record LeaseAttempt(Optional<PullLease> held, Optional<PassResult> failure) {
    }

    /** Step 3 of the protocol ({@link PullLock}): take, break a stale one, or wait. */
    private LeaseAttempt acquireLease(NodeIdentity self, ClusterSnapshot snapshot) {
        Strategy strategy = parameters.strategy();
        PullLock lock = new PullLock(parameters.leaseLength());
        Optional<PullLease> seen = snapshot.lease();
        for (int attempt = 1; attempt <= PullLock.MAX_TRIES; attempt++) {
            PullLock.LeaseStep step = lock.next(seen, self.nodeName(), clock.instant());
            if (step instanceof PullLock.LeaseStep.BreakStale stale) {
                log.warn("breaking the stale pull lease: " + stale.reason());
                if (cluster.deleteLease(strategy, stale.stale())
                        instanceof CibResult.Failed<Boolean> f) {
                    return failed(new PassResult.ClusterUnavailable(f.describe()));
                }
                step = new PullLock.LeaseStep.Take(stale.lease());
            }
            if (step instanceof PullLock.LeaseStep.Take take) {
                CibResult<Boolean> taken = cluster.acquireLease(strategy, take.lease());
                if (taken instanceof CibResult.Failed<Boolean> f) {
                    return failed(new PassResult.ClusterUnavailable(f.describe()));
                }
                if (((CibResult.Ok<Boolean>) taken).value()) {
                    return new LeaseAttempt(Optional.of(take.lease()), Optional.empty());
                }
                log.debug("another node took the pull lease first");
            } else {
                log.info(((PullLock.LeaseStep.Wait) step).reason());
            }
            if (attempt == PullLock.MAX_TRIES) {
                break;
            }
            sleeper.sleep(PullLock.RETRY_WAIT);
            CibResult<ClusterSnapshot> reread = cluster.snapshot(strategy);
            if (reread instanceof CibResult.Failed<ClusterSnapshot> f) {
                return failed(new PassResult.ClusterUnavailable(f.describe()));
            }
            seen = ((CibResult.Ok<ClusterSnapshot>) reread).value().lease();
        }
        log.info("no pull lease after " + PullLock.MAX_TRIES
                + " tries; pending events wait for the next pass");
        return failed(new PassResult.LeaseBusy(seen));
    }

    private static LeaseAttempt failed(PassResult why) {
        return new LeaseAttempt(Optional.empty(), Optional.of(why));
    }

    /** The CIB actions of a plan: everything but approvals. */
    private static List<Action> writes(Plan plan) {
        return plan.actions().stream().filter(a -> !(a instanceof Action.ApproveEvents))
                .toList();
    }

    /** Event ids of every approval in the plan, in plan order, each once. */
    static List<String> approvals(Plan plan) {
        Set<String> ids = new LinkedHashSet<>();
        for (Action a : plan.actions()) {
            if (a instanceof Action.ApproveEvents approve) {
                ids.addAll(approve.eventIds());
            }
        }
        return List.copyOf(ids);
    }

    /** One log line per decision: what, on which node, the event ids, and why. */
    static String describe(Action action) {
        // Java 17 has no pattern switch: an instanceof chain, the last case cast so that a new
        // Action type fails loudly in tests instead of logging nothing.
        String what;
        if (action instanceof Action.SetNodeState s) {
            what = s.node() + ": state " + s.state() + " events " + s.eventIds();
        } else if (action instanceof Action.SetStandby s) {
            what = s.node() + ": standby " + (s.on() ? "on" : "off");
        } else if (action instanceof Action.SetHealth h) {
            what = h.node() + ": #health-azure " + h.value();
        } else if (action instanceof Action.RecordOverride o) {
            what = o.node() + ": drain overridden by an administrator, events " + o.eventIds();
        } else if (action instanceof Action.RecordIdentity r) {
            what = r.node() + ": azName " + r.azName();
        } else if (action instanceof Action.RecordDocVersion r) {
            what = r.node() + ": lastDocVersion " + r.incarnation();
        } else {
            what = "approve " + ((Action.ApproveEvents) action).eventIds();
        }
        return what + " because " + action.reason();
    }
}
