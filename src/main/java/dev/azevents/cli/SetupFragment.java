package dev.azevents.cli;

import java.io.StringWriter;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The {@code <configuration>} document that {@code azevents setup --apply} gives to
 * {@code cibadmin --modify --scope configuration}: Pacemaker merges it element by element
 * (matched by tag and id) in one CIB operation, so the set-up is written whole or not at all and
 * nothing else in the CIB is touched. Ids are those crmsh would choose.
 */
final class SetupFragment {

    private final Document doc;
    private final Element root;

    SetupFragment() {
        try {
            doc = DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser is missing", e);
        }
        root = doc.createElement("configuration");
        doc.appendChild(root);
    }

    void property(String setId, String pairId, String name, String value) {
        Element set = child(section("crm_config"), "cluster_property_set", setId);
        nvpair(set, pairId, name, value);
    }

    void nodeAttribute(String nodeId, String uname, String setId, String pairId, String name,
            String value) {
        Element node = child(section("nodes"), "node", nodeId);
        node.setAttribute("uname", uname);
        nvpair(child(node, "instance_attributes", setId), pairId, name, value);
    }

    void healthRule(String id, String pattern) {
        Element location = child(section("constraints"), "rsc_location", id);
        location.setAttribute("rsc-pattern", pattern);
        Element rule = child(location, "rule", id + "-rule");
        rule.setAttribute("score-attribute", "#health-azure");
        Element expression = child(rule, "expression", id + "-rule-expression");
        expression.setAttribute("attribute", "#uname");
        expression.setAttribute("operation", "defined");
    }

    void cloneResource(SetupChange.CloneResource r) {
        Map<String, String> ids = r.ids();
        String p = r.primitiveId();
        String c = r.cloneId();
        Element clone = child(section("resources"), "clone", c);
        meta(clone, ids.getOrDefault("clone-meta", c + "-meta_attributes"), r.cloneMeta(), ids,
                "clone-meta:");
        Element primitive = child(clone, "primitive", p);
        primitive.setAttribute("class", "ocf");
        primitive.setAttribute("provider", "azevents");
        primitive.setAttribute("type", r.strategy().attributePrefix());
        if (!r.params().isEmpty()) {
            Element set = child(primitive, "instance_attributes",
                    ids.getOrDefault("params", p + "-instance_attributes"));
            new TreeMap<>(r.params()).forEach((k, v) -> nvpair(set,
                    ids.getOrDefault("param:" + k, set.getAttribute("id") + "-" + k), k, v));
        }
        meta(primitive, ids.getOrDefault("meta", p + "-meta_attributes"), r.primitiveMeta(), ids,
                "meta:");
        Element op = child(child(primitive, "operations", null), "op",
                ids.getOrDefault("monitor", p + "-monitor-" + SetupChange.CloneResource
                        .MONITOR_INTERVAL));
        op.setAttribute("name", "monitor");
        op.setAttribute("interval", SetupChange.CloneResource.MONITOR_INTERVAL);
        op.setAttribute("timeout", SetupChange.CloneResource.MONITOR_TIMEOUT);
    }

    boolean isEmpty() {
        return !root.hasChildNodes();
    }

    String xml() {
        try {
            var transformer = TransformerFactory.newDefaultInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(doc), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("the set-up document could not be written", e);
        }
    }

    private void meta(Element owner, String setId, Map<String, String> values,
            Map<String, String> ids, String idKey) {
        if (values.isEmpty()) {
            return;
        }
        Element set = child(owner, "meta_attributes", setId);
        new TreeMap<>(values).forEach((k, v) ->
                nvpair(set, ids.getOrDefault(idKey + k, setId + "-" + k), k, v));
    }

    private Element section(String tag) {
        return child(root, tag, null);
    }

    /** The child with this tag and id, created when absent (ids are unique in a CIB). */
    private Element child(Element parent, String tag, String id) {
        for (var n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)
                    && (id == null || id.equals(e.getAttribute("id")))) {
                return e;
            }
        }
        Element e = doc.createElement(tag);
        if (id != null) {
            e.setAttribute("id", id);
        }
        parent.appendChild(e);
        return e;
    }

    private void nvpair(Element set, String id, String name, String value) {
        Element pair = child(set, "nvpair", id);
        pair.setAttribute("name", name);
        pair.setAttribute("value", value);
    }
}
