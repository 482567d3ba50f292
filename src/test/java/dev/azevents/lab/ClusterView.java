package dev.azevents.lab;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The cluster as Pacemaker itself reports it from one node: {@code crm_mon --output-as=xml} for
 * who is online, in standby and running what, {@code cibadmin --query} for attributes and the
 * CIB version. The scenarios' oracles read nothing else.
 */
record ClusterView(Map<String, NodeView> nodes, Map<String, String> crmConfig, long epoch,
        long numUpdates, List<String> failures) {

    /** One node. {@code active}: ids of resources active there (clone instances included). */
    record NodeView(String name, boolean online, boolean standby, Map<String, String> attributes,
            List<String> active) {

        String attr(String name) {
            return attributes.getOrDefault(name, "");
        }

        /** An instance of the agent's own clone is active on this node. */
        boolean runsAgent(String agentResource) {
            return active.stream().anyMatch(r -> r.equals(agentResource)
                    || r.startsWith(agentResource + ":"));
        }

        /** Resources other than the agent's own clone still active on this node. */
        List<String> activeServices(String agentResource) {
            return active.stream().filter(r -> !r.equals(agentResource)
                    && !r.startsWith(agentResource + ":")).toList();
        }
    }

    NodeView node(String name) {
        NodeView n = nodes.get(name);
        if (n == null) {
            throw new IllegalStateException("no node " + name + " in " + nodes.keySet());
        }
        return n;
    }

    /** The CIB's version: changes when anything in the configuration or status is written. */
    String version() {
        return epoch + "." + numUpdates;
    }

    static ClusterView read(Lab lab, int from) {
        String mon = lab.execOk(from, "crm_mon", "-1", "--output-as=xml");
        String cib = lab.execOk(from, "cibadmin", "--query");
        return parse(mon, cib);
    }

    static Optional<ClusterView> tryRead(Lab lab, int from) {
        try {
            return Optional.of(read(lab, from));
        } catch (IllegalStateException e) {
            return Optional.empty();
        }
    }

    static ClusterView parse(String crmMonXml, String cibXml) {
        Document mon = xml(crmMonXml);
        Document cib = xml(cibXml);
        Map<String, Map<String, String>> attrs = nodeAttributes(cib);
        Map<String, List<String>> active = activeByNode(mon);
        Map<String, NodeView> nodes = new TreeMap<>();
        for (Element n : children(first(mon, "nodes"), "node")) {
            String name = n.getAttribute("name");
            nodes.put(name, new NodeView(name, "true".equals(n.getAttribute("online")),
                    "true".equals(n.getAttribute("standby")),
                    attrs.getOrDefault(name, Map.of()),
                    List.copyOf(active.getOrDefault(name, List.of()))));
        }
        Map<String, String> config = new TreeMap<>();
        for (Element set : children(first(cib, "crm_config"), "cluster_property_set")) {
            for (Element nv : children(set, "nvpair")) {
                config.put(nv.getAttribute("name"), nv.getAttribute("value"));
            }
        }
        List<String> failures = new ArrayList<>();
        Element failuresElement = first(mon, "failures");
        if (failuresElement != null) {
            for (Element f : children(failuresElement, "failure")) {
                failures.add(f.getAttribute("op_key") + " on " + f.getAttribute("node") + ": "
                        + f.getAttribute("exitstatus") + ", "
                        + f.getAttribute("exitreason").replace("&apos;", "'"));
            }
        }
        Element root = cib.getDocumentElement();
        return new ClusterView(nodes, config, Long.parseLong(root.getAttribute("epoch")),
                Long.parseLong(root.getAttribute("num_updates")), failures);
    }

    /** Persistent node attributes, then transient ones over them (the value Pacemaker uses). */
    private static Map<String, Map<String, String>> nodeAttributes(Document cib) {
        Map<String, Map<String, String>> attrs = new TreeMap<>();
        for (Element n : children(first(cib, "nodes"), "node")) {
            Map<String, String> a = attrs.computeIfAbsent(n.getAttribute("uname"),
                    k -> new TreeMap<>());
            for (Element set : children(n, "instance_attributes")) {
                children(set, "nvpair").forEach(
                        nv -> a.put(nv.getAttribute("name"), nv.getAttribute("value")));
            }
        }
        Element status = first(cib, "status");
        if (status != null) {
            for (Element ns : children(status, "node_state")) {
                Map<String, String> a = attrs.computeIfAbsent(ns.getAttribute("uname"),
                        k -> new TreeMap<>());
                for (Element ta : children(ns, "transient_attributes")) {
                    for (Element set : children(ta, "instance_attributes")) {
                        children(set, "nvpair").forEach(
                                nv -> a.put(nv.getAttribute("name"), nv.getAttribute("value")));
                    }
                }
            }
        }
        return attrs;
    }

    private static Map<String, List<String>> activeByNode(Document mon) {
        Map<String, List<String>> active = new TreeMap<>();
        NodeList resources = mon.getElementsByTagName("resource");
        for (int i = 0; i < resources.getLength(); i++) {
            Element r = (Element) resources.item(i);
            if (!"true".equals(r.getAttribute("active"))) {
                continue;
            }
            for (Element on : children(r, "node")) {
                active.computeIfAbsent(on.getAttribute("name"), k -> new ArrayList<>())
                        .add(r.getAttribute("id"));
            }
        }
        return active;
    }

    private static Document xml(String text) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(
                    new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException("unparseable Pacemaker XML: " + e.getMessage(), e);
        }
    }

    private static Element first(Document d, String tag) {
        NodeList l = d.getElementsByTagName(tag);
        return l.getLength() == 0 ? null : (Element) l.item(0);
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        for (Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e && e.getTagName().equals(tag)) {
                out.add(e);
            }
        }
        return out;
    }
}
