package dev.azevents.simulation;

import dev.azevents.cluster.CibResult;
import dev.azevents.cluster.Cluster;
import dev.azevents.cluster.ForwardingCluster;
import dev.azevents.engine.Action;
import dev.azevents.engine.ClusterNode;
import dev.azevents.engine.ClusterSnapshot;
import dev.azevents.engine.Decider;
import dev.azevents.engine.EventAbsences;
import dev.azevents.engine.NodeIdentity;
import dev.azevents.engine.NodeRecord;
import dev.azevents.engine.NodeState;
import dev.azevents.engine.Plan;
import dev.azevents.engine.Policy;
import dev.azevents.engine.PullLease;
import dev.azevents.engine.Strategy;
import dev.azevents.imds.EventsDocument;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Deliberately broken engines, adapters and clocks: proof that the oracle can fail. Each names
 * the verdict it must produce, the strategy it is run with and the fault kinds its defect needs
 * to show. {@code bin/azevents simulate --mutants} and {@code MutantTest} run every one.
 */
public enum Mutant {
    LIFTS_ANY_STANDBY("the engine takes every node in standby out of it", Strategy.STANDBY,
            Invariants.Kind.UNDID_ADMIN, Set.of(Fault.ADMIN_STANDBY)),
    RESETS_ANY_HEALTH("the engine resets every node's negative #health-azure", Strategy.HEALTH,
            Invariants.Kind.UNDID_ADMIN, Set.of(Fault.ADMIN_HEALTH)),
    DRAINS_WITHOUT_PEER("the engine drains where it would hold (ON_HOLD becomes STOPPING)",
            Strategy.STANDBY, Invariants.Kind.LAST_NODE_DRAINED, Set.of()),
    APPROVES_BEFORE_READ_BACK("the engine approves a node's events in the pass that drains it",
            Strategy.HEALTH, Invariants.Kind.APPROVED_WHILE_RUNNING, Set.of()),
    IGNORES_RECORDED_DRAIN("the engine reads no node as drained by the agent",
            Strategy.STANDBY, Invariants.Kind.NO_CONVERGENCE, Set.of()),
    LETS_OUT_IN_EVENT("the engine lifts a node's drain as soon as it marks it IN_EVENT",
            Strategy.HEALTH, Invariants.Kind.LET_IN_DURING_EVENT, Set.of()),
    ENDS_DRAIN_ON_ONE_READ("the engine counts a recorded event as over on the first read"
            + " that misses it", Strategy.STANDBY, Invariants.Kind.LET_IN_DURING_EVENT,
            Set.of(Fault.DOCUMENT_EMPTY)),
    NEVER_LETS_OUT("the engine never lifts a drain", Strategy.HEALTH,
            Invariants.Kind.NO_CONVERGENCE, Set.of()),
    FLIPS_DOC_VERSION("the engine records a different document version on every pass",
            Strategy.STANDBY, Invariants.Kind.NOT_IDEMPOTENT, Set.of()),
    WRITES_EVERY_PASS("the engine records the node's identity again on every pass",
            Strategy.STANDBY, Invariants.Kind.NOT_QUIET, Set.of()),
    IGNORES_QUORUM("the engine is shown quorum where there is none", Strategy.HEALTH,
            Invariants.Kind.WROTE_WITHOUT_QUORUM, Set.of(Fault.QUORUM_LOSS)),
    THROWS_ON_FOREIGN_VM("the engine throws on an event for a VM outside the cluster",
            Strategy.STANDBY, Invariants.Kind.CRASH, Set.of()),
    LEASE_READ_THEN_WRITE("the adapter writes the lease without the atomic create",
            Strategy.STANDBY, Invariants.Kind.TWO_LOCK_HOLDERS, Set.of()),
    RELEASE_DELETES_ANY("the adapter's release deletes whatever lease is there, and its write "
            + "ignores the fence", Strategy.HEALTH, Invariants.Kind.WRITE_WITHOUT_LEASE, Set.of()),
    WRITES_AFTER_LEASE_EXPIRED("the pass's clock stops while it holds the lease",
            Strategy.HEALTH, Invariants.Kind.WRITE_WITHOUT_LEASE, Set.of(Fault.STALL_PAST_LEASE));

