package dev.azevents.cli;

import dev.azevents.engine.Strategy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * What {@code azevents setup} finds in the CIB configuration for a strategy: each piece to add,
 * already there, or there but different (left alone unless forced), and the reasons to refuse
 * altogether. A pure function of the configuration and the options: {@link SetupCommand} reads
 * the CIB and IMDS, prints and writes.
 */
record SetupPlan(List<Entry> entries, List<String> refusals) {

    static final String RULE_ID = "loc_azure_health";

    enum Status { ADD, PRESENT, DIFFERS }

    /** @param detail for DIFFERS, what differs (and is left as it is without --force) */
    record Entry(Status status, SetupChange change, String detail) {
    }

    /**
     * The ids, as the README's examples name them; the health clone must match health-.*, or
     * the rule bans it from the node it drains.
     */
    static String primitiveId(Strategy strategy) {
        return switch (strategy) {
            case HEALTH -> "health-azure-events";
            case STANDBY -> "rsc_azure-events";
        };
    }

    static String cloneId(Strategy strategy) {
        return switch (strategy) {
            case HEALTH -> "health-azure-events-clone";
            case STANDBY -> "cln_azure-events";
        };
    }

    SetupPlan {
        entries = List.copyOf(entries);
        refusals = List.copyOf(refusals);
    }

    static SetupPlan of(Strategy strategy, SetupCib cib, Map<String, String> params,
            List<String> placementRefusals) {
        List<Entry> entries = new ArrayList<>();
        List<String> refusals = new ArrayList<>(placementRefusals);
        if (strategy == Strategy.HEALTH) {
            entries.add(property(cib, "node-health-strategy", "custom"));
            entries.add(rule(cib));
            for (Element node : cib.nodes()) {
                if (cib.nodeAttribute(node, SetupChange.NodeHealth.NAME).isEmpty()) {
                    String id = node.getAttribute("id");
                    entries.add(new Entry(Status.ADD, new SetupChange.NodeHealth(
                            node.getAttribute("uname"), id, cib.nodeSetId(node),
                            // crm_attribute's id: '#' is not allowed in an XML id.
                            "nodes-" + id + "-" + SetupChange.NodeHealth.NAME.replace('#', '.')),
                            ""));
                }
            }
        }
        SetupResource.check(strategy, cib, params, entries, refusals);
        return new SetupPlan(entries, refusals);
    }

    private static Entry property(SetupCib cib, String name, String value) {
        Optional<Element> pair = cib.propertyPair(name);
        String setId = pair.map(p -> ((Element) p.getParentNode()).getAttribute("id"))
                .orElse("cib-bootstrap-options");
        String pairId = pair.map(p -> p.getAttribute("id")).orElse(setId + "-" + name);
        SetupChange.Property change = new SetupChange.Property(name, value, setId, pairId);
        if (pair.isEmpty()) {
            return new Entry(Status.ADD, change, "");
        }
        String now = pair.get().getAttribute("value");
        return now.equals(value) ? new Entry(Status.PRESENT, change, "")
                : new Entry(Status.DIFFERS, change, name + " is '" + now + "'");
    }

    private static Entry rule(SetupCib cib) {
        SetupChange.HealthRule change = new SetupChange.HealthRule(RULE_ID);
        if (cib.configuration().healthRules().contains(SetupChange.HealthRule.PATTERN)) {
            return new Entry(Status.PRESENT, change, "");
        }
        if (cib.byId(RULE_ID).isPresent()) {
            return new Entry(Status.DIFFERS, change, RULE_ID + " exists but does not score"
                    + " resources not matching health-.* by #health-azure");
        }
        return new Entry(Status.ADD, change, "");
    }

    /** The changes to write: what is missing, and with --force what differs. */
    List<SetupChange> toWrite(boolean force) {
        return entries.stream().filter(e -> e.status() == Status.ADD
                || (force && e.status() == Status.DIFFERS)).map(Entry::change).toList();
    }

    long count(Status status) {
        return entries.stream().filter(e -> e.status() == status).count();
    }

    /** Parameters given with --param, checked against the agents' list. */
    static Map<String, String> params(Map<String, String> given, List<String> known) {
        Map<String, String> out = new LinkedHashMap<>();
        given.forEach((k, v) -> {
            if (!known.contains(k)) {
                throw new IllegalArgumentException("unknown parameter '" + k + "'; the agents"
                        + " know " + String.join(", ", known));
            }
            out.put(k, v);
        });
        return out;
    }
}
