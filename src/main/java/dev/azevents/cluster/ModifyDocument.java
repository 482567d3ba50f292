package dev.azevents.cluster;

import java.util.List;
import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The one {@code cibadmin --modify --scope configuration} input of a pass: a
 * {@code <configuration>} fragment that Pacemaker merges element by element (matched by tag and
 * id) into the CIB, in one CIB operation. Each attribute keeps the place it already has (any
 * set of the node or of crm_config, as {@code crm_attribute} would update it); a new one goes
 * where {@code crm_attribute} would create it, with the same ids.
 */
final class ModifyDocument {

    private final Document configuration;
    private final Document out = CibXml.newDocument();
    private final Element root = out.createElement("configuration");

    /** @param configuration the current {@code cibadmin --query --scope configuration} */
    ModifyDocument(Document configuration) {
        this.configuration = configuration;
        out.appendChild(root);
    }

    /** The XML to merge, or Failed (nothing to write) when a node is not in the CIB. */
    static CibResult<String> build(Document configuration, List<AttributeWrite> writes) {
        ModifyDocument doc = new ModifyDocument(configuration);
        for (AttributeWrite w : writes) {
            if (w.node().isPresent()) {
                Optional<Element> node = doc.configuredNode(w.node().get());
                if (node.isEmpty()) {
                    return new CibResult.Failed<>("cib update", "refused, nothing written: node "
                            + CibUpdate.quoted(w.node().get()) + " is not in the CIB's nodes");
                }
                doc.addNodeAttribute(node.get(), w.name(), w.value());
            } else {
                doc.addProperty(w.name(), w.value());
            }
        }
        return new CibResult.Ok<>(CibXml.write(doc.out));
    }

    private Optional<Element> configuredNode(String name) {
        return CibXml.path(configuration, "nodes").flatMap(nodes ->
                CibXml.children(nodes, "node").stream()
                        .filter(n -> n.getAttribute("uname").equals(name)).findFirst());
    }

    private void addNodeAttribute(Element node, String name, String value) {
        String nodeId = node.getAttribute("id");
        String setId = AttributeNames.nodeSetId(nodeId);
        String pairId = AttributeNames.nodeNvpairId(nodeId, name);
        for (Element set : CibXml.children(node, "instance_attributes")) {
            Optional<Element> pair = named(set, name);
            if (pair.isPresent()) {
                setId = set.getAttribute("id");
                pairId = pair.get().getAttribute("id");
                break;
            }
        }
        Element outNode = childWithId(section("nodes"), "node", nodeId);
        Element outSet = childWithId(outNode, "instance_attributes", setId);
        nvpair(outSet, pairId, name, value);
    }

    private void addProperty(String name, String value) {
        String setId = AttributeNames.BOOTSTRAP_SET;
        String pairId = AttributeNames.bootstrapNvpairId(name);
        Optional<Element> crmConfig = CibXml.path(configuration, "crm_config");
        for (Element set : crmConfig.map(c -> CibXml.children(c, "cluster_property_set"))
                .orElse(List.of())) {
            Optional<Element> pair = named(set, name);
            if (pair.isPresent()) {
                setId = set.getAttribute("id");
                pairId = pair.get().getAttribute("id");
                break;
            }
        }
        Element outSet = childWithId(section("crm_config"), "cluster_property_set", setId);
        nvpair(outSet, pairId, name, value);
    }

    private static Optional<Element> named(Element set, String name) {
        return CibXml.children(set, "nvpair").stream()
                .filter(p -> p.getAttribute("name").equals(name)).findFirst();
    }

    private Element section(String tag) {
        return CibXml.child(root, tag).orElseGet(() -> {
            Element e = out.createElement(tag);
            root.appendChild(e);
            return e;
        });
    }

    private Element childWithId(Element parent, String tag, String id) {
        for (Element e : CibXml.children(parent, tag)) {
            if (e.getAttribute("id").equals(id)) {
                return e;
            }
        }
        Element e = out.createElement(tag);
        e.setAttribute("id", id);
        parent.appendChild(e);
        return e;
    }

    private void nvpair(Element set, String id, String name, String value) {
        Element pair = childWithId(set, "nvpair", id);
        pair.setAttribute("name", name);
        pair.setAttribute("value", value);
    }
}
