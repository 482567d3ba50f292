package dev.azevents.cli;

import dev.azevents.cluster.CibResult;
import dev.azevents.cluster.ClusterConfiguration;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/** The CIB configuration as {@code azevents setup} reads it (one {@code cibadmin --query}). */
record SetupCib(Document document, ClusterConfiguration configuration) {

    static SetupCib parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            var builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            Document doc = builder.parse(new InputSource(new StringReader(xml)));
            CibResult<ClusterConfiguration> read = ClusterConfiguration.parse(xml);
            if (read instanceof CibResult.Failed<ClusterConfiguration> f) {
                throw new IllegalArgumentException(f.describe());
            }
            return new SetupCib(doc, ((CibResult.Ok<ClusterConfiguration>) read).value());
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException("the CIB is not well-formed XML: "
                    + e.getMessage(), e);
        }
    }

    List<Element> elements(String tag) {
        NodeList list = document.getElementsByTagName(tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }

    /** Configured nodes (the nodes section), in CIB order. */
    List<Element> nodes() {
        return elements("node").stream()
                .filter(n -> n.getParentNode() instanceof Element p
                        && p.getTagName().equals("nodes")).toList();
    }

    Optional<Element> byId(String id) {
        return elements("*").stream().filter(e -> id.equals(e.getAttribute("id"))).findFirst();
    }

    Optional<Element> propertyPair(String name) {
        return elements("cluster_property_set").stream()
                .flatMap(s -> children(s, "nvpair").stream())
                .filter(p -> name.equals(p.getAttribute("name"))).findFirst();
    }

    Optional<String> nodeAttribute(Element node, String name) {
        return children(node, "instance_attributes").stream()
                .flatMap(s -> children(s, "nvpair").stream())
                .filter(p -> name.equals(p.getAttribute("name")))
                .map(p -> p.getAttribute("value")).findFirst();
    }

    /** The node's first attribute set, where crm_attribute would add, else crm's own id. */
    String nodeSetId(Element node) {
        return children(node, "instance_attributes").stream().findFirst()
                .map(s -> s.getAttribute("id")).orElse("nodes-" + node.getAttribute("id"));
    }

    static List<Element> children(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                out.add(e);
            }
        }
        return out;
    }
}
