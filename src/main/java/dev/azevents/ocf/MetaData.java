package dev.azevents.ocf;

import dev.azevents.engine.Strategy;
import java.io.StringWriter;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The {@code meta-data} document of each agent, valid against Pacemaker's {@code ra-api-1.dtd}.
 * Built with the JDK's XML writer so every text is escaped by the writer, never by hand.
 */
public final class MetaData {

    /** An OCF action line: timeouts chosen for what each action does. */
    record ActionSpec(String name, String timeout, String interval) {
    }

    /**
     * monitor: interval 10 s as the originals; timeout 240 s as theirs, above the worst IMDS
     * retry budget (3 attempts x (15 s + 20 s)) plus the lease wait. start/validate-all read the
     * CIB once to check the configuration.
     */
    static final List<ActionSpec> ACTIONS = List.of(
            new ActionSpec("start", "20s", null),
            new ActionSpec("stop", "10s", null),
            new ActionSpec("monitor", "240s", "10s"),
            new ActionSpec("validate-all", "20s", null),
            new ActionSpec("meta-data", "5s", null),
            new ActionSpec("usage", "5s", null));

    static final String VERSION = "1.0";

    private MetaData() {
    }

    public static String document(Strategy strategy) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("1.0");
            xml.writeCharacters("\n");
            xml.writeDTD("<!DOCTYPE resource-agent SYSTEM \"ra-api-1.dtd\">");
            xml.writeCharacters("\n");
            xml.writeStartElement("resource-agent");
            xml.writeAttribute("name", strategy.attributePrefix());
            xml.writeAttribute("version", VERSION);
            element(xml, 1, "version", VERSION);
            described(xml, 1, longDesc(strategy), shortDesc(strategy));
            parameters(xml);
            actions(xml);
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            // Only fixed text is written to a StringWriter: this cannot fail.
            throw new IllegalStateException("meta-data could not be written", e);
        }
        return out.toString();
    }

    private static void parameters(XMLStreamWriter xml) throws XMLStreamException {
        indent(xml, 1);
        xml.writeStartElement("parameters");
        for (ParameterSpec p : ParameterSpec.ALL) {
            indent(xml, 2);
            xml.writeStartElement("parameter");
            xml.writeAttribute("name", p.name());
            xml.writeAttribute("unique", "0");
            xml.writeAttribute("required", "0");
            described(xml, 3, p.longDesc(), p.shortDesc());
            indent(xml, 3);
            xml.writeEmptyElement("content");
            xml.writeAttribute("type", p.type());
            xml.writeAttribute("default", p.value());
            indent(xml, 2);
            xml.writeEndElement();
        }
        indent(xml, 1);
        xml.writeEndElement();
    }

    private static void actions(XMLStreamWriter xml) throws XMLStreamException {
        indent(xml, 1);
        xml.writeStartElement("actions");
        for (ActionSpec a : ACTIONS) {
            indent(xml, 2);
            xml.writeEmptyElement("action");
            xml.writeAttribute("name", a.name());
            xml.writeAttribute("timeout", a.timeout());
            if (a.interval() != null) {
                xml.writeAttribute("interval", a.interval());
            }
        }
        indent(xml, 1);
        xml.writeEndElement();
    }

    private static void described(XMLStreamWriter xml, int depth, String longDesc,
            String shortDesc) throws XMLStreamException {
        indent(xml, depth);
        xml.writeStartElement("longdesc");
        xml.writeAttribute("lang", "en");
        xml.writeCharacters(longDesc);
        xml.writeEndElement();
        indent(xml, depth);
        xml.writeStartElement("shortdesc");
        xml.writeAttribute("lang", "en");
        xml.writeCharacters(shortDesc);
        xml.writeEndElement();
    }

    private static void element(XMLStreamWriter xml, int depth, String name, String text)
            throws XMLStreamException {
        indent(xml, depth);
        xml.writeStartElement(name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }

    private static void indent(XMLStreamWriter xml, int depth) throws XMLStreamException {
        xml.writeCharacters("\n" + "  ".repeat(depth));
    }

    static String shortDesc(Strategy strategy) {
        return switch (strategy) {
            case STANDBY -> "Azure Scheduled Events: drain a node by standby before maintenance";
            case HEALTH -> "Azure Scheduled Events: drain a node by node health before maintenance";
        };
    }

    static String longDesc(Strategy strategy) {
        String common = "Watches Azure Scheduled Events through the Instance Metadata Service and"
                + " moves every Pacemaker resource away from a node before Azure reboots,"
                + " redeploys, freezes, evicts or deletes its VM, approves the event once the node"
                + " is drained, and brings the node back when the event is over. Run it as a"
                + " clone on every node, with a monitor interval of 10s. Drop-in replacement for"
                + " ocf:heartbeat:" + strategy.attributePrefix() + " (same attributes).\n";
        return common + switch (strategy) {
            case STANDBY -> "Strategy: standby. The affected node is put in standby; a peer"
                    + " approves its events. Needs every VM to see every VM's events (an"
                    + " availability set); in availability zones or scale sets use"
                    + " azure-events-az.";
            case HEALTH -> "Strategy: node health. The affected node's #health-azure attribute is"
                    + " set to -1000000 and the node approves its own events. Needs"
                    + " node-health-strategy=custom, a location rule on #health-azure for every"
                    + " resource whose id does not match health-.*, and this clone named health-..."
                    + " with meta allow-unhealthy-nodes=true (Pacemaker 2.1.3 or later).";
        };
    }
}
