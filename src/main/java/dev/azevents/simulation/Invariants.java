package dev.azevents.simulation;

import dev.azevents.engine.Action;
import dev.azevents.engine.PullLease;
import dev.azevents.engine.Strategy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * DESIGN.md section 4 as an oracle standing outside the code it checks: it reads only the
 * simulated cluster's own state (ground truth) and the history of its changes on true time,
 * never what the agent recorded about itself or believes. Records the first violation of each
 * kind.
 */
public final class Invariants implements History {

    /** The kinds of verdict, in DESIGN.md's words. */
    public enum Kind {
        APPROVED_WHILE_RUNNING("approved an event while an affected node still runs or changes "
                + "a resource"),
        LAST_NODE_DRAINED("drained a node leaving no other available node (online, not in "
                + "standby, healthy, not shutting down; for standby, another node running our "
                + "clone)"),
        TWO_LOCK_HOLDERS("a lease was created while another one was still valid on true time"),
        WRITE_WITHOUT_LEASE("a plan was written by a node that held no unexpired lease at that "
                + "instant"),
        UNDID_ADMIN("changed a standby or health value an administrator set"),
        LET_IN_DURING_EVENT("lifted the drain of a node while Azure still lists a restarting "
                + "event for its VM"),
        WROTE_WITHOUT_QUORUM("wrote to the CIB or approved from a partition without quorum"),
        NOT_IDEMPOTENT("a second pass on the same input changed the CIB again"),
        NO_CONVERGENCE("a node not back AVAILABLE and online within two passes after its events "
                + "ended"),
        NOT_QUIET("a pass after convergence still wants to write"),
        CRASH("an exception escaped the run");

        private final String text;

