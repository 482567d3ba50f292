package dev.azevents.cluster;

import java.util.Set;
import java.util.TreeSet;

/**
 * Which nodes crm_mon shows something other than our clone on, walking its {@code resources}
 * tree (primitives at any depth: in groups, clones, bundles' replicas).
 */
final class ResourcePlacement {

    /**
     * Roles crm_mon shows while an operation is recorded pending (Pacemaker 2.1.5 prints
     * {@code Stopping} for a pending stop, without a {@code pending} attribute).
     */
    private static final Set<String> TRANSITIONAL_ROLES = Set.of("Starting", "Stopping",
            "Migrating", "Promoting", "Demoting");

    private final Set<String> running = new TreeSet<>();
    private final Set<String> changing = new TreeSet<>();
    private final Set<String> agents = new TreeSet<>();
    private final Set<String> exempt;

    /** {@code exempt}: resource ids exempt from node health, which never hold a drain. */
    ResourcePlacement(Set<String> exempt) {
        this.exempt = exempt;
    }

    Set<String> running() {
        return running;
    }

    /** Nodes of a resource crm_mon shows with an operation in progress. */
    Set<String> changing() {
        return changing;
    }

    /** Nodes where an instance of our own clone is active (not failed, not stopping). */
    Set<String> agents() {
        return agents;
    }

    void walk(XmlElement parent, boolean insideClone, SnapshotReader reader) {
        for (XmlElement e : parent.children()) {
            switch (e.name()) {
                case "resource" -> place(e, insideClone, reader);
                case "clone" -> walk(e, true, reader);
                default -> walk(e, insideClone, reader);
            }
        }
    }

    private void place(XmlElement resource, boolean insideClone, SnapshotReader reader) {
        if (reader.isOurs(resource, insideClone)) {
            boolean up = SnapshotReader.isTrue(resource, "active")
                    && !SnapshotReader.isTrue(resource, "failed")
                    && "Started".equals(resource.attribute("role"));
            if (up) {
                resource.children("node").forEach(n -> agents.add(n.attribute("name")));
            }
            return;
        }
        if (exempt.contains(SnapshotReader.baseId(resource.attribute("id")))) {
            return;
        }
        boolean pending = !resource.attribute("pending").isEmpty()
                || TRANSITIONAL_ROLES.contains(resource.attribute("role"));
        for (XmlElement node : resource.children("node")) {
            running.add(node.attribute("name"));
            if (pending) {
                changing.add(node.attribute("name"));
            }
        }
    }
}
