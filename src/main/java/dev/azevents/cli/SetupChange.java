package dev.azevents.cli;

import dev.azevents.engine.Strategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One piece of a cluster's set-up for an agent, as the CIB should have it. Each renders itself as
 * part of the one {@code cibadmin --modify} document ({@link SetupFragment}), and as the crmsh and
 * pcs commands that create the same thing, so the three cannot drift apart.
 */
sealed interface SetupChange {

    /** One line for the administrator: what it is. */
    String describe();

    void addTo(SetupFragment fragment);

    /**
     * crmsh: statements for one {@code crm configure} session (committed together, so the
     * primitive never starts before it is cloned), or for a node attribute a shell command.
     */
    List<String> crm();

    List<String> pcs();

    /** A cluster property, in the set and with the id it already has, if any. */
    record Property(String name, String value, String setId, String pairId)
            implements SetupChange {
        @Override
        public String describe() {
            return "property " + name + "=" + value;
        }

        @Override
        public void addTo(SetupFragment fragment) {
            fragment.property(setId, pairId, name, value);
        }

        @Override
        public List<String> crm() {
            return List.of("property " + Shell.quote(name + "=" + value));
        }

        @Override
        public List<String> pcs() {
            return List.of("pcs property set " + Shell.quote(name + "=" + value));
        }
    }

    /** {@code #health-azure=0} on a node that has none (the agent's start does it too). */
    record NodeHealth(String node, String nodeId, String setId, String pairId)
            implements SetupChange {
        static final String NAME = "#health-azure";

        @Override
        public String describe() {
            return NAME + "=0 on node " + node;
        }

        @Override
        public void addTo(SetupFragment fragment) {
            fragment.nodeAttribute(nodeId, node, setId, pairId, NAME, "0");
        }

        @Override
        public List<String> crm() {
            return List.of("crm node attribute " + Shell.quote(node) + " set '" + NAME + "' 0");
        }

        @Override
        public List<String> pcs() {
            return List.of("pcs node attribute " + Shell.quote(node) + " '" + NAME + "=0'");
        }
    }

    /** The location rule that scores every resource not named health-... by #health-azure. */
    record HealthRule(String id) implements SetupChange {
        static final String PATTERN = "!health-.*";

        @Override
        public String describe() {
            return "location " + id + ": resources not matching " + PATTERN.substring(1)
                    + " scored by #health-azure";
        }

        @Override
        public void addTo(SetupFragment fragment) {
            fragment.healthRule(id, PATTERN);
        }

        @Override
        public List<String> crm() {
            return List.of("location " + id + " /'" + PATTERN + "'/ rule"
                    + " '#health-azure': defined '#uname'");
        }

        @Override
        public List<String> pcs() {
            return List.of("pcs constraint location 'regexp%" + PATTERN + "' rule"
                    + " constraint-id=" + id + " score-attribute='#health-azure' defined"
                    + " '#uname'");
        }
    }

    /**
     * Our primitive in its clone: monitor every 10 s with the meta-data's timeout; for the health
     * strategy failure-timeout on the primitive and allow-unhealthy-nodes on the clone (never on
     * the primitive: Pacemaker ignores it there, ClusterLabs #2025). {@code ids} holds the ids
     * of elements that exist already, so that --force updates them instead of adding twins.
     */
    record CloneResource(Strategy strategy, String primitiveId, String cloneId,
            Map<String, String> params, Map<String, String> ids) implements SetupChange {
        static final String MONITOR_INTERVAL = "10s";
        static final String MONITOR_TIMEOUT = "240s";
        static final String FAILURE_TIMEOUT = "120s";

        public CloneResource {
            params = Map.copyOf(params);
            ids = Map.copyOf(ids);
        }

        String agent() {
            return "ocf:azevents:" + strategy.attributePrefix();
        }

        Map<String, String> primitiveMeta() {
            return strategy == Strategy.HEALTH ? Map.of("failure-timeout", FAILURE_TIMEOUT)
                    : Map.of();
        }

        Map<String, String> cloneMeta() {
            return strategy == Strategy.HEALTH ? Map.of("allow-unhealthy-nodes", "true")
                    : Map.of();
        }

        @Override
        public String describe() {
            return "resource " + primitiveId + " (" + agent() + ") in clone " + cloneId;
        }

        @Override
        public void addTo(SetupFragment fragment) {
            fragment.cloneResource(this);
        }

        @Override
        public List<String> crm() {
            StringBuilder primitive = new StringBuilder("primitive " + primitiveId
                    + " " + agent());
            if (!params.isEmpty()) {
                primitive.append(" params");
                new java.util.TreeMap<>(params).forEach((k, v) ->
                        primitive.append(' ').append(Shell.quote(k + "=" + v)));
            }
            primitiveMeta().forEach((k, v) -> primitive.append(" meta ").append(k + "=" + v));
            primitive.append(" op monitor interval=" + MONITOR_INTERVAL + " timeout="
                    + MONITOR_TIMEOUT);
            StringBuilder clone = new StringBuilder("clone " + cloneId + " "
                    + primitiveId);
            cloneMeta().forEach((k, v) -> clone.append(" meta ").append(k + "=" + v));
            return List.of(primitive.toString(), clone.toString());
        }

        @Override
        public List<String> pcs() {
            List<String> words = new ArrayList<>(List.of("pcs resource create", primitiveId,
                    agent()));
            new java.util.TreeMap<>(params).forEach((k, v) -> words.add(Shell.quote(k + "=" + v)));
            primitiveMeta().forEach((k, v) -> words.add("meta " + k + "=" + v));
            words.add("op monitor interval=" + MONITOR_INTERVAL + " timeout=" + MONITOR_TIMEOUT);
            // Only the monitor we ask for, as crmsh and --apply: pcs would add start, stop...
            words.add("--no-default-ops");
            StringBuilder clone = new StringBuilder("pcs resource clone " + primitiveId + " "
                    + cloneId);
            // 'meta' is required by pcs 0.12 and accepted by 0.11.
            cloneMeta().forEach((k, v) -> clone.append(" meta ").append(k + "=" + v));
            return List.of(String.join(" ", words), clone.toString());
        }
    }
}
