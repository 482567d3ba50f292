package dev.azevents.ocf;

import dev.azevents.cluster.CibResult;
import dev.azevents.cluster.CibValues;
import dev.azevents.cluster.Cluster;
import dev.azevents.engine.Action;
import dev.azevents.engine.ClusterSnapshot;
import dev.azevents.engine.Decider;
import dev.azevents.engine.EventAbsences;
import dev.azevents.engine.LeaseSighting;
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
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One monitor pass, top to bottom: identity, snapshot, fetch, decide; when the plan is not idle:
 * lease, re-read (and fetch again if a peer wrote meanwhile or the plan lets a node out),
 * re-decide, one atomic write, approve, release. An idle pass takes no lease and writes nothing
 * (DESIGN.md section 6): with no events that is two Pacemaker tool calls and one GET.
 */
public final class MonitorPass {

    /** Who this node is, or why the pass could not find out. */
    public sealed interface Identity {
        record Known(NodeIdentity self) implements Identity {
        }

        record Unknown(PassResult why) implements Identity {
        }
    }

    /**
     * At most one re-approval POST per this period: Azure may keep an approved event Scheduled
     * for minutes, and every pass would otherwise POST again (and log it).
     */
    public static final Duration REAPPROVAL_PERIOD = Duration.ofSeconds(60);

    private final AgentParameters parameters;
    private final Cluster cluster;
    private final Imds imds;
    private final Decider decider;
    private final Clock clock;
    private final Sleeper sleeper;
    private final AgentLog log;
    /** The lease last seen and since when (this node's clock), from and for the state file. */
    private Optional<LeaseSighting> leaseSeen = Optional.empty();
    /** When this node last re-approved, from and for the state file. */
    private Optional<Instant> lastReapproval = Optional.empty();
    /** What the last full idle pass saw, from and for the state file: see {@link IdleMemory}. */
    private Optional<IdleMemory> idleMemory = Optional.empty();
    /** Since when this node's reads miss recorded events, from and for the state file. */
    private EventAbsences absences = EventAbsences.none(EventAbsences.CONFIRMATION);

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

    /** Starts from what earlier passes saw of the lease (the agent's state file). */
    public MonitorPass rememberingLease(Optional<LeaseSighting> seen) {
        leaseSeen = seen;
        return this;
    }

    /** Starts from when this node last re-approved (the agent's state file). */
    public MonitorPass rememberingReapproval(Optional<Instant> last) {
        lastReapproval = last;
        return this;
    }

    /** When this node last re-approved, this pass included: for the next pass. */
    public Optional<Instant> lastReapproval() {
        return lastReapproval;
    }

    /** Starts from what the last full idle pass saw (the agent's state file). */
    public MonitorPass rememberingIdle(Optional<IdleMemory> memory) {
        idleMemory = memory;
        return this;
    }

    /** Starts from what earlier passes saw missing (the agent's state file). */
    public MonitorPass rememberingAbsences(EventAbsences seen) {
        absences = seen;
        return this;
    }

    /** Since when this node's reads miss recorded events, this pass included: for the next. */
    public EventAbsences absences() {
        return absences;
    }

    /** What this pass leaves for the next one to skip the cluster: none unless it ended idle. */
    public Optional<IdleMemory> idleMemory() {
        return idleMemory;
    }

