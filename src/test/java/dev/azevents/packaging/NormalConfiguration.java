package dev.azevents.packaging;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * A CIB {@code <configuration>} in a form where two set-ups that mean the same compare equal:
 * without the ids each tool chooses (pcs names a monitor op {@code -monitor-interval-10s}, crmsh
 * {@code -monitor-10s}), attributes sorted, siblings sorted (pcs puts a clone's meta attributes
 * after its primitive, crmsh before).
 */
final class NormalConfiguration {

    private NormalConfiguration() {
    }

    static String of(String cibXml) throws Exception {
        var doc = DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(cibXml)));
        Element configuration = (Element) doc.getElementsByTagName("configuration").item(0);
        return normal(configuration, "");
    }

    private static String normal(Element e, String indent) {
        TreeMap<String, String> attributes = new TreeMap<>();
        NamedNodeMap all = e.getAttributes();
        for (int i = 0; i < all.getLength(); i++) {
            Node a = all.item(i);
            if (!a.getNodeName().equals("id")) {
                attributes.put(a.getNodeName(), a.getNodeValue());
            }
        }
        List<String> children = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                children.add(normal(child, indent + "  "));
            }
        }
        children.sort(null);
        StringBuilder out = new StringBuilder(indent + e.getTagName() + " " + attributes + "\n");
        children.forEach(out::append);
        return out.toString();
    }
}
