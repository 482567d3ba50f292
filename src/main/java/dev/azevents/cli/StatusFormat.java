package dev.azevents.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.azevents.ocf.AgentLog;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Renders a {@link StatusView} as text for a terminal, or as XML or JSON for scripts. Escaping is
 * left to the XML and JSON writers; in text, control characters from Azure data are made
 * visible so that an event id cannot forge a line.
 */
enum StatusFormat {
    TEXT, XML, JSON;

    /** The XML's version attribute; the RELAX NG schema {@link #SCHEMA} pins this version. */
    static final String SCHEMA_VERSION = "1";
    /** Shipped in the jar and installed beside it: {@code azevents-status.rng}. */
    static final String SCHEMA = "/dev/azevents/cli/azevents-status.rng";

    String render(StatusView v) {
        return switch (this) {
            case TEXT -> text(v);
            case XML -> xml(v);
            case JSON -> json(v);
        };
    }

    private static String t(Object value) {
        return AgentLog.oneLine(String.valueOf(value));
    }

    private static String text(StatusView v) {
        StringBuilder out = new StringBuilder();
        out.append("Agent: ").append(t(v.source())).append('\n');
        out.append("Seen from: ").append(t(v.node())).append(" (VM ").append(t(v.azName()))
                .append(") at ").append(v.now()).append('\n');
        v.problem().ifPresent(p -> out.append("PROBLEM: ").append(t(p)).append('\n'));
        v.incarnation().ifPresent(i -> out.append("Events document: incarnation ").append(i)
                .append('\n'));
        if (v.problem().isEmpty()) {
            out.append("Pull lease: ").append(v.lease().map(l -> "held by " + t(l.holder())
                    + ", expires " + l.expiry() + " (" + l.remaining() + ")").orElse("free"))
                    .append('\n');
        }
        out.append("\nNode List:\n");
        for (StatusView.NodeLine n : v.nodes()) {
            out.append("  * ").append(t(n.name())).append(": ").append(n.state()).append("  ")
                    .append(t(n.pacemaker())).append(n.azName().map(a -> "  VM " + t(a))
                            .orElse("")).append('\n');
            out.append("      drain: ").append(n.drain()).append("; resources: ")
                    .append(n.active().isEmpty() ? "none" : t(String.join(", ", n.active())))
                    .append(" (").append(n.resources()).append(')');
            if (!n.pendingEventIds().isEmpty()) {
                out.append("; recorded events ").append(t(n.pendingEventIds()));
            }
            out.append('\n');
            for (StatusView.EventLine e : v.events()) {
                if (n.eventIds().contains(e.eventId()) && e.nodes().contains(n.name())) {
                    out.append("      event ").append(event(e)).append('\n');
                }
            }
            n.waitsFor().ifPresent(w -> out.append("      ").append(t(w)).append('\n'));
        }
        out.append("\nEvents:\n");
        if (v.events().isEmpty()) {
            out.append("  none\n");
        }
        for (StatusView.EventLine e : v.events()) {
            out.append("  * ").append(event(e)).append('\n');
        }
        out.append("\nThis node would now:\n");
        if (v.problem().isPresent()) {
            // Without a complete reading there is no decision: a monitor pass would end here.
            out.append("  nothing: no decision without the reading above (a monitor pass would"
                    + " log the problem and retry next interval)\n");
        } else if (v.plan().isEmpty()) {
            out.append("  nothing (idle: no lease, no write)\n");
        }
        for (StatusView.PlanLine p : v.plan()) {
            out.append("  ").append(t(p.action())).append("  because ").append(t(p.reason()))
                    .append('\n');
        }
        if (!v.waitingFor().isEmpty()) {
            out.append("\nWaiting for:\n");
            v.waitingFor().forEach(w -> out.append("  ").append(t(w)).append('\n'));
        }
        return out.toString();
    }

    /** One event on one line: id, type, status, source, VMs and nodes, NotBefore, duration. */
    private static String event(StatusView.EventLine e) {
        StringBuilder out = new StringBuilder();
        out.append(t(e.eventId())).append("  ").append(t(e.type())).append(' ')
                .append(t(e.status())).append(e.source().map(s -> " (" + t(s) + ")").orElse(""))
                .append("  VMs ").append(t(e.resources())).append(" = nodes ")
                .append(t(e.nodes())).append("  NotBefore ")
                .append(e.notBefore().map(Object::toString).orElse("-")).append(" (")
                .append(e.deadline()).append(')');
        if (e.durationSeconds().isPresent() && e.durationSeconds().getAsLong() >= 0) {
            out.append("  duration ").append(e.durationSeconds().getAsLong()).append('s');
        }
        return out.toString();
    }

