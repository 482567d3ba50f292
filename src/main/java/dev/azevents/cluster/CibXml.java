package dev.azevents.cluster;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
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
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The JDK's XML parser and writer, set up for text that comes from tools: no DTD, no external
 * entities. Writing goes through the JDK's serializer, which escapes every attribute value
 * (quotes, {@code <}, {@code &}, and also tabs and newlines as character references, which the
 * stream writer would leave raw and a parser would turn into spaces).
 */
final class CibXml {

    /**
     * Errors become the exception the caller turns into a value; without a handler the JDK's
     * parser also prints "[Fatal Error] ..." on stderr, which Pacemaker would log as ours.
     */
    private static final ErrorHandler QUIET = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    private CibXml() {
    }

    /** Parses a tool's output; empty with the reason when it is not well-formed XML. */
    static Parsed parse(String text) {
        try {
            DocumentBuilder builder = factory().newDocumentBuilder();
            builder.setErrorHandler(QUIET);
            return new Parsed(Optional.of(builder.parse(new InputSource(new StringReader(text)))),
                    "");
        } catch (ParserConfigurationException | SAXException | IOException e) {
            return new Parsed(Optional.empty(), "not well-formed XML: " + e.getMessage());
        }
    }

    /** @param document the document, or empty with {@code problem} saying why */
    record Parsed(Optional<Document> document, String problem) {
    }

    static Document newDocument() {
        try {
            return factory().newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be configured", e);
        }
    }

    static String write(Document document) {
        try {
            TransformerFactory factory = TransformerFactory.newDefaultInstance();
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer transformer = factory.newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(document), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("the JDK's XML writer failed on a DOM it built", e);
        }
    }

    /** Child elements of {@code parent} with this tag, in document order. */
    static List<Element> children(Node parent, String tag) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                found.add(e);
            }
        }
        return found;
    }

    static Optional<Element> child(Node parent, String tag) {
        return children(parent, tag).stream().findFirst();
    }

    /** Follows a path of child tags from {@code start}; empty if any step is missing. */
    static Optional<Element> path(Node start, String... tags) {
        Optional<Element> at = start instanceof Element e ? Optional.of(e) : Optional.empty();
        if (start instanceof Document d) {
            at = Optional.ofNullable(d.getDocumentElement());
        }
        for (String tag : tags) {
            at = at.flatMap(e -> child(e, tag));
        }
        return at;
    }

    /** An attribute, empty when absent (DOM returns "" for both absent and empty). */
    static Optional<String> attribute(Element element, String name) {
        return element.hasAttribute(name) ? Optional.of(element.getAttribute(name))
                : Optional.empty();
    }

    static boolean isTrue(Element element, String name) {
        return "true".equals(element.getAttribute(name));
    }

    /** Characters XML 1.0 can carry at all; anything else cannot be written into the CIB. */
    static boolean isXmlText(String value) {
        return value.codePoints().allMatch(c -> c == 0x9 || c == 0xA || c == 0xD
                || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF));
    }

    private static DocumentBuilderFactory factory() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        // Tool output never needs a DTD; refusing one rules out entity expansion and fetches.
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setNamespaceAware(false);
        return factory;
    }
}
