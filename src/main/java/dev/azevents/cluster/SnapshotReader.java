package dev.azevents.cluster;

import dev.azevents.engine.ClusterNode;
import dev.azevents.engine.ClusterSnapshot;
import dev.azevents.engine.NodeRecord;
import dev.azevents.engine.NodeState;
import dev.azevents.engine.PullLease;
import dev.azevents.engine.Strategy;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds a {@link ClusterSnapshot} from the two documents of a pass: the CIB
 * ({@code cibadmin --query}: configuration, node attributes, crm_config, raw operation history)
 * and Pacemaker's computed status ({@code crm_mon --output-as=xml}: node flags and health, what
 * is active where).
 *
 * <p>Per node:
 * <ul>
 * <li>{@code runsResources}: crm_mon lists a resource other than our clone as active (or failed
 *     and still there) on the node, orphans and unmanaged resources included;</li>
 * <li>{@code changingResources}: a non-recurring operation of a resource other than our clone is
 *     recorded pending on the node (CIB status, {@code op-status="-1"}; crm_mon's {@code pending}
 *     attribute), or the node itself is joining or shutting down.</li>
 * </ul>
 * Our clone is the {@code clone} whose primitive is {@code ocf:azevents:<agent>} or
 * {@code ocf:heartbeat:<agent>} (the Python original, so a drop-in swap is recognised), where
 * {@code <agent>} is the strategy's agent; the other agent's clone counts as any resource.
 *
 * <p>{@code transitionInFlight}, best effort: any pending non-recurring operation anywhere, or a
 * node joining or shutting down. Pending operations are only recorded with {@code record-pending}
 * (on by default since Pacemaker 2.1); without it an in-flight start is invisible until it
 * completes, after which the resource is active and {@code runsResources} holds the node.
 */
final class SnapshotReader {

    /** Pacemaker's {@code PCMK_EXEC_PENDING}: the operation has been started, not finished. */
    private static final String OP_STATUS_PENDING = "-1";
    private static final String HEALTH_RED = "red";
    private static final int SCORE_INFINITY = 1_000_000;
    /** Pacemaker exempts resources whose id starts with this from node health. */
    private static final String HEALTH_PREFIX = "health-";
    private static final Set<String> RESOURCE_TAGS = Set.of("primitive", "group", "clone",
            "master", "bundle");

    private final Strategy strategy;
    private final AttributeNames names;

    SnapshotReader(Strategy strategy) {
        this.strategy = strategy;
        this.names = AttributeNames.of(strategy);
    }

    ClusterSnapshot read(XmlElement cib, XmlElement status) {
        Map<String, XmlElement> configured = configuredNodes(cib);
        // Only node health spares them: a standby stops every resource, these included.
        Set<String> exempt = strategy == Strategy.HEALTH ? exemptResources(cib) : Set.of();
        Map<String, Boolean> pendingOps = pendingOperations(cib, exempt);
        ResourcePlacement placement = placement(status, exempt);
        List<ClusterNode> nodes = new ArrayList<>();
        boolean nodeChanging = false;
        for (XmlElement n : nodeElements(status)) {
            String name = n.attribute("name");
            boolean joiningOrLeaving = isTrue(n, "pending") || isTrue(n, "shutdown");
            nodeChanging |= joiningOrLeaving;
            boolean changing = joiningOrLeaving || pendingOps.getOrDefault(name, false)
                    || placement.changing().contains(name);
            nodes.add(new ClusterNode(name,
                    isTrue(n, "online"),
                    isTrue(n, "standby") || isTrue(n, "standby_onfail"),
                    isTrue(n, "maintenance"),
                    isTrue(n, "unclean"),
                    !HEALTH_RED.equals(n.attribute("health")),
                    placement.running().contains(name),
                    changing,
                    isTrue(n, "shutdown"),
                    placement.agents().contains(name),
                    record(configured.get(name))));
        }
        nodes.sort(Comparator.comparing(ClusterNode::name));
        Map<String, String> crmConfig = crmConfig(cib);
        return new ClusterSnapshot(nodes, lease(cib), hostNames(crmConfig),
                nodeChanging || !pendingOps.isEmpty() || !placement.changing().isEmpty(),
                maintenanceMode(status, crmConfig), quorate(status, cib));
    }

