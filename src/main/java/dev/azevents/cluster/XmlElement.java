package dev.azevents.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One element of a Pacemaker tool's XML output as {@link XmlReader} reads it: its name, its
 * attributes and its child elements in document order, and its text. What the monitor's snapshot
 * reads of {@code cibadmin --query} and {@code crm_mon --output-as=xml}; the administrator's
 * commands and the writes keep the JDK's DOM.
 *
 * @param text the character data directly inside this element, its pieces joined (not its
 *             children's): Pacemaker's tools put text only in leaf elements (crm_mon's errors)
 */
public record XmlElement(String name, Map<String, String> attributes, List<XmlElement> children,
        String text) {

    public XmlElement {
        attributes = Map.copyOf(attributes);
        children = List.copyOf(children);
    }

    /** The attribute's value, or "" when absent (as DOM's {@code getAttribute}). */
    public String attribute(String attribute) {
        return attributes.getOrDefault(attribute, "");
    }

    public boolean has(String attribute) {
        return attributes.containsKey(attribute);
    }

    /** The child elements named {@code tag}, in document order. */
    public List<XmlElement> children(String tag) {
        List<XmlElement> found = new ArrayList<>();
        for (XmlElement c : children) {
            if (c.name.equals(tag)) {
                found.add(c);
            }
        }
        return found;
    }

    /** The first child element named {@code tag}. */
    public Optional<XmlElement> child(String tag) {
        for (XmlElement c : children) {
            if (c.name.equals(tag)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** Following child elements named {@code tags}, one level each, from this element. */
    public Optional<XmlElement> path(String... tags) {
        XmlElement at = this;
        for (String tag : tags) {
            Optional<XmlElement> next = at.child(tag);
            if (next.isEmpty()) {
                return next;
            }
            at = next.get();
        }
        return Optional.of(at);
    }

    /** Every element named {@code tag} below this one, in document order (DOM's order). */
    public List<XmlElement> descendants(String tag) {
        List<XmlElement> found = new ArrayList<>();
        collect(tag, found);
        return found;
    }

    private void collect(String tag, List<XmlElement> found) {
        for (XmlElement c : children) {
            if (c.name.equals(tag)) {
                found.add(c);
            }
            c.collect(tag, found);
        }
    }
}
