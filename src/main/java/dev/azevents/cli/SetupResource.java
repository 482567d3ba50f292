package dev.azevents.cli;

import dev.azevents.engine.Strategy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.w3c.dom.Element;

/**
 * The resource part of {@link SetupPlan}: our primitive in its clone, compared with what the CIB
 * has. Refuses what a merge cannot fix (another resource running one of the agents, our id used
 * for something else); reports value differences, which --force overwrites in place.
 */
final class SetupResource {

    private SetupResource() {
    }

    static void check(Strategy strategy, SetupCib cib, Map<String, String> params,
            List<SetupPlan.Entry> entries, List<String> refusals) {
        String p = SetupPlan.primitiveId(strategy);
        String c = SetupPlan.cloneId(strategy);
        for (Element other : cib.elements("primitive")) {
            String type = other.getAttribute("type");
            String provider = other.getAttribute("provider");
            if ((type.equals("azure-events") || type.equals("azure-events-az"))
                    && (provider.equals("azevents") || provider.equals("heartbeat"))
                    && !other.getAttribute("id").equals(p)) {
                refusals.add("resource '" + other.getAttribute("id") + "' already runs ocf:"
                        + provider + ":" + type + ": one agent per cluster; remove it first (see"
                        + " Switching from the Python agents in the README)");
            }
        }
        Optional<Element> existing = cib.byId(p);
        if (existing.isEmpty()) {
            if (cib.byId(c).isPresent()) {
                refusals.add("'" + c + "' exists and does not hold '" + p + "'; delete it first"
                        + " (crm configure delete " + c + ")");
            }
            entries.add(new SetupPlan.Entry(SetupPlan.Status.ADD,
                    new SetupChange.CloneResource(strategy, p, c, params, Map.of()), ""));
            return;
        }
        Element primitive = existing.get();
        c = existingClone(strategy, primitive).orElse(c);
        String found = shape(primitive);
        String wanted = "primitive ocf:azevents:" + strategy.attributePrefix() + " in clone " + c;
        if (!found.equals(wanted)) {
            refusals.add("'" + p + "' exists as " + found + ", not " + wanted + "; delete it"
                    + " first (crm configure delete " + p + ")");
            return;
        }
        Map<String, String> ids = new HashMap<>();
        SetupChange.CloneResource probe = new SetupChange.CloneResource(strategy, p, c, params,
                Map.of());
        List<String> diffs = new ArrayList<>();
        Element clone = (Element) primitive.getParentNode();
        compare("parameter", primitive, "instance_attributes", "params", "param:", params, ids,
                diffs);
        compare("meta", primitive, "meta_attributes", "meta", "meta:", probe.primitiveMeta(),
                ids, diffs);
        compare("clone meta", clone, "meta_attributes", "clone-meta", "clone-meta:",
                probe.cloneMeta(), ids, diffs);
        monitor(primitive, ids, diffs);
        SetupChange.CloneResource change = new SetupChange.CloneResource(strategy, p, c, params,
                ids);
        entries.add(diffs.isEmpty() ? new SetupPlan.Entry(SetupPlan.Status.PRESENT, change, "")
                : new SetupPlan.Entry(SetupPlan.Status.DIFFERS, change, String.join("; ", diffs)));
    }

    /**
     * The clone our primitive is already in, when its name will do (set up by hand under another
     * name, such as the README's crmsh example): any for standby, health-... for health.
     */
    private static Optional<String> existingClone(Strategy strategy, Element primitive) {
        if (primitive.getParentNode() instanceof Element parent
                && parent.getTagName().equals("clone")) {
            String id = parent.getAttribute("id");
            return strategy == Strategy.STANDBY || id.matches("health-.*") ? Optional.of(id)
                    : Optional.empty();
        }
        return Optional.empty();
    }

    private static String shape(Element primitive) {
        String agent = "primitive " + primitive.getAttribute("class") + ":"
                + primitive.getAttribute("provider") + ":" + primitive.getAttribute("type");
        if (primitive.getParentNode() instanceof Element parent
                && parent.getTagName().equals("clone")) {
            return agent + " in clone " + parent.getAttribute("id");
        }
        return agent + " (not directly in a clone)";
    }

    /** Wanted name=value pairs against the owner's sets; records the ids it finds. */
    private static void compare(String label, Element owner, String setTag, String setKey,
            String pairKey, Map<String, String> wanted, Map<String, String> ids,
            List<String> diffs) {
        List<Element> sets = SetupCib.children(owner, setTag);
        if (!sets.isEmpty()) {
            ids.put(setKey, sets.get(0).getAttribute("id"));
        }
        new TreeMap<>(wanted).forEach((name, value) -> {
            Optional<Element> pair = sets.stream()
                    .flatMap(s -> SetupCib.children(s, "nvpair").stream())
                    .filter(e -> name.equals(e.getAttribute("name"))).findFirst();
            if (pair.isEmpty()) {
                diffs.add(label + " " + name + " is not set (wants " + value + ")");
                return;
            }
            ids.put(pairKey + name, pair.get().getAttribute("id"));
            // The new value goes where the old one is: no second pair of the same name.
            ids.put(setKey, ((Element) pair.get().getParentNode()).getAttribute("id"));
            String now = pair.get().getAttribute("value");
            if (!now.equals(value)) {
                diffs.add(label + " " + name + " is '" + now + "' (wants " + value + ")");
            }
        });
    }

    private static void monitor(Element primitive, Map<String, String> ids, List<String> diffs) {
        Optional<Element> op = SetupCib.children(primitive, "operations").stream()
                .flatMap(o -> SetupCib.children(o, "op").stream())
                .filter(o -> "monitor".equals(o.getAttribute("name"))).findFirst();
        String interval = SetupChange.CloneResource.MONITOR_INTERVAL;
        String timeout = SetupChange.CloneResource.MONITOR_TIMEOUT;
        if (op.isEmpty()) {
            diffs.add("no monitor operation (wants interval=" + interval + " timeout=" + timeout
                    + ")");
            return;
        }
        ids.put("monitor", op.get().getAttribute("id"));
        String now = "interval=" + op.get().getAttribute("interval") + " timeout="
                + op.get().getAttribute("timeout");
        if (!now.equals("interval=" + interval + " timeout=" + timeout)) {
            diffs.add("monitor " + now + " (wants interval=" + interval + " timeout=" + timeout
                    + ")");
        }
    }
}