    private final String description;
    private final Strategy strategy;
    private final Invariants.Kind expected;
    private final Set<Fault> needs;

    Mutant(String description, Strategy strategy, Invariants.Kind expected, Set<Fault> needs) {
        this.description = description;
        this.strategy = strategy;
        this.expected = expected;
        this.needs = needs;
    }

    public String description() {
        return description;
    }

    public Strategy strategy() {
        return strategy;
    }

    public Invariants.Kind expected() {
        return expected;
    }

    /** Fault kinds forced into the swarm's candidates for this mutant. */
    public Set<Fault> needs() {
        return needs;
    }

    /** The engine as this mutant breaks it (the engine itself for adapter mutants). */
    public Decider decider(Decider engine) {
        Mutant mutant = this;
        return new Decider() {
            @Override
            public Plan decide(ClusterSnapshot snapshot, EventsDocument document,
                    NodeIdentity self, Policy policy, Instant now) {
                return decide(snapshot, document, self, policy, now, EventAbsences.ONE_READ);
            }

            @Override
            public Plan decide(ClusterSnapshot snapshot, EventsDocument document,
                    NodeIdentity self, Policy policy, Instant now, EventAbsences absences) {
                return mutant.decide(engine, snapshot, document, self, policy, now,
                        mutant == ENDS_DRAIN_ON_ONE_READ ? EventAbsences.ONE_READ : absences);
            }
        };
    }

    private Plan decide(Decider engine, ClusterSnapshot snapshot, EventsDocument document,
            NodeIdentity self, Policy policy, Instant now, EventAbsences absences) {
        ClusterSnapshot seen = switch (this) {
            case IGNORES_QUORUM -> new ClusterSnapshot(snapshot.nodes(), snapshot.lease(),
                    snapshot.hostNames(), snapshot.transitionInFlight(),
                    snapshot.maintenanceMode(), true);
            case IGNORES_RECORDED_DRAIN -> withoutDrains(snapshot);
            default -> snapshot;
        };
        if (this == THROWS_ON_FOREIGN_VM && document.events().stream().anyMatch(e ->
                e.resources().stream().anyMatch(vm -> !snapshot.hostNames().containsKey(vm)
                        && !vm.equals(self.azName())))) {
            throw new IllegalStateException("no node for a VM of the document");
        }
        return mutate(engine.decide(seen, document, self, policy, now, absences), snapshot,
                self.nodeName(), document.incarnation());
    }

    private static ClusterSnapshot withoutDrains(ClusterSnapshot s) {
        List<ClusterNode> nodes = new ArrayList<>();
        for (ClusterNode n : s.nodes()) {
            NodeRecord r = n.record();
            nodes.add(new ClusterNode(n.name(), n.online(), n.standby(), n.maintenance(),
                    n.unclean(), n.healthy(), n.runsResources(), n.changingResources(),
                    n.shuttingDown(), n.runsAgent(), new NodeRecord(r.state(), r.pendingEventIds(),
                            r.lastDocVersion(), r.azName(), false, r.healthAzure())));
        }
        return new ClusterSnapshot(nodes, s.lease(), s.hostNames(), s.transitionInFlight(),
                s.maintenanceMode(), s.quorate());
    }

