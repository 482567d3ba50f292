package dev.azevents.cli;

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
 * The agent resource configured in the CIB ({@code ocf:azevents:} or {@code ocf:heartbeat:}
 * {@code azure-events[-az]}) with its instance attributes, so that {@code status} and
 * {@code drill} decide with the parameters the cluster's monitor uses, not with defaults.
 *
 * @param id         the primitive's id
 * @param agent      {@code azure-events} or {@code azure-events-az}
 * @param provider   {@code azevents} or {@code heartbeat}
 * @param attributes the primitive's instance attributes (name to value)
 */
record ConfiguredAgent(String id, String agent, String provider, Map<String, String> attributes) {

    static final List<String> AGENTS = List.of("azure-events", "azure-events-az");
    static final List<String> PROVIDERS = List.of("azevents", "heartbeat");

    ConfiguredAgent {
        attributes = Map.copyOf(attributes);
    }

    /** {@code ocf:azevents:azure-events}, as crm_mon and crmsh write it. */
    String spec() {
        return "ocf:" + provider + ":" + agent;
    }

    /** The outcome of looking for the agent in a CIB. */
    sealed interface Search {
        record Found(ConfiguredAgent agent) implements Search {
        }

        /** @param message what is wrong and what to do, for the administrator */
        record Refused(String message) implements Search {
        }
    }

    /**
     * Finds the one agent resource (of {@code agent}, when given), or the one named
     * {@code wanted}. Refuses to guess when there are several (a cluster migrating from the
     * Python agent may have both configured).
     */
    static Search find(String cibXml, Optional<String> wanted, Optional<String> agent) {
        List<ConfiguredAgent> all;
        try {
            all = parse(cibXml).stream()
                    .filter(a -> agent.isEmpty() || a.agent().equals(agent.get())).toList();
        } catch (ParserConfigurationException | SAXException | IOException e) {
            return new Search.Refused("the CIB is not readable XML: " + e.getMessage());
        }
        if (wanted.isPresent()) {
            return all.stream().filter(a -> a.id().equals(wanted.get())).findFirst()
                    .<Search>map(Search.Found::new)
                    .orElseGet(() -> new Search.Refused("no azure-events resource with id "
                            + wanted.get() + " in the CIB; configured: " + list(all)));
        }
        if (all.isEmpty()) {
            return new Search.Refused("no azure-events or azure-events-az resource is configured"
                    + " in the CIB; name the agent with --agent azure-events|azure-events-az"
                    + " to see what it would do with default parameters");
        }
        if (all.size() > 1) {
            return new Search.Refused(all.size() + " agent resources are configured ("
                    + list(all) + "); say which one to show with --resource "
                    + all.get(0).id());
        }
        return new Search.Found(all.get(0));
    }

    private static String list(List<ConfiguredAgent> all) {
        if (all.isEmpty()) {
            return "none";
        }
        return String.join(", ", all.stream().map(a -> a.id() + " (" + a.spec() + ")").toList());
    }

    static List<ConfiguredAgent> parse(String cibXml)
            throws ParserConfigurationException, SAXException, IOException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setExpandEntityReferences(false);
        var builder = factory.newDocumentBuilder();
        builder.setErrorHandler(null);
        Document cib = builder.parse(new InputSource(new StringReader(cibXml)));
        List<ConfiguredAgent> found = new ArrayList<>();
        NodeList primitives = cib.getElementsByTagName("primitive");
        for (int i = 0; i < primitives.getLength(); i++) {
            Element p = (Element) primitives.item(i);
            if ("ocf".equals(p.getAttribute("class"))
                    && PROVIDERS.contains(p.getAttribute("provider"))
                    && AGENTS.contains(p.getAttribute("type"))) {
                found.add(new ConfiguredAgent(p.getAttribute("id"), p.getAttribute("type"),
                        p.getAttribute("provider"), instanceAttributes(p)));
            }
        }
        return found;
    }

    /** Direct {@code instance_attributes} of the primitive, in document order (last wins). */
    private static Map<String, String> instanceAttributes(Element primitive) {
        Map<String, String> into = new LinkedHashMap<>();
        for (Node n = primitive.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element set && "instance_attributes".equals(set.getTagName())) {
                NodeList pairs = set.getElementsByTagName("nvpair");
                for (int i = 0; i < pairs.getLength(); i++) {
                    Element nv = (Element) pairs.item(i);
                    into.put(nv.getAttribute("name"), nv.getAttribute("value"));
                }
            }
        }
        return into;
    }
}