    /** The lease as this pass last saw it, and since when: for the next pass. */
    public Optional<LeaseSighting> leaseSeen() {
        return leaseSeen;
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
        if (!AgentState.cacheable(azName)) {
            // Checked here, before any decision: the cluster adapter would refuse to record it
            // anyway, but only after the pass took and released the lease (two CIB changes, each
            // a cluster-wide scheduler run) every 10 seconds.
            return new Identity.Unknown(new PassResult.ImdsUnavailable(new ImdsFailure.Malformed(
                    parameters.imdsUrl() + "/instance", "compute.name is not an Azure VM name"
                    + " (1 to " + NodeIdentity.MAX_VM_NAME + " of A-Z a-z 0-9 . _ -)",
                    AgentLog.oneLine(azName))));
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

    /**
     * Production's pass: every step in order, sleeping through the {@link Sleeper} when a step
     * says wait. The simulation and the demo step the same {@link Steps} themselves.
     */
    public PassResult run(NodeIdentity self) {
        Steps steps = start(self);
        try {
            while (true) {
                Step step = steps.step();
                if (step instanceof Step.Done done) {
                    return done.result();
                }
                if (step instanceof Step.Wait wait) {
                    sleeper.sleep(wait.duration());
                }
            }
        } catch (RuntimeException e) {
            // A bug or a tool that threw: do not leave our lease to expire before anyone can
            // write again. The caller logs the exception and counts a failed pass.
            steps.releaseAfterCrash();
            throw e;
        }
    }

    /** A pass of this node, not started yet: {@link Steps#step} advances it. */
    public Steps start(NodeIdentity self) {
        return new Steps(self);
    }

    /** What comes after a step. */
    public sealed interface Step {
        /** Step again. */
        record Next() implements Step {
        }

        /** Step again after this long (between two tries of the lease). */
        record Wait(Duration duration) implements Step {
        }

        /** The pass is over. */
        record Done(PassResult result) implements Step {
        }
    }

    /**
     * Where a pass stands: each phase makes at most one call to a port, but REAPPROVE, which
     * re-reads the cluster and POSTs in one step (the re-approval rests on what is true when it
     * is sent, and it takes no lease that would make the two atomic anyway).
     */
    public enum Phase { PEEK, SNAPSHOT, FETCH, REAPPROVE, LEASE_READ, TAKE, BREAK, REREAD,
        REFETCH, APPLY, APPROVE, RELEASE, DONE }

    /**
     * One pass as an explicit state machine (the protocol of {@link PullLock}): each
     * {@link #step} makes at most one port call (snapshot, GET, lease create or delete, the
     * atomic apply, the approval POST), so the simulation can interleave the passes of several
     * nodes between any two calls, and kill a pass by never stepping it again.
     */
    public final class Steps {
        private final NodeIdentity self;
        private final PullLock lock = new PullLock(parameters.leaseLength());
        /** The last full idle pass's memory: this pass may then start with a GET alone. */
        private final Optional<IdleMemory> memory = idleMemory;
        private Phase phase = memory.isPresent() ? Phase.PEEK : Phase.SNAPSHOT;
        private Instant readAt;
        private boolean shortcut;
        private ClusterSnapshot snapshot;
        private EventsDocument document;
        private Plan plan;
        private Optional<PullLease> seen = Optional.empty();
        private PullLease taking;
        private PullLease stale;
        private PullLease mine;
        private int attempt = 1;
        /** The document was fetched again under the lease. */
        private boolean refetched;
        /** When the document this pass decides on was fetched, on this node's clock. */
        private Instant fetchedAt;
        /** What the pass returns once its lease is released. */
        private PassResult outcome;

        private Steps(NodeIdentity self) {
            this.self = self;
            // Cleared until this pass ends idle: a failure, an exception, a write or a listed
            // event all make the next pass read the cluster.
            idleMemory = Optional.empty();
        }

        /** Whether this pass ended idle on the document alone, without reading the cluster. */
        public boolean shortcut() {
            return shortcut;
        }

        /** The phase the next {@link #step} runs. */
        public Phase phase() {
            return phase;
        }

        /** The plan decided under the lease, once there is one. */
        public Optional<Plan> plan() {
            return phase.compareTo(Phase.REREAD) > 0 ? Optional.ofNullable(plan)
                    : Optional.empty();
        }

        /** The lease this pass took and has not released, if any. */
        public Optional<PullLease> lease() {
            return Optional.ofNullable(mine);
        }

        public Step step() {
            return switch (phase) {
                case PEEK -> peek();
                case SNAPSHOT -> snapshot();
                case FETCH -> fetch();
                case REAPPROVE -> done(reapprove(self, snapshot, document, plan));
                case LEASE_READ -> leaseRead();
                case TAKE -> take();
                case BREAK -> breakStale();
                case REREAD -> reread();
                case REFETCH -> refetch();
                case APPLY -> apply();
                case APPROVE -> approve();
                case RELEASE -> release();
                case DONE -> throw new IllegalStateException("pass of " + self.nodeName()
                        + " already done");
            };
        }

        /**
         * The idle shortcut (issue 13): the last full pass of this node was idle on an empty
         * document less than {@link IdleMemory#FULL_READ_BOUND} ago, and the document is still
         * that one: nothing this node could decide has an event behind it, so the cluster is not
         * read (no Pacemaker tool, no XML). Anything else goes on to a full pass, which GETs the
         * document again after its snapshot, as the protocol orders.
         */
        private Step peek() {
            ImdsResult<EventsDocument> fetched = imds.events();
            if (fetched instanceof ImdsResult.Failed<EventsDocument> f) {
                return done(new PassResult.ImdsUnavailable(f.failure()));
            }
            EventsDocument peeked = ((ImdsResult.Ok<EventsDocument>) fetched).value();
            IdleMemory last = memory.orElseThrow();
            Instant now = clock.instant();
            if (last.allowsShortcut(peeked, now)) {
                // Seconds, not the instant: its ISO form would start java.time's formatters.
                log.debug("idle: incarnation " + peeked.incarnation() + " lists nothing, as at"
                        + " the last full read " + (now.getEpochSecond()
                        - last.fullReadAt().getEpochSecond()) + " s ago; cluster not read");
                shortcut = true;
                idleMemory = memory;
                return done(new PassResult.Idle(List.of()));
            }
            phase = Phase.SNAPSHOT;
            return new Step.Next();
        }

        private Step snapshot() {
            readAt = clock.instant();
            CibResult<ClusterSnapshot> read = cluster.snapshot(parameters.strategy());
            if (read instanceof CibResult.Failed<ClusterSnapshot> f) {
                return done(new PassResult.ClusterUnavailable(f.describe()));
            }
            snapshot = ((CibResult.Ok<ClusterSnapshot>) read).value();
            phase = Phase.FETCH;
            return new Step.Next();
        }

        private Step fetch() {
            ImdsResult<EventsDocument> fetched = imds.events();
            if (fetched instanceof ImdsResult.Failed<EventsDocument> f) {
                return done(new PassResult.ImdsUnavailable(f.failure()));
            }
            document = ((ImdsResult.Ok<EventsDocument>) fetched).value();
            fetchedAt = clock.instant();
            plan = decide();
            // Watched on idle passes too: a lease left by a dead pass is then breakable as soon
            // as this node needs it, lease_length after it first appeared.
            leaseSeen = LeaseSighting.observe(leaseSeen, snapshot.lease(), clock.instant());
            if (plan.isIdle()) {
                log.debug("idle: incarnation " + document.incarnation() + ", "
                        + document.events().size() + " event(s) listed, nothing to write");
                if (plan.notes().isEmpty()) {
                    // Nothing waited for either (no quorum is a note): the next passes may
                    // skip the cluster while the document stays this one.
                    idleMemory = IdleMemory.after(document, readAt);
                }
                return done(new PassResult.Idle(plan.notes()));
            }
            if (reapprovalsOnly(plan)) {
                phase = Phase.REAPPROVE;
                return new Step.Next();
            }
            plan.actions().forEach(a -> log.debug("planned before the lease: " + describe(a)));
            Optional<String> refusal = CibValues.refusal(parameters.strategy(), writes(plan));
            if (refusal.isPresent()) {
                log.error("nothing written, no lease taken: " + refusal.get());
                return done(new PassResult.ClusterUnavailable(refusal.get()));
            }
            seen = snapshot.lease();
            return leaseDecision();
        }

        /** Step 3 of the protocol ({@link PullLock}): take, break a stale one, or wait. */
        private Step leaseDecision() {
            Instant now = clock.instant();
            leaseSeen = LeaseSighting.observe(leaseSeen, seen, now);
            Instant firstSeen = leaseSeen.map(LeaseSighting::firstSeen).orElse(now);
            PullLock.LeaseStep next = lock.next(seen, firstSeen, self.nodeName(), now);
            if (next instanceof PullLock.LeaseStep.BreakStale br) {
                log.warn("breaking the stale pull lease: " + br.reason());
                stale = br.stale();
                taking = br.lease();
                phase = Phase.BREAK;
                return new Step.Next();
            }
            if (next instanceof PullLock.LeaseStep.Take take) {
                taking = take.lease();
                phase = Phase.TAKE;
                return new Step.Next();
            }
            log.info(((PullLock.LeaseStep.Wait) next).reason());
            return retryOrGiveUp();
        }

        private Step retryOrGiveUp() {
            if (attempt == PullLock.MAX_TRIES) {
                log.info("no pull lease after " + PullLock.MAX_TRIES
                        + " tries; pending events wait for the next pass");
                return done(new PassResult.LeaseBusy(seen));
            }
            attempt++;
            phase = Phase.LEASE_READ;
            return new Step.Wait(PullLock.RETRY_WAIT);
        }

        private Step leaseRead() {
            CibResult<ClusterSnapshot> reread = cluster.snapshot(parameters.strategy());
            if (reread instanceof CibResult.Failed<ClusterSnapshot> f) {
                return done(new PassResult.ClusterUnavailable(f.describe()));
            }
            seen = ((CibResult.Ok<ClusterSnapshot>) reread).value().lease();
            return leaseDecision();
        }

        private Step breakStale() {
            if (cluster.deleteLease(parameters.strategy(), stale)
                    instanceof CibResult.Failed<Boolean> f) {
                return done(new PassResult.ClusterUnavailable(f.describe()));
            }
            phase = Phase.TAKE;
            return new Step.Next();
        }

        private Step take() {
            CibResult<Boolean> taken = cluster.acquireLease(parameters.strategy(), taking);
            if (taken instanceof CibResult.Failed<Boolean> f) {
                return done(new PassResult.ClusterUnavailable(f.describe()));
            }
            if (((CibResult.Ok<Boolean>) taken).value()) {
                mine = taking;
                phase = Phase.REREAD;
                return new Step.Next();
            }
            log.debug("another node took the pull lease first");
            return retryOrGiveUp();
        }

        /**
         * Re-read under the lease, so the write rests on what is true now. If another node
         * wrote the agent's records since the first read, fetch the document again before
         * deciding: the first GET may be older than what that node wrote, and deciding on it a
         * peer read a node's newly recorded event as "no longer listed" and let the node out of
         * its drain (found by the simulation: {@code bin/azevents simulate --seed 123 --strategy
         * standby} before this). Otherwise the first document stands: no second GET (IMDS
         * allows 5 requests a second).
         */
        private Step reread() {
            CibResult<ClusterSnapshot> reread = cluster.snapshot(parameters.strategy());
            if (reread instanceof CibResult.Failed<ClusterSnapshot> f) {
                return release(new PassResult.ClusterUnavailable(f.describe()));
            }
            ClusterSnapshot now = ((CibResult.Ok<ClusterSnapshot>) reread).value();
            boolean written = !records(now).equals(records(snapshot));
            snapshot = now;
            if (written) {
                phase = Phase.REFETCH;
                return new Step.Next();
            }
            return decideUnderLease();
        }

        private Step refetch() {
            ImdsResult<EventsDocument> fetched = imds.events();
            if (fetched instanceof ImdsResult.Failed<EventsDocument> f) {
                return release(new PassResult.ImdsUnavailable(f.failure()));
            }
            document = ((ImdsResult.Ok<EventsDocument>) fetched).value();
            fetchedAt = clock.instant();
            refetched = true;
            return decideUnderLease();
        }

        /**
         * Decides under the lease. A plan that lifts a drain on a document fetched before the
         * lease fetches again first: the event that keeps the node out may have started, or been
         * listed, since that GET (a Scheduled Reboot reached its NotBefore between a peer's GET
         * and its write: {@code bin/azevents simulate --seed 1071904 --strategy standby} before
         * this). So does a plan written while an absence is being counted (EventAbsences): the
         * count then runs to a read made under the lease, as the write does. Both are rare, so
         * the second GET costs little.
         */
        private Step decideUnderLease() {
            plan = decide();
            if (!refetched && (liftsDrain(plan) || absences.counting())) {
                phase = Phase.REFETCH;
                return new Step.Next();
            }
            if (plan.isIdle()) {
                log.debug("idle under the lease: another node already did it");
                return release(new PassResult.Idle(plan.notes()));
            }
            phase = Phase.APPLY;
            return new Step.Next();
        }

        private Step apply() {
            if (mine.expiredAt(clock.instant())) {
                // The pass stalled past its lease: another node may have broken it and be
                // writing. Checked in the step that writes, so no time passes in between.
                log.warn("pull lease expired at " + mine.expiry() + " before the write; nothing"
                        + " written, the next pass starts over");
                return release(new PassResult.LeaseBusy(Optional.of(mine)));
            }
            List<Action> writes = writes(plan);
            if (!writes.isEmpty()) {
                CibResult<Boolean> written = cluster.applyHolding(parameters.strategy(), writes,
                        mine);
                if (written instanceof CibResult.Failed<Boolean> f) {
                    log.error("nothing written, will retry next pass: " + f.describe());
                    return release(new PassResult.ClusterUnavailable(f.describe()));
                }
                if (!((CibResult.Ok<Boolean>) written).value()) {
                    log.warn("pull lease (expiring " + mine.expiry() + ") no longer ours at the"
                            + " write: another node broke it; nothing written, the next pass"
                            + " starts over");
                    return release(new PassResult.LeaseBusy(Optional.of(mine)));
                }
            }
            plan.actions().forEach(a -> log.info(describe(a)));
            if (approvals(plan).isEmpty()) {
                return release(new PassResult.Applied(plan, Optional.empty()));
            }
            phase = Phase.APPROVE;
            return new Step.Next();
        }

        private Step approve() {
            List<String> approvals = approvals(plan);
            if (mine.expiredAt(clock.instant())) {
                // PullLock's protocol: the drain the approval rests on was read under a lease
                // that is gone; the next pass reads again and approves again.
                log.warn("approval of " + approvals + " not sent: the pull lease expired at "
                        + mine.expiry() + "; the next pass approves");
                return release(new PassResult.Applied(plan, Optional.empty()));
            }
            if (imds.approve(approvals) instanceof ImdsResult.Failed<Void> f) {
                log.error("approval of " + approvals + " failed: " + f.failure().describe());
                return release(new PassResult.Applied(plan, Optional.of(f.failure())));
            }
            return release(new PassResult.Applied(plan, Optional.empty()));
        }

        /** The pass ends with {@code result} once its lease is released (the next step). */
        private Step release(PassResult result) {
            outcome = result;
            phase = Phase.RELEASE;
            return new Step.Next();
        }

        private Step release() {
            if (cluster.deleteLease(parameters.strategy(), mine)
                    instanceof CibResult.Failed<Boolean> f) {
                log.warn("could not release the pull lease (" + f.describe()
                        + "); it expires at " + mine.expiry());
            }
            mine = null;
            return done(outcome);
        }

        /** Best effort, after an exception: release the lease if this pass holds one. */
        void releaseAfterCrash() {
            if (mine != null) {
                try {
                    cluster.deleteLease(parameters.strategy(), mine);
                } catch (RuntimeException again) {
                    log.warn("could not release the pull lease after the error: " + again);
                }
                mine = null;
            }
            phase = Phase.DONE;
        }

        /**
         * Decides on this pass's snapshot and document, after noting which recorded events the
         * document misses, as of its GET: a drain ends only on two reads a confirmation apart
         * (EventAbsences), measured between the reads, not to the decision under the lease.
         */
        private Plan decide() {
            absences = absences.observe(snapshot, document, self, parameters.policy(),
                    fetchedAt);
            return decider.decide(snapshot, document, self, parameters.policy(),
                    clock.instant(), absences);
        }

        private Step done(PassResult result) {
            phase = Phase.DONE;
            return new Step.Done(result);
        }
    }

    /** Only re-approvals: nothing for the CIB, so nothing needs the lease. */
    static boolean reapprovalsOnly(Plan plan) {
        return plan.actions().stream().allMatch(a -> a instanceof Action.ApproveEvents approve
                && approve.again());
    }

    /**
     * Re-approvals: no lease, no CIB write (the approval was recorded when first sent), from
     * one node and at most every {@link #REAPPROVAL_PERIOD}.
     */
    private PassResult reapprove(NodeIdentity self, ClusterSnapshot snapshot,
            EventsDocument document, Plan plan) {
        List<String> ids = approvals(plan);
        String sender = reapprover(self, snapshot);
        if (!sender.equals(self.nodeName())) {
            log.debug("re-approval of " + ids + " left to " + sender);
            return new PassResult.Idle(plan.notes());
        }
        Instant now = clock.instant();
        if (lastReapproval.isPresent() && !lastReapproval.get().isAfter(now)
                && now.isBefore(lastReapproval.get().plus(REAPPROVAL_PERIOD))) {
            log.debug("re-approval of " + ids + " sent at " + lastReapproval.get()
                    + "; again from " + lastReapproval.get().plus(REAPPROVAL_PERIOD));
            return new PassResult.Idle(plan.notes());
        }
        Optional<String> changed = stillReapproved(self, document, ids);
        if (changed.isPresent()) {
            log.info("re-approval of " + ids + " not sent: " + changed.get());
            return new PassResult.Idle(plan.notes());
        }
        lastReapproval = Optional.of(now);
        plan.actions().forEach(a -> log.info(describe(a) + " (no lease, no CIB write; at most"
                + " every " + REAPPROVAL_PERIOD.toSeconds() + " s)"));
        if (imds.approve(ids) instanceof ImdsResult.Failed<Void> f) {
            log.error("re-approval of " + ids + " failed: " + f.failure().describe());
            return new PassResult.Applied(plan, Optional.of(f.failure()));
        }
        return new PassResult.Applied(plan, Optional.empty());
    }

    /**
     * A re-approval rests on the same conditions as the first approval, judged now, not on the
     * pass's first read: the administrator may have taken the node back (it runs resources
     * again) or this node's partition may have lost quorum since. Reads the cluster again and
     * decides again on the same document; empty when the plan still re-approves these ids.
     */
    private Optional<String> stillReapproved(NodeIdentity self, EventsDocument document,
            List<String> ids) {
        CibResult<ClusterSnapshot> read = cluster.snapshot(parameters.strategy());
        if (read instanceof CibResult.Failed<ClusterSnapshot> f) {
            return Optional.of("the cluster could not be read again: " + f.describe());
        }
        Plan now = decider.decide(((CibResult.Ok<ClusterSnapshot>) read).value(), document,
                self, parameters.policy(), clock.instant(), absences);
        if (now.actions().isEmpty() || !reapprovalsOnly(now)
                || !approvals(now).containsAll(ids)) {
            return Optional.of("the cluster changed since this pass read it ("
                    + String.join("; ", now.notes()) + "); the next pass decides again");
        }
        return Optional.empty();
    }

    /**
     * The one node that re-approves, a choice every node makes alike: with the health strategy
     * the node itself (it approves its own events); with standby the lowest-named online node
     * running our clone (every VM of an availability set sees every event), else this one.
     */
    private String reapprover(NodeIdentity self, ClusterSnapshot snapshot) {
        if (parameters.strategy() == Strategy.HEALTH) {
            return self.nodeName();
        }
        return snapshot.nodes().stream()
                .filter(n -> n.online() && n.runsAgent() && !n.shuttingDown())
                .map(n -> n.name()).sorted().findFirst().orElse(self.nodeName());
    }

    /** What the agents wrote, as a pass reads it: every node's record and the VM mapping. */
    private static List<Object> records(ClusterSnapshot snapshot) {
        List<Object> out = new java.util.ArrayList<>();
        snapshot.nodes().forEach(n -> out.add(n.record()));
        out.add(snapshot.hostNames());
        return out;
    }

    /** Whether the plan lifts a drain: standby off, or {@code #health-azure} back to 0. */
    static boolean liftsDrain(Plan plan) {
        return plan.actions().stream().anyMatch(a -> a instanceof Action.SetStandby s && !s.on()
                || a instanceof Action.SetHealth h && h.value() >= 0);
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