    private Plan mutate(Plan plan, ClusterSnapshot snapshot, String self, long incarnation) {
        List<Action> out = new ArrayList<>();
        for (Action a : plan.actions()) {
            out.add(switch (this) {
                case DRAINS_WITHOUT_PEER -> a instanceof Action.SetNodeState s
                        && s.state() == NodeState.ON_HOLD ? new Action.SetNodeState(s.node(),
                        NodeState.STOPPING, s.eventIds(), "mutant") : a;
                default -> a;
            });
            if (this == DRAINS_WITHOUT_PEER && a instanceof Action.SetNodeState s
                    && s.state() == NodeState.ON_HOLD) {
                out.add(strategy == Strategy.STANDBY
                        ? new Action.SetStandby(s.node(), true, "mutant")
                        : new Action.SetHealth(s.node(), -1_000_000, "mutant"));
            }
            if (this == LETS_OUT_IN_EVENT && a instanceof Action.SetNodeState s
                    && s.state() == NodeState.IN_EVENT) {
                out.add(strategy == Strategy.STANDBY
                        ? new Action.SetStandby(s.node(), false, "mutant")
                        : new Action.SetHealth(s.node(), 0, "mutant"));
            }
            if (this == APPROVES_BEFORE_READ_BACK && a instanceof Action.SetHealth h
                    && h.value() < 0) {
                snapshot.node(h.node()).map(n -> n.record().pendingEventIds()).ifPresent(ids ->
                        out.add(new Action.ApproveEvents(ids, "mutant")));
            }
        }
        if (this == NEVER_LETS_OUT) {
            out.removeIf(a -> a instanceof Action.SetHealth h && h.value() >= 0
                    || a instanceof Action.SetStandby s && !s.on());
        }
        for (ClusterNode n : snapshot.nodes()) {
            if (this == LIFTS_ANY_STANDBY && n.standby()) {
                out.add(new Action.SetStandby(n.name(), false, "mutant"));
            }
            if (this == RESETS_ANY_HEALTH && !n.healthy()) {
                out.add(new Action.SetHealth(n.name(), 0, "mutant"));
            }
        }
        if (this == FLIPS_DOC_VERSION) {
            boolean same = snapshot.node(self).flatMap(n -> n.record().lastDocVersion())
                    .equals(java.util.Optional.of(Long.toString(incarnation)));
            out.add(new Action.RecordDocVersion(self, same ? incarnation + 1 : incarnation,
                    "mutant"));
        }
        if (this == WRITES_EVERY_PASS) {
            snapshot.node(self).flatMap(n -> n.record().azName()).ifPresent(az ->
                    out.add(new Action.RecordIdentity(self, az, "mutant")));
        }
        return out.equals(plan.actions()) ? plan : new Plan(out, plan.notes());
    }

    /** The cluster adapter of {@code node} as this mutant breaks it. */
    Cluster cluster(SimCluster sim, String node, Cluster view) {
        return switch (this) {
            case LEASE_READ_THEN_WRITE -> new ForwardingCluster(view) {
                @Override
                public CibResult<Boolean> acquireLease(Strategy s, PullLease lease) {
                    sim.overwriteLease(node, lease);
                    return new CibResult.Ok<>(true);
                }
            };
            case RELEASE_DELETES_ANY -> new ForwardingCluster(view) {
                @Override
                public CibResult<Boolean> deleteLease(Strategy s, PullLease lease) {
                    sim.deleteAnyLease(node);
                    return new CibResult.Ok<>(true);
                }

                @Override
                public CibResult<Boolean> applyHolding(Strategy s, List<Action> actions,
                        PullLease lease) {
                    sim.apply(node, actions);
                    return new CibResult.Ok<>(true);
                }
            };
            default -> view;
        };
    }

    /** The clock of {@code node}'s agent as this mutant breaks it. */
    Clock clock(SimCluster sim, String node, Clock clock) {
        if (this != WRITES_AFTER_LEASE_EXPIRED) {
            return clock;
        }
        return new Clock() {
            @Override
            public Instant instant() {
                // While this node holds the lease, time seems to stand just before its expiry.
                return sim.lease().filter(l -> l.holder().equals(node))
                        .map(l -> l.expiry().minusMillis(1)).orElse(clock.instant());
            }

            @Override
            public ZoneId getZone() {
                return clock.getZone();
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException("UTC only");
            }
        };
    }
}