    /**
     * crm_mon's {@code summary/current_dc with_quorum} when a DC is known; otherwise the CIB's own
     * {@code have-quorum} flag (which the DC maintains): no DC is an election in progress on a
     * live cluster, and the normal case of a CIB file that was never run, such as the one the
     * class-data archive is trained on.
     */
    private static boolean quorate(XmlElement status, XmlElement cib) {
        Optional<XmlElement> dc = status.path("summary", "current_dc")
                .filter(e -> isTrue(e, "present") && e.has("with_quorum"));
        if (dc.isPresent()) {
            return isTrue(dc.get(), "with_quorum");
        }
        return isPacemakerTrue(cib.attribute("have-quorum"));
    }

    /**
     * The agent's own record: permanent node attributes, where it (and the Python agents) write.
     * A transient {@code #health-azure} (e.g. set with {@code attrd_updater}) is not the agent's
     * write; it reaches the snapshot only through Pacemaker's {@code health}, so the record stays
     * what the agent wrote and a pass that wrote it does not see a reason to write it again.
     */
    private NodeRecord record(XmlElement configuredNode) {
        if (configuredNode == null) {
            return NodeRecord.fresh();
        }
        Map<String, String> attrs = new TreeMap<>();
        for (XmlElement set : configuredNode.children("instance_attributes")) {
            for (XmlElement pair : set.children("nvpair")) {
                // The first set wins, as for any attribute Pacemaker reads from several sets.
                attrs.putIfAbsent(pair.attribute("name"), pair.attribute("value"));
            }
        }
        Optional<String> state = Optional.ofNullable(attrs.get(names.curNodeState()));
        Optional<String> az = Optional.ofNullable(attrs.get(AttributeNames.AZ_NAME))
                .filter(v -> !v.isEmpty());
        OptionalInt health = score(attrs.get(AttributeNames.HEALTH_AZURE));
        NodeState nodeState = state.flatMap(NodeState::parse).orElse(NodeState.AVAILABLE);
        Optional<String> owned = Optional.ofNullable(attrs.get(names.drainedByAgent()));
        return new NodeRecord(
                nodeState,
                eventIds(attrs.get(names.pendingEventIds())),
                Optional.ofNullable(attrs.get(names.lastDocVersion())).filter(v -> !v.isEmpty()),
                az,
                owned.map("true"::equals).orElseGet(() -> drainedByOriginal(nodeState, health,
                        isPacemakerTrue(attrs.getOrDefault(AttributeNames.STANDBY, "off")))),
                health,
                eventIds(attrs.get(names.overriddenEventIds())));
    }

    /**
     * Ownership of a drain when {@code <prefix>_drainedByAgent} was never written, i.e. the
     * Python original ran here (a drop-in swap must finish what it started, with no cleanup):
     * <ul>
     * <li>standby: the original drains only after writing {@code STOPPING} and stays so through
     *     {@code IN_EVENT}, so a standby on a node in those states was put there by it; a standby
     *     on a node in any other state is an administrator's (a {@code STOPPING} node not yet in
     *     standby is not drained: the original drains it in a later pass, and so does ours);</li>
     * <li>health: {@code #health-azure} is the agent's own attribute, and
     *     {@code azure-events-az} leaves {@code -1000000} behind after some failures, so that
     *     value is the agent's to reset.</li>
     * </ul>
     */
    private boolean drainedByOriginal(NodeState state, OptionalInt health, boolean standby) {
        return switch (strategy) {
            case STANDBY -> standby
                    && (state == NodeState.STOPPING || state == NodeState.IN_EVENT);
            case HEALTH -> health.isPresent() && health.getAsInt() <= CibUpdate.HEALTH_DRAINED;
        };
    }

    /** A comma list as the Python agents write it; empty or absent means none. */
    static List<String> eventIds(String value) {
        if (value == null || value.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).filter(id -> !id.isEmpty()).toList();
    }

