package dev.azevents.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * {@link XmlReader} against the JDK's parser, configured as the agent configures it
 * ({@link CibXml#parse}): every document of a grammar rich in what XML escapes and normalises
 * reads alike, and whatever the reader accepts of a cut or damaged copy, the JDK reads as the same
 * tree. Both halves fail on a reader that guesses: one that accepted a truncated document or
 * decoded an entity wrongly would disagree with the JDK here.
 */
class XmlReaderPropertyTest {

    @Property(tries = 1500)
    void documentsReadAsTheJdkReadsThem(@ForAll("documents") String xml) throws Exception {
        assertEquals(jdk(xml), Optional.of(XmlReader.parse(xml)), shown(xml));
    }

    @Property(tries = 3000)
    void whatItAcceptsOfADamagedDocumentTheJdkReadsAlike(@ForAll("documents") String xml,
            @ForAll @IntRange(min = 0, max = 100_000) int where,
            @ForAll("damage") String damage, @ForAll boolean cut) {
        int at = where % (xml.length() + 1);
        String damaged = cut ? xml.substring(0, at)
                : xml.substring(0, at) + damage + xml.substring(Math.min(xml.length(), at + 1));
        XmlElement mine;
        try {
            mine = XmlReader.parse(damaged);
        } catch (XmlReader.NotXml refused) {
            return;
        }
        assertEquals(Optional.of(mine), jdk(damaged), shown(damaged));
    }

    /** Real outputs of the tools: every CIB file and crm_mon document the tests keep. */
    @Test
    void theToolsOutputsInTheTestsReadAlike() throws Exception {
        List<Path> files;
        try (Stream<Path> all = Files.walk(Path.of("src"))) {
            files = all.filter(p -> p.toString().endsWith(".xml")).toList();
        }
        int read = 0;
        for (Path f : files) {
            String xml = Files.readString(f);
            Optional<XmlElement> expected = jdk(xml);
            if (expected.isPresent() && !xml.contains("<!DOCTYPE")) {
                assertEquals(expected.get(), XmlReader.parse(xml), f.toString());
                read++;
            }
        }
        assertEquals(true, read >= 3, "XML files read: " + read);
    }

    @Test
    void refusesWhatTheAgentsParserRefusesOrCannotHaveMeant() {
        for (String bad : List.of("", "  ", "<a>", "<a></b>", "<a b='1' b='2'/>", "<a/><b/>",
                "<!DOCTYPE a [<!ENTITY x 'y'>]><a>&x;</a>", "<a>&nbsp;</a>", "<a b='<'/>",
                "<a>\u0001</a>", "<a b=1/>", "<a b='1'c='2'/>", "text<a/>", "<a/>text",
                "<?xml version='1.1'?><a/>", "<a/><?xml version='1.0'?>", "<a>]]></a>",
                "<a><!-- x -- y --></a>", "<a>&#0;</a>", "<a>&#xD800;</a>", "<a>&#x110000;</a>")) {
            assertThrows(XmlReader.NotXml.class, () -> XmlReader.parse(bad), bad);
        }
    }

    private static String shown(String xml) {
        StringBuilder out = new StringBuilder();
        xml.chars().forEach(c -> out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c)
                : String.valueOf((char) c)));
        return out.toString();
    }

    /** The JDK's DOM as an XmlElement tree, or empty when it refuses the text. */
    static Optional<XmlElement> jdk(String xml) {
        return CibXml.parse(xml).document().map(Document::getDocumentElement)
                .map(XmlReaderPropertyTest::tree);
    }

    private static XmlElement tree(Element e) {
        Map<String, String> attributes = new LinkedHashMap<>();
        NamedNodeMap map = e.getAttributes();
        for (int i = 0; i < map.getLength(); i++) {
            attributes.put(map.item(i).getNodeName(), map.item(i).getNodeValue());
        }
        List<XmlElement> children = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                children.add(tree(c));
            } else if (n.getNodeType() == Node.TEXT_NODE
                    || n.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(n.getNodeValue());
            }
        }
        return new XmlElement(e.getTagName(), attributes, children, text.toString());
    }

    @Provide
    Arbitrary<String> damage() {
        return Arbitraries.of("<", ">", "&", "\"", "'", "/", "=", ";", "#", "!", "?", "-", "]",
                " ", "x", "\u0001", "\r", "&amp", "</", "<!--", "]]>", "&#", "\uFEFF", "é");
    }

    @Provide
    Arbitrary<String> documents() {
        Arbitrary<String> prolog = Arbitraries.of("", "", "<?xml version=\"1.0\"?>\n",
                "<?xml version='1.0' encoding='UTF-8'?>",
                "<?xml version=\"1.0\" standalone=\"yes\" ?>\r\n",
                "<!-- generated -->\n", "<?pacemaker x?>");
        Arbitrary<String> tail = Arbitraries.of("", "\n", "\r\n", "<!-- end -->", " <?pi ?> ");
        return Combinators.combine(prolog, element(3), tail).as((p, e, t) -> p + e + t);
    }

    private Arbitrary<String> element(int depth) {
        Arbitrary<String> name = Arbitraries.of("cib", "node", "nvpair", "lrm_rsc_op", "a",
                "x-y.z", "_n", "ns:tag", "nœud", "n1");
        Arbitrary<String> attrs = attribute().list().ofMaxSize(3).map(list -> {
            Map<String, String> unique = new LinkedHashMap<>();
            for (String[] a : list) {
                unique.putIfAbsent(a[0], a[1]);
            }
            StringBuilder out = new StringBuilder();
            unique.forEach((k, v) -> out.append(' ').append(k).append('=').append(v));
            return out.toString();
        });
        Arbitrary<String> space = Arbitraries.of("", "", " ", "\n  ", "\t");
        Arbitrary<String> content = depth == 0 ? text() : Arbitraries.oneOf(text(),
                element(depth - 1), Arbitraries.of("<!-- c -->", "<![CDATA[<&>]]>", "<?pi data?>"))
                .list().ofMaxSize(3).map(parts -> String.join("", parts));
        return Combinators.combine(name, attrs, space, content, Arbitraries.of(true, false))
                .as((n, a, s, c, empty) -> empty && c.isEmpty() ? "<" + n + a + s + "/>"
                        : "<" + n + a + s + ">" + c + "</" + n + s + ">");
    }

    /** An attribute as name and quoted, escaped value. */
    private Arbitrary<String[]> attribute() {
        Arbitrary<String> name = Arbitraries.of("id", "name", "value", "op-status", "xmlns:x",
                "crm-debug-origin", "é");
        Arbitrary<String> value = Arbitraries.of("", "1", "node1", "a b", "a&amp;b", "&lt;x&gt;",
                "&quot;q&quot;", "&apos;", "tab\there", "line\nend", "cr\r\nlf", "&#10;&#x9;",
                "&#233;", "\u00e9\u20ac", "\ud83d\ude00", "&#x1F600;", ">");
        return Combinators.combine(name, value, Arbitraries.of('"', '\''))
                .as((n, v, q) -> new String[] {n, q + v.replace(String.valueOf(q),
                        q == '"' ? "&quot;" : "&apos;") + q});
    }

    private Arbitrary<String> text() {
        return Arbitraries.of("", "x", " ", "\n", "a&amp;b", "&lt;/x&gt;", "&#10;", "\r\n",
                "\u00e9", "\ud83d\ude00", "&gt;", "'\"", "&#x20AC;", "]]", "]");
    }
}