    /**
     * Through DOM and the JDK's serializer: it writes a newline or tab inside an attribute as a
     * character reference, where the stream writer leaves it raw and a parser would turn it into
     * a space (an event id must come back exactly as Azure sent it).
     */
    private static String xml(StatusView v) {
        try {
            Document doc = DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder()
                    .newDocument();
            Element root = child(doc, doc, "azevents-status", "version", SCHEMA_VERSION,
                    "agent", v.agent(), "source", v.source(), "node", v.node(), "vm",
                    v.azName(), "time", v.now().toString());
            v.incarnation().ifPresent(i -> root.setAttribute("incarnation", String.valueOf(i)));
            v.lease().ifPresent(l -> child(doc, root, "lease", "holder", l.holder(), "expiry",
                    l.expiry().toString(), "remaining", l.remaining()));
            Element nodes = child(doc, root, "nodes");
            v.nodes().forEach(n -> xmlNode(doc, nodes, n));
            Element events = child(doc, root, "events");
            for (StatusView.EventLine ev : v.events()) {
                Element e = child(doc, events, "event", "id", ev.eventId(), "type", ev.type(),
                        "status", ev.status(), "vms", String.join(",", ev.resources()),
                        "nodes", String.join(",", ev.nodes()));
                ev.notBefore().ifPresent(nb -> e.setAttribute("not-before", nb.toString()));
                ev.source().ifPresent(s -> e.setAttribute("source", s));
                ev.durationSeconds().ifPresent(d -> e.setAttribute("duration-seconds",
                        String.valueOf(d)));
            }
            Element plan = child(doc, root, "plan");
            for (StatusView.PlanLine p : v.plan()) {
                child(doc, plan, "action", "what", p.action(), "reason", p.reason());
            }
            for (String w : v.waitingFor()) {
                child(doc, plan, "waiting", "why", w);
            }
            child(doc, root, "status", "code", v.problem().isPresent() ? "1" : "0", "message",
                    v.problem().orElse("OK"));
            Transformer t = TransformerFactory.newDefaultInstance().newTransformer();
            t.setOutputProperty(OutputKeys.INDENT, "yes");
            StringWriter out = new StringWriter();
            t.transform(new DOMSource(doc), new StreamResult(out));
            return out + "\n";
        } catch (ParserConfigurationException | TransformerException e) {
            throw new IllegalStateException("status XML could not be written", e);
        }
    }

    private static void xmlNode(Document doc, Element nodes, StatusView.NodeLine n) {
        Element e = child(doc, nodes, "node", "name", n.name(), "state", n.state(),
                "pacemaker", n.pacemaker(), "resources", n.resources(), "drain", n.drain(),
                "pending-events", String.join(",", n.pendingEventIds()));
        n.azName().ifPresent(a -> e.setAttribute("vm", a));
        n.waitsFor().ifPresent(w -> e.setAttribute("waiting-for", w));
        n.active().forEach(r -> child(doc, e, "resource", "name", r));
        n.eventIds().forEach(id -> child(doc, e, "event-ref", "id", id));
    }

    private static Element child(Document doc, Node parent, String name, String... attributes) {
        Element e = doc.createElement(name);
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            e.setAttribute(attributes[i], attributes[i + 1]);
        }
        parent.appendChild(e);
        return e;
    }

    private static String json(StatusView v) {
        StringWriter out = new StringWriter();
        try (JsonGenerator j = new JsonFactory().createGenerator(out)) {
            j.useDefaultPrettyPrinter();
            j.writeStartObject();
            j.writeStringField("agent", v.agent());
            j.writeStringField("source", v.source());
            j.writeStringField("node", v.node());
            j.writeStringField("vm", v.azName());
            j.writeStringField("time", v.now().toString());
            if (v.incarnation().isPresent()) {
                j.writeNumberField("incarnation", v.incarnation().get());
            }
            if (v.lease().isPresent()) {
                j.writeObjectFieldStart("lease");
                j.writeStringField("holder", v.lease().get().holder());
                j.writeStringField("expiry", v.lease().get().expiry().toString());
                j.writeStringField("remaining", v.lease().get().remaining());
                j.writeEndObject();
            }
            j.writeArrayFieldStart("nodes");
            for (StatusView.NodeLine n : v.nodes()) {
                jsonNode(j, n);
            }
            j.writeEndArray();
            j.writeArrayFieldStart("events");
            for (StatusView.EventLine e : v.events()) {
                jsonEvent(j, e);
            }
            j.writeEndArray();
            j.writeArrayFieldStart("plan");
            for (StatusView.PlanLine p : v.plan()) {
                j.writeStartObject();
                j.writeStringField("action", p.action());
                j.writeStringField("reason", p.reason());
                j.writeEndObject();
            }
            j.writeEndArray();
            strings(j, "waitingFor", v.waitingFor());
            j.writeStringField("problem", v.problem().orElse(null));
            j.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out + "\n";
    }

    private static void jsonNode(JsonGenerator j, StatusView.NodeLine n) throws IOException {
        j.writeStartObject();
        j.writeStringField("name", n.name());
        j.writeStringField("state", n.state());
        j.writeStringField("pacemaker", n.pacemaker());
        j.writeStringField("resources", n.resources());
        j.writeStringField("drain", n.drain());
        strings(j, "activeResources", n.active());
        strings(j, "pendingEventIds", n.pendingEventIds());
        strings(j, "eventIds", n.eventIds());
        j.writeStringField("vm", n.azName().orElse(null));
        j.writeStringField("waitingFor", n.waitsFor().orElse(null));
        j.writeEndObject();
    }

    private static void jsonEvent(JsonGenerator j, StatusView.EventLine e) throws IOException {
        j.writeStartObject();
        j.writeStringField("id", e.eventId());
        j.writeStringField("type", e.type());
        j.writeStringField("status", e.status());
        strings(j, "vms", e.resources());
        strings(j, "nodes", e.nodes());
        j.writeStringField("notBefore", e.notBefore().map(Object::toString).orElse(null));
        j.writeStringField("source", e.source().orElse(null));
        if (e.durationSeconds().isPresent()) {
            j.writeNumberField("durationSeconds", e.durationSeconds().getAsLong());
        }
        j.writeEndObject();
    }

    private static void strings(JsonGenerator j, String name, List<String> values)
            throws IOException {
        j.writeArrayFieldStart(name);
        for (String s : values) {
            j.writeString(s);
        }
        j.writeEndArray();
    }
}