        Kind(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** One lease as the CIB held it, on true time. */
    private record LeaseRecord(String holder, PullLease value, Instant created,
            Optional<Instant> deleted) {
    }

    private final SimCluster cluster;
    private final Map<String, String> nodeByVm;
    private final Supplier<Instant> trueTime;
    private final Duration leaseLength;
    private final boolean leaseProtocol;
    private final Map<Kind, String> violations = new TreeMap<>();
    private final List<LeaseRecord> leases = new ArrayList<>();
    private long step;
    /** Ground truth from Azure: the restarting events listed now for a node's VM. */
    private java.util.function.Function<String, List<String>> listedFor = node -> List.of();

    /**
     * @param leaseProtocol the passes take the lease (ours); false for the originals' model,
     *                      whose lock is not a lease (no lease checks then)
     */
    public Invariants(SimCluster cluster, Map<String, String> nodeByVm, Supplier<Instant> trueTime,
            Duration leaseLength, boolean leaseProtocol) {
        this.cluster = cluster;
        this.nodeByVm = new TreeMap<>(nodeByVm);
        this.trueTime = trueTime;
        this.leaseLength = leaseLength;
        this.leaseProtocol = leaseProtocol;
        cluster.history(this);
    }

    void atStep(long value) {
        step = value;
    }

    void listedFor(java.util.function.Function<String, List<String>> value) {
        listedFor = value;
    }

    /** Ground truth from the simulated IMDS: a node's last answered GET. */
    private java.util.function.Function<String, Optional<SimAzure.Read>> lastRead =
            node -> Optional.empty();
    /** Ground truth from the simulated IMDS: whether (node, event id) was ever served. */
    private java.util.function.BiPredicate<String, String> servedTo = (node, id) -> true;

    void lastRead(java.util.function.Function<String, Optional<SimAzure.Read>> value,
            java.util.function.BiPredicate<String, String> served) {
        lastRead = value;
        servedTo = served;
    }

    void mapVm(String vm, String node) {
        nodeByVm.put(vm, node);
    }

    void violated(Kind kind, String detail) {
        violations.putIfAbsent(kind, "step " + step + ": " + kind.text() + ": " + detail);
    }

    public Map<Kind, String> violations() {
        return Map.copyOf(violations);
    }

    public boolean held() {
        return violations.isEmpty();
    }

    /** A lease lives from its creation for its length on true time, or until deleted. */
    private boolean valid(LeaseRecord r, Instant t) {
        return r.deleted().isEmpty() && t.isBefore(r.created().plus(leaseLength));
    }

    @Override
    public void leaseCreated(String by, PullLease lease) {
        Instant t = trueTime.get();
        if (leaseProtocol) {
            for (LeaseRecord r : leases) {
                if (valid(r, t)) {
                    violated(Kind.TWO_LOCK_HOLDERS, by + " took the lease while " + r.holder()
                            + "'s, taken at " + r.created() + ", was valid until "
                            + r.created().plus(leaseLength) + " (true time " + t + ")");
                }
            }
        }
        leases.add(new LeaseRecord(by, lease, t, Optional.empty()));
    }

    @Override
    public void leaseDeleted(String by, PullLease lease) {
        for (int i = 0; i < leases.size(); i++) {
            LeaseRecord r = leases.get(i);
            if (r.value().equals(lease) && r.deleted().isEmpty()) {
                leases.set(i, new LeaseRecord(r.holder(), r.value(), r.created(),
                        Optional.of(trueTime.get())));
            }
        }
        // Old records can no longer matter once expired: keep the list short.
        Instant horizon = trueTime.get().minus(leaseLength);
        leases.removeIf(r -> r.deleted().isPresent() && r.created().isBefore(horizon));
    }

    @Override
    public boolean wantsBefore() {
        return true;
    }

    @Override
    public void wrote(String by, List<Action> actions, SimCluster before, SimCluster after) {
        Instant t = trueTime.get();
        if (leaseProtocol && leases.stream().noneMatch(r -> r.holder().equals(by)
                && valid(r, t))) {
            violated(Kind.WRITE_WITHOUT_LEASE, by + " wrote " + actions + " at true time " + t
                    + " holding no valid lease");
        }
        if (!before.quorate(by)) {
            violated(Kind.WROTE_WITHOUT_QUORUM, by + " wrote " + actions + " without quorum");
        }
        for (String name : before.nodeNames()) {
            if (after.member(name)) {
                ownership(by, before.node(name), after.node(name));
                drained(by, name, before.node(name), after);
                letIn(by, before.node(name), after.node(name));
            }
        }
    }

    /** Ownership as a state diff: an administrator's standby or health value never changes. */
    private void ownership(String by, SimCluster.SimNode was, SimCluster.SimNode is) {
        if (was.adminStandby && was.standby != is.standby) {
            violated(Kind.UNDID_ADMIN, by + " took " + was.name + " out of the administrator's"
                    + " standby");
        }
        if (was.adminHealth && !was.health.equals(is.health)) {
            violated(Kind.UNDID_ADMIN, by + " changed #health-azure on " + was.name + " from "
                    + show(was.health) + ", set by the administrator, to " + show(is.health));
        }
        if (was.adminOnlineFor.isPresent() && drained(is) && !drained(was)) {
            violated(Kind.UNDID_ADMIN, by + " drained " + was.name + " again after the "
                    + "administrator brought it online during " + was.adminOnlineFor.get());
        }
    }

    /**
     * A drain lifted while its VM is about to restart (or restarting) puts services at risk.
     * Judged on Azure's ground truth at the instant of the write, not on what the writer read:
     * that is fair because a pass that lifts a drain fetches the document again under its lease
     * (MonitorPass.decideUnderLease), and from its re-read to its write the world holds still
     * here (milliseconds in production). An event listed after that GET is then listed after
     * the write too. The message names the writer's last GET (the simulated IMDS's own record,
     * never the agent's account) to tell a stale decision from a blind one: every residual
     * case of issue 10 (seed 1071904, QUEUED_FOR_DRAINED, FOLLOW_UP_NEW_ID) was a decision on
     * a GET older than the write.
     */
    private void letIn(String by, SimCluster.SimNode was, SimCluster.SimNode is) {
        if (!drained(was) || drained(is)) {
            return;
        }
        List<String> listed = listedFor.apply(was.name).stream()
                .filter(id -> !hiddenFromWriter(by, was, id)).toList();
        if (!listed.isEmpty()) {
            violated(Kind.LET_IN_DURING_EVENT, by + " let " + was.name + " back in while Azure"
                    + " lists " + listed + " for its VM; " + by + "'s last GET: "
                    + lastRead.apply(by).map(r -> "at " + r.at() + " listing " + r.listed()
                            .stream().map(e -> e.eventId() + " " + e.status() + " "
                                    + e.notBefore().map(Instant::toString).orElse(""))
                            .toList()).orElse("none"));
        }
    }

    /**
     * The one excuse, from the simulated IMDS's own record, never the agent's account: the
     * writer's last read was a document blanked by DOCUMENT_EMPTY, and the event was never in
     * any document served to the writer nor recorded in the CIB for the node (Azure announced it
     * during the blank). No protocol that reads that document could know it; the next pass that
     * sees it drains again (seed 1025403, health). An event the writer was ever shown, or that
     * the CIB records, is never excused: the agent's two-read rule and its memory of free nodes
     * (engine.EventAbsences) must keep the node out through a blank, and the mutant
     * ENDS_DRAIN_ON_ONE_READ shows the oracle still catches a drain ended on one empty read.
     */
    private boolean hiddenFromWriter(String by, SimCluster.SimNode was, String id) {
        Optional<SimAzure.Read> read = lastRead.apply(by);
        return read.isPresent() && read.get().blank() && !servedTo.test(by, id)
                && !was.ids.contains(id) && !was.overridden.contains(id);
    }

    private static String show(OptionalInt v) {
        return v.isPresent() ? Integer.toString(v.getAsInt()) : "unset";
    }

    private static boolean drained(SimCluster.SimNode n) {
        return n.standby || n.health.isPresent() && n.health.getAsInt() < 0;
    }

    /** A node newly drained must leave another node available, on the cluster as it is now. */
    private void drained(String by, String name, SimCluster.SimNode was, SimCluster after) {
        if (drained(was) || !drained(after.node(name))) {
            return;
        }
        boolean other = false;
        boolean agentElsewhere = after.strategy() == Strategy.HEALTH;
        for (String peer : after.nodeNames()) {
            if (!peer.equals(name)) {
                other |= available(after, peer);
                agentElsewhere |= after.cloneRuns(peer);
            }
        }
        if (!other || !agentElsewhere) {
            violated(Kind.LAST_NODE_DRAINED, by + " drained " + name + (other ? " with no other "
                    + "node running our clone to let it out" : "") + "; nodes " + states());
        }
    }

    static boolean available(SimCluster c, String name) {
        SimCluster.SimNode n = c.node(name);
        return c.canHost(n);
    }

    /** Azure is asked to start a Scheduled event: every affected node hosts nothing now. */
    void approved(String vm, String eventId, List<String> vms) {
        String approver = nodeByVm.get(vm);
        if (approver != null && cluster.member(approver) && !cluster.quorate(approver)) {
            violated(Kind.WROTE_WITHOUT_QUORUM, approver + " approved " + eventId
                    + " without quorum");
        }
        for (String affected : vms) {
            String node = nodeByVm.get(affected);
            if (node == null || !cluster.member(node)) {
                continue;
            }
            boolean busy = cluster.node(node).transition
                    || cluster.resources().stream().anyMatch(r -> node.equals(r.node));
            if (busy) {
                violated(Kind.APPROVED_WHILE_RUNNING, vm + " approved " + eventId + " while "
                        + node + " still hosts or changes resources");
            }
        }
    }

    /** The originals' model only: at most one pass believes it holds the pull lock. */
    void lockHolders(List<String> holders) {
        if (holders.size() > 1) {
            violated(Kind.TWO_LOCK_HOLDERS, String.join(" and ", holders));
        }
    }

    /** Every node's state, for messages. */
    String states() {
        List<String> parts = new ArrayList<>();
        for (String name : cluster.nodeNames()) {
            SimCluster.SimNode n = cluster.node(name);
            parts.add(name + "=" + n.state + (n.standby ? "/standby" : "")
                    + (n.health.isPresent() ? "/health" + n.health.getAsInt() : "")
                    + (n.online ? "" : "/offline") + (n.shuttingDown ? "/shutting-down" : "")
                    + (cluster.cloneRuns(name) ? "" : "/no-clone"));
        }
        return String.join(" ", parts);
    }
}
