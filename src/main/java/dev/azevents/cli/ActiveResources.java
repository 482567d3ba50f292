package dev.azevents.cli;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Which resources other than the agent's own clone are active on each node, by name, from
 * {@code crm_mon --output-as=xml}: the snapshot says only whether a node is drained, the status
 * screen says what it still waits for ("waiting for db to stop on node2").
 */
final class ActiveResources {

    /** crm_mon's arguments: only the resources section. */
    static final List<String> CRM_MON = List.of("crm_mon", "--output-as=xml", "--include=none",
            "--include=resources");

    private ActiveResources() {
    }

    /** Node name to {@code id} or {@code id (Stopping)}; empty when the XML is unreadable. */
    static Map<String, List<String>> parse(String crmMonXml) {
        Map<String, List<String>> byNode = new TreeMap<>();
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            var builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            walk(builder.parse(new InputSource(new StringReader(crmMonXml)))
                    .getDocumentElement(), byNode);
        } catch (ParserConfigurationException | SAXException | IOException e) {
            // The names are a courtesy of the screen; the decision does not depend on them.
            return Map.of();
        }
        return byNode;
    }

    private static void walk(Element parent, Map<String, List<String>> byNode) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                if ("resource".equals(e.getTagName())) {
                    place(e, byNode);
                } else {
                    walk(e, byNode);
                }
            }
        }
    }

    private static void place(Element resource, Map<String, List<String>> byNode) {
        String[] agent = resource.getAttribute("resource_agent").split(":", -1);
        if (agent.length == 3 && agent[0].equals("ocf")
                && ConfiguredAgent.PROVIDERS.contains(agent[1])
                && ConfiguredAgent.AGENTS.contains(agent[2])) {
            return;
        }
        String role = resource.getAttribute("role");
        String name = resource.getAttribute("id")
                + ("Started".equals(role) || role.isEmpty() ? "" : " (" + role + ")");
        for (Node n = resource.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element node && "node".equals(node.getTagName())) {
                byNode.computeIfAbsent(node.getAttribute("name"), k -> new ArrayList<>())
                        .add(name);
            }
        }
    }
}
