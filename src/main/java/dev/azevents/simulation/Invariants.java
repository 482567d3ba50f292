package dev.azevents.simulation;

import dev.azevents.engine.Action;
import dev.azevents.engine.NodeState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * DESIGN.md section 4 as an oracle standing outside the engine: it sees only the simulated
 * cluster and Azure, never the engine's reasoning. Records the first violation of each kind.
 */
public final class Invariants {

    /** The kinds of violation, in DESIGN.md's words. */
    public enum Kind {
        APPROVED_WHILE_RUNNING("approved an event while an affected node still runs or changes "
                + "a resource"),
        LAST_NODE_DRAINED("drained a node leaving no other AVAILABLE node (whole cluster drain)"),
        TWO_LOCK_HOLDERS("two pull-lock holders at once"),
        UNDID_ADMIN_STANDBY("undid a standby an administrator set"),
        NOT_IDEMPOTENT("a second pass on the same input would change the CIB again"),
        NO_CONVERGENCE("a node not back AVAILABLE and online within two passes after its events "
                + "ended"),
        NOT_QUIET("a pass after convergence still wants to write");

        private final String text;

        Kind(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    private final SimCluster cluster;
    private final Map<String, String> nodeByVm;
    private final Map<Kind, String> violations = new TreeMap<>();
    private long step;

    public Invariants(SimCluster cluster, Map<String, String> nodeByVm) {
        this.cluster = cluster;
        this.nodeByVm = new TreeMap<>(nodeByVm);
    }

    void atStep(long value) {
        step = value;
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

    /** Before a CIB update lands: ownership. */
    void beforeApply(String by, List<Action> actions) {
        for (Action a : actions) {
            if (a instanceof Action.SetStandby s && !s.on()
                    && cluster.node(s.node()).adminStandby) {
                violated(Kind.UNDID_ADMIN_STANDBY, by + " took " + s.node() + " out of the "
                        + "administrator's standby");
            }
        }
    }

    /** After a CIB update: a drain must leave another node AVAILABLE and not drained. */
    void afterApply(String by, List<Action> actions) {
        for (Action a : actions) {
            String drained = a instanceof Action.SetStandby s && s.on() ? s.node()
                    : a instanceof Action.SetHealth h && h.value() < 0 ? h.node() : null;
            if (drained != null && !otherAvailable(drained)) {
                violated(Kind.LAST_NODE_DRAINED, by + " drained " + drained + "; states "
                        + states());
            }
        }
    }

    private boolean otherAvailable(String drained) {
        for (String name : cluster.nodeNames()) {
            SimCluster.SimNode n = cluster.node(name);
            boolean agentDrained = n.drainedByAgent
                    && (n.standby || n.health.isPresent() && n.health.getAsInt() < 0);
            if (!name.equals(drained) && n.state == NodeState.AVAILABLE && !agentDrained) {
                return true;
            }
        }
        return false;
    }

    /** Azure is asked to start a Scheduled event: every affected cluster node must be drained. */
    void approved(String vm, String eventId, List<String> vms) {
        for (String affected : vms) {
            String node = nodeByVm.get(affected);
            if (node == null) {
                continue;
            }
            boolean busy = cluster.resources().stream().anyMatch(r -> node.equals(r.node));
            if (busy) {
                violated(Kind.APPROVED_WHILE_RUNNING, vm + " approved " + eventId + " while "
                        + node + " still hosts resources");
            }
        }
    }

    /** At most one pass believes it holds the pull lock. */
    void lockHolders(List<String> holders) {
        if (holders.size() > 1) {
            violated(Kind.TWO_LOCK_HOLDERS, String.join(" and ", holders));
        }
    }

    /** Every node's agent state, for messages. */
    String states() {
        List<String> parts = new ArrayList<>();
        for (String name : cluster.nodeNames()) {
            SimCluster.SimNode n = cluster.node(name);
            parts.add(name + "=" + n.state + (n.standby ? "/standby" : "")
                    + (n.health.isPresent() ? "/health" + n.health.getAsInt() : "")
                    + (n.online ? "" : "/offline"));
        }
        return String.join(" ", parts);
    }
}
