package dev.azevents.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the XML that {@code cibadmin --query} and {@code crm_mon --output-as=xml} print (libxml2's
 * serialisation) into {@link XmlElement}s, for the monitor's snapshot. Why not the JDK's parser:
 * in a JVM that lives 150 ms, its first use costs about 30 ms of CPU whatever the document's size
 * (the XML security manager's set-up spins method handles, the DOM and parser configuration), a
 * fifth of a full monitor pass (issue 13).
 *
 * <p>What it reads is XML 1.0 without a DTD: the declaration, comments and processing
 * instructions (skipped), elements and attributes, character data, CDATA sections, the five
 * predefined entities and character references; line ends and attribute whitespace are
 * normalised as the specification says. Anything else is refused, never guessed at: a DOCTYPE
 * (as the JDK parser is configured to do), an unknown entity, a character XML does not allow,
 * an unclosed or mismatched element, a repeated attribute, content after the root. A property
 * test checks that whatever this class accepts, the JDK's parser reads alike.
 */
final class XmlReader {

    /** Why a text is not XML this reader accepts. */
    static final class NotXml extends Exception {
        NotXml(String message) {
            super(message);
        }
    }

    private final String xml;
    private int at;

    private XmlReader(String text) {
        // Line ends as XML 1.0 section 2.11: CR LF and a lone CR are read as LF.
        this.xml = text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** The root element of {@code text}. */
    static XmlElement parse(String text) throws NotXml {
        return new XmlReader(text).document();
    }

    private XmlElement document() throws NotXml {
        // A byte-order mark decoded into the text is content before the root, as for the JDK
        // parser reading a String: refused.
        misc();
        if (!xml.startsWith("<", at) || xml.startsWith("</", at)) {
            throw fail("no root element");
        }
        XmlElement root = element();
        misc();
        if (at != xml.length()) {
            throw fail("content after the root element");
        }
        return root;
    }

    /** Whitespace, comments and processing instructions (the declaration among them). */
    private void misc() throws NotXml {
        while (true) {
            skipSpace();
            if (xml.startsWith("<!--", at)) {
                comment();
            } else if (xml.startsWith("<?", at)) {
                instruction();
            } else if (xml.startsWith("<!DOCTYPE", at)) {
                throw fail("a DOCTYPE is not accepted");
            } else {
                return;
            }
        }
    }

    private void comment() throws NotXml {
        int end = xml.indexOf("--", at + 4);
        if (end < 0 || !xml.startsWith("-->", end)) {
            throw fail("comment not closed, or '--' inside it");
        }
        checkChars(at + 4, end);
        at = end + 3;
    }

    private void instruction() throws NotXml {
        int end = xml.indexOf("?>", at + 2);
        if (end < 0) {
            throw fail("processing instruction not closed");
        }
        int nameEnd = nameEnd(at + 2);
        if (nameEnd == at + 2) {
            throw fail("processing instruction without a target");
        }
        String target = xml.substring(at + 2, nameEnd);
        if (target.equalsIgnoreCase("xml")) {
            declaration(target, nameEnd, end);
        } else if (nameEnd < end && " \t\n".indexOf(xml.charAt(nameEnd)) < 0) {
            throw fail("no space after the processing instruction's target");
        } else {
            checkChars(nameEnd, end);
        }
        at = end + 2;
    }

    /**
     * {@code <?xml version="1.0" encoding="..." standalone="..."?>}, only at the very start; the
     * text is already decoded, so the encoding is only checked to be a name.
     */
    private void declaration(String target, int from, int end) throws NotXml {
        if (!target.equals("xml") || at != 0) {
            throw fail("'<?" + target + "' is reserved for the XML declaration at the start");
        }
        at = from;
        int seen = 0;
        while (true) {
            boolean spaced = skipSpace();
            if (at == end) {
                break;
            }
            String name = name();
            int index = DECLARED.indexOf(name);
            if (!spaced || index < seen || seen == 0 && index != 0) {
                throw fail("not an XML declaration");
            }
            skipSpace();
            expect('=');
            skipSpace();
            String value = attributeValue();
            if (at > end || !declared(name, value)) {
                throw fail("not an XML declaration we read (" + name + ")");
            }
            seen = index + 1;
        }
        if (seen == 0) {
            throw fail("XML declaration without a version");
        }
    }

    private static final List<String> DECLARED = List.of("version", "encoding", "standalone");

    private static boolean declared(String name, String value) {
        return switch (name) {
            case "version" -> value.equals("1.0");
            case "encoding" -> isEncodingName(value);
            default -> value.equals("yes") || value.equals("no");
        };
    }

    private static boolean isEncodingName(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean digitOrMark = c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-';
            if (!isAsciiLetter(c) && (i == 0 || !digitOrMark)) {
                return false;
            }
        }
        return !value.isEmpty();
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    /** An element, from its '<' to the end of its end tag. */
    private XmlElement element() throws NotXml {
        at++;
        String name = name();
        Map<String, String> attributes = new LinkedHashMap<>();
        while (true) {
            boolean spaced = skipSpace();
            if (xml.startsWith("/>", at)) {
                at += 2;
                return new XmlElement(name, attributes, List.of(), "");
            }
            if (xml.startsWith(">", at)) {
                at++;
                break;
            }
            if (!spaced) {
                throw fail("no space before an attribute of <" + name + ">");
            }
            String attribute = name();
            skipSpace();
            expect('=');
            skipSpace();
            if (attributes.put(attribute, attributeValue()) != null) {
                throw fail("attribute " + attribute + " repeated in <" + name + ">");
            }
        }
        return content(name, attributes);
    }

    /** Children and text up to {@code </name>}. */
    private XmlElement content(String name, Map<String, String> attributes) throws NotXml {
        List<XmlElement> children = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        while (true) {
            if (at >= xml.length()) {
                throw fail("<" + name + "> not closed");
            }
            char c = xml.charAt(at);
            if (c == '<') {
                if (xml.startsWith("</", at)) {
                    at += 2;
                    if (!name().equals(name)) {
                        throw fail("end tag does not match <" + name + ">");
                    }
                    skipSpace();
                    expect('>');
                    return new XmlElement(name, attributes, children, text.toString());
                } else if (xml.startsWith("<!--", at)) {
                    comment();
                } else if (xml.startsWith("<![CDATA[", at)) {
                    int end = xml.indexOf("]]>", at + 9);
                    if (end < 0) {
                        throw fail("CDATA section not closed");
                    }
                    checkChars(at + 9, end);
                    text.append(xml, at + 9, end);
                    at = end + 3;
                } else if (xml.startsWith("<?", at)) {
                    instruction();
                } else if (xml.startsWith("<!", at)) {
                    throw fail("markup declaration inside an element");
                } else {
                    children.add(element());
                }
            } else if (c == '&') {
                reference(text);
            } else {
                if (xml.startsWith("]]>", at)) {
                    throw fail("']]>' in character data");
                }
                checkChar(at);
                text.append(c);
                at++;
            }
        }
    }

    private String attributeValue() throws NotXml {
        if (at >= xml.length() || xml.charAt(at) != '"' && xml.charAt(at) != '\'') {
            throw fail("attribute value not quoted");
        }
        char quote = xml.charAt(at++);
        StringBuilder value = new StringBuilder();
        while (true) {
            if (at >= xml.length()) {
                throw fail("attribute value not closed");
            }
            char c = xml.charAt(at);
            if (c == quote) {
                at++;
                return value.toString();
            }
            if (c == '<') {
                throw fail("'<' in an attribute value");
            }
            if (c == '&') {
                reference(value);
            } else {
                checkChar(at);
                // Attribute-value normalisation (XML 1.0 section 3.3.3, no DTD: CDATA).
                value.append(c == '\t' || c == '\n' ? ' ' : c);
                at++;
            }
        }
    }

    /** {@code &name;} or {@code &#N;} or {@code &#xH;}, appended decoded. */
    private void reference(StringBuilder out) throws NotXml {
        int end = xml.indexOf(';', at);
        if (end < 0 || end - at > 12) {
            throw fail("'&' not starting a reference");
        }
        String ref = xml.substring(at + 1, end);
        switch (ref) {
            case "lt" -> out.append('<');
            case "gt" -> out.append('>');
            case "amp" -> out.append('&');
            case "quot" -> out.append('"');
            case "apos" -> out.append('\'');
            default -> out.appendCodePoint(characterReference(ref));
        }
        at = end + 1;
    }

    private int characterReference(String ref) throws NotXml {
        boolean hex = ref.startsWith("#x");
        String digits = ref.length() > 1 ? ref.substring(hex ? 2 : 1) : "";
        if (!ref.startsWith("#") || digits.isEmpty()) {
            throw fail("unknown entity &" + ref + ";");
        }
        int code = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = Character.digit(digits.charAt(i), hex ? 16 : 10);
            if (d < 0 || code > 0x10FFFF) {
                throw fail("bad character reference &" + ref + ";");
            }
            code = code * (hex ? 16 : 10) + d;
        }
        if (!allowed(code)) {
            throw fail("character reference &" + ref + "; to a character XML does not allow");
        }
        return code;
    }

    /** Names of elements, attributes and targets: letters, digits and {@code _:.-}. */
    private String name() throws NotXml {
        int end = nameEnd(at);
        if (end == at) {
            throw fail("a name expected");
        }
        String name = xml.substring(at, end);
        at = end;
        return name;
    }

    private int nameEnd(int from) {
        int i = from;
        while (i < xml.length()) {
            char c = xml.charAt(i);
            boolean start = Character.isLetter(c) || c == '_' || c == ':';
            boolean rest = Character.isDigit(c) || c == '-' || c == '.';
            if (!(start || i > from && rest)) {
                break;
            }
            i++;
        }
        return i;
    }

    /** Skips XML whitespace; whether there was any. */
    private boolean skipSpace() {
        int from = at;
        while (at < xml.length() && " \t\n".indexOf(xml.charAt(at)) >= 0) {
            at++;
        }
        return at > from;
    }

    private void expect(char c) throws NotXml {
        if (at >= xml.length() || xml.charAt(at) != c) {
            throw fail("'" + c + "' expected");
        }
        at++;
    }

    private void checkChars(int from, int to) throws NotXml {
        for (int i = from; i < to; i++) {
            checkChar(i);
        }
    }

    /** The UTF-16 unit at {@code i} is part of a character XML allows (surrogates in pairs). */
    private void checkChar(int i) throws NotXml {
        char c = xml.charAt(i);
        boolean paired = Character.isHighSurrogate(c)
                ? i + 1 < xml.length() && Character.isLowSurrogate(xml.charAt(i + 1))
                : !Character.isLowSurrogate(c)
                        || i > 0 && Character.isHighSurrogate(xml.charAt(i - 1));
        if (c < 0x20 && c != '\t' && c != '\n' || c == 0xFFFE || c == 0xFFFF || !paired) {
            throw fail("a character XML does not allow (U+" + Integer.toHexString(c) + ")");
        }
    }

    private static boolean allowed(int code) {
        return code == 0x9 || code == 0xA || code == 0xD || code >= 0x20 && code <= 0xD7FF
                || code >= 0xE000 && code <= 0xFFFD || code >= 0x10000 && code <= 0x10FFFF;
    }

    private NotXml fail(String what) {
        return new NotXml(what + " at offset " + at);
    }
}