    /** An integer score as Pacemaker reads it: {@code INFINITY}/{@code -INFINITY} are ±1000000. */
    static OptionalInt score(String value) {
        if (value == null) {
            return OptionalInt.empty();
        }
        String v = value.strip();
        switch (v) {
            case "INFINITY", "+INFINITY" -> {
                return OptionalInt.of(SCORE_INFINITY);
            }
            case "-INFINITY" -> {
                return OptionalInt.of(-SCORE_INFINITY);
            }
            default -> {
                try {
                    long n = Long.parseLong(v);
                    return OptionalInt.of((int) Math.max(-SCORE_INFINITY,
                            Math.min(SCORE_INFINITY, n)));
                } catch (NumberFormatException e) {
                    return OptionalInt.empty();
                }
            }
        }
    }

    private static Map<String, XmlElement> configuredNodes(XmlElement cib) {
        Map<String, XmlElement> byName = new TreeMap<>();
        cib.path("configuration", "nodes").ifPresent(nodes -> {
            for (XmlElement node : nodes.children("node")) {
                byName.put(node.attribute("uname"), node);
            }
        });
        return byName;
    }

    private static List<XmlElement> nodeStates(XmlElement cib) {
        return cib.path("status").map(s -> s.children("node_state"))
                .orElse(List.of());
    }

    private static List<XmlElement> nodeElements(XmlElement status) {
        return status.path("nodes").map(n -> n.children("node"))
                .orElse(List.of());
    }

    /**
     * Resources exempt from node health, as Pacemaker defines them: an id starting with
     * {@code health-}, or {@code allow-unhealthy-nodes=true} on the resource or on a group, clone
     * or bundle around it (Pacemaker's own health agents are configured so). They keep running
     * on a node drained by health by design, so they are not part of the drain and never hold an
     * approval (health strategy only: standby stops them like any other resource).
     */
    static Set<String> exemptResources(XmlElement cib) {
        Set<String> exempt = new TreeSet<>();
        cib.path("configuration", "resources")
                .ifPresent(r -> collectExempt(r, false, exempt));
        return exempt;
    }

    private static void collectExempt(XmlElement parent, boolean inherited, Set<String> exempt) {
        for (XmlElement e : parent.children()) {
            if (!RESOURCE_TAGS.contains(e.name())) {
                continue;
            }
            String id = e.attribute("id");
            boolean own = id.startsWith(HEALTH_PREFIX) || allowsUnhealthyNodes(e);
            if (inherited || own) {
                exempt.add(id);
            }
            collectExempt(e, inherited || own, exempt);
        }
    }

