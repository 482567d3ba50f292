package dev.azevents.cluster;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

/**
 * The parts of the CIB configuration that {@code validate-all} and {@code start} check, read from
 * one {@code cibadmin --query}.
 *
 * @param properties   cluster properties ({@code crm_config} nvpairs, every set merged)
 * @param primitives   every primitive with its clone, if any
 * @param healthRules  {@code rsc-pattern} of every location constraint whose rule scores by
 *                     {@code #health-azure}
 */
public record ClusterConfiguration(Map<String, String> properties, List<Primitive> primitives,
        List<String> healthRules) {

    /**
     * @param cloneId  the enclosing clone's id, empty when not cloned
     * @param meta     meta attributes of the clone and then the primitive (the primitive wins)
     * @param cloneMeta the clone's own meta attributes: Pacemaker applies some (node health's
     *                  allow-unhealthy-nodes) to the clone only, whatever the primitive says
     */
    public record Primitive(String id, String standard, String provider, String type,
            Optional<String> cloneId, Map<String, String> meta, Map<String, String> cloneMeta) {
        public Primitive {
            meta = Map.copyOf(meta);
            cloneMeta = Map.copyOf(cloneMeta);
        }

        /** A primitive whose clone's own meta attributes are not known (tests). */
        public Primitive(String id, String standard, String provider, String type,
                Optional<String> cloneId, Map<String, String> meta) {
            this(id, standard, provider, type, cloneId, meta, Map.of());
        }
    }

    public ClusterConfiguration {
        properties = Map.copyOf(properties);
        primitives = List.copyOf(primitives);
        healthRules = List.copyOf(healthRules);
    }

    public Optional<String> property(String name) {
        return Optional.ofNullable(properties.get(name));
    }

    public Optional<Primitive> primitive(String id) {
        return primitives.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** Parses {@code cibadmin --query} output; Failed, with the parser's words, if not XML. */
    public static CibResult<ClusterConfiguration> parse(String cibXml) {
        Document cib;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            var builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            cib = builder.parse(new InputSource(new StringReader(cibXml)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            return new CibResult.Failed<>("reading the CIB configuration",
                    "not well-formed XML: " + e.getMessage());
        }
        Map<String, String> properties = new LinkedHashMap<>();
        for (Element set : elements(cib.getElementsByTagName("cluster_property_set"))) {
            nvpairs(set, properties);
        }
        List<Primitive> primitives = new ArrayList<>();
        for (Element p : elements(cib.getElementsByTagName("primitive"))) {
            primitives.add(primitive(p));
        }
        List<String> rules = new ArrayList<>();
        for (Element location : elements(cib.getElementsByTagName("rsc_location"))) {
            for (Element rule : elements(location.getElementsByTagName("rule"))) {
                if ("#health-azure".equals(rule.getAttribute("score-attribute"))) {
                    String pattern = location.getAttribute("rsc-pattern");
                    rules.add(pattern.isEmpty() ? location.getAttribute("rsc") : pattern);
                }
            }
        }
        return new CibResult.Ok<>(new ClusterConfiguration(properties, primitives, rules));
    }

    private static Primitive primitive(Element p) {
        Map<String, String> meta = new LinkedHashMap<>();
        Map<String, String> cloneMeta = new LinkedHashMap<>();
        Optional<String> cloneId = Optional.empty();
        Node parent = p.getParentNode();
        if (parent instanceof Element group && "group".equals(group.getTagName())) {
            parent = group.getParentNode();
        }
        if (parent instanceof Element clone && "clone".equals(clone.getTagName())) {
            cloneId = Optional.of(clone.getAttribute("id"));
            directMeta(clone, cloneMeta);
            meta.putAll(cloneMeta);
        }
        directMeta(p, meta);
        return new Primitive(p.getAttribute("id"), p.getAttribute("class"),
                p.getAttribute("provider"), p.getAttribute("type"), cloneId, meta, cloneMeta);
    }

    private static void directMeta(Element owner, Map<String, String> into) {
        for (Node n = owner.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && "meta_attributes".equals(e.getTagName())) {
                nvpairs(e, into);
            }
        }
    }

    private static void nvpairs(Element set, Map<String, String> into) {
        for (Element nv : elements(set.getElementsByTagName("nvpair"))) {
            into.put(nv.getAttribute("name"), nv.getAttribute("value"));
        }
    }

    private static List<Element> elements(NodeList list) {
        List<Element> out = new ArrayList<>(list.getLength());
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }
}
