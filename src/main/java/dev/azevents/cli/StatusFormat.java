package dev.azevents.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.azevents.ocf.AgentLog;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Renders a {@link StatusView} as text for a terminal, or as XML or JSON for scripts. Escaping is
 * left to the XML and JSON writers; in text, control characters from Azure data are made
 * visible so that an event id cannot forge a line.
 */
enum StatusFormat {
    TEXT, XML, JSON;

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
        out.append(t(v.agent())).append(" on ").append(t(v.node())).append(" (VM ")
                .append(t(v.azName())).append(") at ").append(v.now()).append('\n');
        v.problem().ifPresent(p -> out.append("PROBLEM: ").append(t(p)).append('\n'));
        v.incarnation().ifPresent(i -> out.append("events document incarnation ").append(i)
                .append('\n'));
        out.append("\nNodes:\n");
        for (StatusView.NodeLine n : v.nodes()) {
            out.append(String.format("  %-16s %-10s %-22s resources %-8s events %s%s%n",
                    t(n.name()), n.state(), t(n.pacemaker()), n.resources(),
                    t(n.pendingEventIds()), n.azName().map(a -> "  VM " + t(a)).orElse("")));
        }
        out.append("\nEvents:\n");
        if (v.events().isEmpty()) {
            out.append("  none\n");
        }
        for (StatusView.EventLine e : v.events()) {
            out.append("  ").append(t(e.eventId())).append("  ").append(t(e.type())).append(' ')
                    .append(t(e.status())).append("  VMs ").append(t(e.resources()))
                    .append(" = nodes ").append(t(e.nodes())).append("  NotBefore ")
                    .append(e.notBefore().map(Object::toString).orElse("-")).append(" (")
                    .append(e.deadline()).append(")\n");
        }
        out.append("\nThis node would now:\n");
        if (v.plan().isEmpty()) {
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

    private static String xml(StatusView v) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            x.writeStartDocument("1.0");
            x.writeStartElement("azevents-status");
            x.writeAttribute("agent", v.agent());
            x.writeAttribute("node", v.node());
            x.writeAttribute("vm", v.azName());
            x.writeAttribute("time", v.now().toString());
            v.incarnation().ifPresent(i -> attribute(x, "incarnation", String.valueOf(i)));
            x.writeStartElement("nodes");
            for (StatusView.NodeLine n : v.nodes()) {
                x.writeStartElement("node");
                x.writeAttribute("name", n.name());
                x.writeAttribute("state", n.state());
                x.writeAttribute("pacemaker", n.pacemaker());
                x.writeAttribute("resources", n.resources());
                x.writeAttribute("pending-events", String.join(",", n.pendingEventIds()));
                n.azName().ifPresent(a -> attribute(x, "vm", a));
                x.writeEndElement();
            }
            x.writeEndElement();
            x.writeStartElement("events");
            for (StatusView.EventLine e : v.events()) {
                x.writeStartElement("event");
                x.writeAttribute("id", e.eventId());
                x.writeAttribute("type", e.type());
                x.writeAttribute("status", e.status());
                x.writeAttribute("vms", String.join(",", e.resources()));
                x.writeAttribute("nodes", String.join(",", e.nodes()));
                e.notBefore().ifPresent(nb -> attribute(x, "not-before", nb.toString()));
                x.writeEndElement();
            }
            x.writeEndElement();
            x.writeStartElement("plan");
            for (StatusView.PlanLine p : v.plan()) {
                x.writeStartElement("action");
                x.writeAttribute("what", p.action());
                x.writeAttribute("reason", p.reason());
                x.writeEndElement();
            }
            for (String w : v.waitingFor()) {
                x.writeStartElement("waiting");
                x.writeCharacters(w);
                x.writeEndElement();
            }
            x.writeEndElement();
            x.writeStartElement("status");
            x.writeAttribute("code", v.problem().isPresent() ? "1" : "0");
            x.writeAttribute("message", v.problem().orElse("OK"));
            x.writeEndElement();
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("status XML could not be written", e);
        }
        return out + "\n";
    }

    private static void attribute(XMLStreamWriter x, String name, String value) {
        try {
            x.writeAttribute(name, value);
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(StatusView v) {
        StringWriter out = new StringWriter();
        try (JsonGenerator j = new JsonFactory().createGenerator(out)) {
            j.useDefaultPrettyPrinter();
            j.writeStartObject();
            j.writeStringField("agent", v.agent());
            j.writeStringField("node", v.node());
            j.writeStringField("vm", v.azName());
            j.writeStringField("time", v.now().toString());
            if (v.incarnation().isPresent()) {
                j.writeNumberField("incarnation", v.incarnation().get());
            }
            j.writeArrayFieldStart("nodes");
            for (StatusView.NodeLine n : v.nodes()) {
                j.writeStartObject();
                j.writeStringField("name", n.name());
                j.writeStringField("state", n.state());
                j.writeStringField("pacemaker", n.pacemaker());
                j.writeStringField("resources", n.resources());
                strings(j, "pendingEventIds", n.pendingEventIds());
                j.writeStringField("vm", n.azName().orElse(null));
                j.writeEndObject();
            }
            j.writeEndArray();
            j.writeArrayFieldStart("events");
            for (StatusView.EventLine e : v.events()) {
                j.writeStartObject();
                j.writeStringField("id", e.eventId());
                j.writeStringField("type", e.type());
                j.writeStringField("status", e.status());
                strings(j, "vms", e.resources());
                strings(j, "nodes", e.nodes());
                j.writeStringField("notBefore", e.notBefore().map(Object::toString).orElse(null));
                j.writeEndObject();
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

    private static void strings(JsonGenerator j, String name, List<String> values)
            throws IOException {
        j.writeArrayFieldStart(name);
        for (String s : values) {
            j.writeString(s);
        }
        j.writeEndArray();
    }
}