    private static boolean allowsUnhealthyNodes(XmlElement resource) {
        for (XmlElement meta : resource.children("meta_attributes")) {
            for (XmlElement pair : meta.children("nvpair")) {
                if (pair.attribute("name").equals("allow-unhealthy-nodes")
                        && isPacemakerTrue(pair.attribute("value"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A resource id as crm_mon and the status section write it, without a clone suffix. */
    static String baseId(String id) {
        int colon = id.indexOf(':');
        return colon < 0 ? id : id.substring(0, colon);
    }

    /** Node name → true when a non-recurring operation of another resource is pending there. */
    private Map<String, Boolean> pendingOperations(XmlElement cib, Set<String> exempt) {
        Map<String, Boolean> pending = new TreeMap<>();
        for (XmlElement state : nodeStates(cib)) {
            for (XmlElement lrm : state.children("lrm")) {
                for (XmlElement rscs : lrm.children("lrm_resources")) {
                    for (XmlElement rsc : rscs.children("lrm_resource")) {
                        if (isOurAgent(rsc.attribute("class"), rsc.attribute("provider"),
                                rsc.attribute("type"))
                                || exempt.contains(baseId(rsc.attribute("id")))) {
                            continue;
                        }
                        for (XmlElement op : rsc.children("lrm_rsc_op")) {
                            if (OP_STATUS_PENDING.equals(op.attribute("op-status"))
                                    && isOneShot(op)) {
                                pending.put(state.attribute("uname"), true);
                            }
                        }
                    }
                }
            }
        }
        return pending;
    }

    /** Recurring monitors of a running resource are always "in progress"; not a change. */
    private static boolean isOneShot(XmlElement op) {
        String interval = op.attribute("interval");
        return interval.isEmpty() || interval.equals("0");
    }

    private ResourcePlacement placement(XmlElement status, Set<String> exempt) {
        ResourcePlacement placement = new ResourcePlacement(exempt);
        status.path("resources").ifPresent(r -> placement.walk(r, false, this));
        return placement;
    }

    boolean isOurs(XmlElement resource, boolean insideClone) {
        String[] agent = resource.attribute("resource_agent").split(":", -1);
        return insideClone && agent.length == 3 && isOurAgent(agent[0], agent[1], agent[2]);
    }

    private boolean isOurAgent(String cls, String provider, String type) {
        return cls.equals("ocf") && (provider.equals("azevents") || provider.equals("heartbeat"))
                && type.equals(strategy.attributePrefix());
    }

    /** The lease recorded in a CIB (or in a fragment rooted the same way), if one is held. */
    Optional<PullLease> leaseOf(XmlElement cib) {
        return lease(cib);
    }

    private Optional<PullLease> lease(XmlElement cib) {
        Optional<XmlElement> set = cib.path("configuration", "crm_config").flatMap(c ->
                c.children("cluster_property_set").stream()
                        .filter(s -> s.attribute("id").equals(names.leaseSetId()))
                        .findFirst());
        if (set.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> pairs = new TreeMap<>();
        for (XmlElement pair : set.get().children("nvpair")) {
            pairs.put(pair.attribute("id"), pair.attribute("value"));
        }
        String holder = pairs.getOrDefault(names.leaseHolderId(), "");
        if (holder.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PullLease(holder,
                leaseExpiry(pairs.getOrDefault(names.leaseExpiryId(), ""))));
    }

    /**
     * The expiry as written ({@link Instant#toString()}). Anything else reads as long expired
     * ({@link Instant#EPOCH}), so a damaged lease is broken instead of wedging every pass; its
     * compare-and-delete then matches on the holder alone (see {@link LeaseCommands}).
     */
    static Instant leaseExpiry(String text) {
        try {
            Instant parsed = Instant.parse(text);
            return parsed.toString().equals(text) && !parsed.equals(Instant.EPOCH) ? parsed
                    : Instant.EPOCH;
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    /** Every crm_config pair by name; the first occurrence wins (document order). */
    private static Map<String, String> crmConfig(XmlElement cib) {
        Map<String, String> pairs = new TreeMap<>();
        cib.path("configuration", "crm_config").ifPresent(c -> {
            for (XmlElement set : c.children("cluster_property_set")) {
                for (XmlElement pair : set.children("nvpair")) {
                    pairs.putIfAbsent(pair.attribute("name"), pair.attribute("value"));
                }
            }
        });
        return pairs;
    }

    private static Map<String, String> hostNames(Map<String, String> crmConfig) {
        Map<String, String> hosts = new TreeMap<>();
        crmConfig.forEach((name, value) -> {
            if (name.startsWith(AttributeNames.HOST_NAME_PREFIX)
                    && name.length() > AttributeNames.HOST_NAME_PREFIX.length()) {
                hosts.put(name.substring(AttributeNames.HOST_NAME_PREFIX.length()), value);
            }
        });
        return hosts;
    }

    /** crm_mon's evaluated option when present, else the raw property (Pacemaker's booleans). */
    private static boolean maintenanceMode(XmlElement status, Map<String, String> crmConfig) {
        Optional<XmlElement> options = status.path("summary", "cluster_options");
        if (options.isPresent() && options.get().has("maintenance-mode")) {
            return isTrue(options.get(), "maintenance-mode");
        }
        return isPacemakerTrue(crmConfig.getOrDefault("maintenance-mode", "false"));
    }

    /** An attribute crm_mon writes {@code true} or {@code false}. */
    static boolean isTrue(XmlElement element, String name) {
        return "true".equals(element.attribute(name));
    }

    /** Pacemaker's spellings of a true boolean ({@code crm_is_true}). */
    static boolean isPacemakerTrue(String value) {
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "on", "yes", "y", "1" -> true;
            default -> false;
        };
    }
}
