package dev.azevents.ocf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.azevents.imds.EventType;
import dev.azevents.sim.EventSpec;
import dev.azevents.sim.ImdsSimulator;
import dev.azevents.sim.SimEvent;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The seed's story with the standby agent on real Pacemaker data: three nodes in a CIB file,
 * each running the agent in-process against its own VM in the IMDS simulator; between passes
 * {@code crm_simulate} plays the cluster's reaction. A Reboot for node2's VM: STOPPING, standby,
 * resources gone, approved by a peer, the event ends, a peer lets node2 out, AVAILABLE again;
 * and the same with the health strategy, where node2 drains by health and approves itself.
 */
class SeedStoryOnCibFileTest {

    static final Duration MONITOR_INTERVAL = Duration.ofSeconds(10);


    @TempDir
    Path dir;
    ImdsSimulator sim;
    /** Azure's time in the simulator; moved by the test, never slept on. */
    final SteppingClock azureClock = new SteppingClock(Instant.parse("2026-11-25T02:00:00Z"));
    final Map<String, CibFileAgent> nodes = new LinkedHashMap<>();
    String agent;

    @BeforeEach
    void threeNodesUp() throws Exception {
        sim = ImdsSimulator.builder().vm("vm1").vm("vm2").vm("vm3").clock(azureClock)
                .log(l -> { }).build();
        sim.start();
        for (int i = 1; i <= 3; i++) {
            CibFileAgent agent = new CibFileAgent(dir, getClass(), "three-dummies.xml",
                    "node" + i, sim.metadataUrl("vm" + i).toString());
            nodes.put("node" + i, agent);
        }
        clusterReacts("--node-up", "node1", "--node-up", "node2", "--node-up", "node3");
    }

    /** Starts the agent on every node and runs the first passes (they record identities). */
    private void start(String agentName) throws Exception {
        agent = agentName;
        for (CibFileAgent a : nodes.values()) {
            assertEquals(OcfExit.SUCCESS, a.run(agent, "start"), a.stderr);
        }
        passOn("node1", "node2", "node3");
        assertEquals("node2", placement().get("dummy2"));
    }

    /** The documented health setup: strategy, the location rule, every node healthy. */
    private void configureHealth() throws Exception {
        CibFileAgent any = nodes.get("node1");
        any.tool("crm_attribute", "--type", "crm_config", "--name", "node-health-strategy",
                "--update", "custom");
        any.tool("cibadmin", "--create", "--scope", "constraints", "--xml-text",
                "<rsc_location id=\"loc_azure_health\" rsc-pattern=\"!health-.*\"><rule"
                + " id=\"loc_azure_health-rule\" score-attribute=\"#health-azure\"><expression"
                + " id=\"loc_azure_health-expr\" attribute=\"#uname\" operation=\"defined\"/>"
                + "</rule></rsc_location>");
        for (String node : nodes.keySet()) {
            any.tool("crm_attribute", "--node", node, "--name", "#health-azure", "--update",
                    "0");
        }
        clusterReacts();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void healthStrategyRebootOfNode2DrainsByHealthNode2ApprovesItselfAndComesBack()
            throws Exception {
        configureHealth();
        start("azure-events-az");
        SimEvent reboot = sim.schedule(EventSpec.of(EventType.REBOOT, "vm2")
                .withNotBeforeSeconds(900).withActiveSeconds(120));

        passOn("node2");
        passOn("node2");
        assertEquals("STOPPING", attribute("node2", "azure-events-az_curNodeState"));
        assertEquals(reboot.eventId(), attribute("node2", "azure-events-az_pendingEventIDs"));
        assertEquals("-1000000", attribute("node2", "#health-azure"));
        assertEquals("off", attribute("node2", "standby"), "health strategy: no standby");
        assertTrue(posts().isEmpty(), "not approved while node2 still runs dummy2");

        clusterReacts();
        assertTrue(!placement().containsValue("node2"), "resources gone from node2");
        passOn("node1", "node3");
        assertTrue(posts().isEmpty(), "peers do not approve in the health strategy");
        passOn("node2");
        assertEquals(1, posts().size(), "node2 approved its own event");

        azureClock.advance(Duration.ofSeconds(121));
        passOn("node2");
        assertEquals("AVAILABLE", attribute("node2", "azure-events-az_curNodeState"));
        assertEquals("0", attribute("node2", "#health-azure"));
        clusterReacts();
        String before = nodes.get("node1").version();
        passOn("node1", "node2", "node3");
        assertEquals(before, nodes.get("node1").version(), "converged: idle passes write nothing");
    }

    @Test
    void rebootOfNode2DrainsApprovesAndBringsItBack() throws Exception {
        start("azure-events");
        SimEvent reboot = sim.schedule(EventSpec.of(EventType.REBOOT, "vm2")
                .withNotBeforeSeconds(900).withActiveSeconds(120));

        passOn("node2");
        assertEquals("STOPPING", attribute("node2", "azure-events_curNodeState"));
        assertEquals(reboot.eventId(), attribute("node2", "azure-events_pendingEventIDs"));
        passOn("node2");
        assertEquals("on", attribute("node2", "standby"));
        passOn("node1", "node3");
        assertTrue(posts().isEmpty(), "not approved while node2 still runs dummy2");

        clusterReacts();
        assertTrue(!placement().containsValue("node2"), "resources gone from node2");
        passOn("node1", "node3");
        assertEquals("IN_EVENT", attribute("node2", "azure-events_curNodeState"));
        assertEquals(1, posts().size(), "approved once, by one peer");

        azureClock.advance(Duration.ofSeconds(121));
        passOn("node1", "node3");
        assertEquals("AVAILABLE", attribute("node2", "azure-events_curNodeState"));
        assertEquals("off", attribute("node2", "standby"));
        clusterReacts();
        String before = nodes.get("node1").version();
        passOn("node1", "node2", "node3");
        assertEquals(before, nodes.get("node1").version(), "converged: idle passes write nothing");
    }

    private void passOn(String... names) {
        for (String name : names) {
            // A pass every 10 s, as the monitor interval: IMDS allows 5 requests a second.
            azureClock.advance(MONITOR_INTERVAL);
            CibFileAgent a = nodes.get(name);
            assertEquals(OcfExit.SUCCESS, a.run(agent, "monitor"), a.stderr);
        }
    }

    private List<String> posts() {
        return sim.requests().stream().filter(r -> r.method().equals("POST"))
                .map(r -> r.body()).toList();
    }

    /** crm_simulate plays the transition the cluster would run now, into the same file. */
    private void clusterReacts(String... extra) throws Exception {
        CibFileAgent any = nodes.get("node1");
        Path out = dir.resolve("next.xml");
        List<String> argv = new java.util.ArrayList<>(List.of("crm_simulate", "-x",
                any.cib.toString(), "-S", "-O", out.toString()));
        argv.addAll(List.of(extra));
        any.tool(argv.toArray(String[]::new));
        Files.move(out, any.cib, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Resource → node it is active on, from crm_mon's XML. */
    private Map<String, String> placement() throws Exception {
        Document mon = parse(nodes.get("node1").tool("crm_mon", "--output-as=xml"));
        Map<String, String> where = new LinkedHashMap<>();
        NodeList resources = mon.getElementsByTagName("resource");
        for (int i = 0; i < resources.getLength(); i++) {
            Element r = (Element) resources.item(i);
            NodeList on = r.getElementsByTagName("node");
            if ("true".equals(r.getAttribute("active")) && on.getLength() > 0) {
                where.put(r.getAttribute("id"), ((Element) on.item(0)).getAttribute("name"));
            }
        }
        return where;
    }

    /** A node attribute (standby defaults to off), read from the CIB. */
    private String attribute(String node, String name) throws Exception {
        Document cib = parse(nodes.get("node1").query());
        NodeList all = cib.getElementsByTagName("node");
        for (int i = 0; i < all.getLength(); i++) {
            Element n = (Element) all.item(i);
            if (!n.getAttribute("uname").equals(node)) {
                continue;
            }
            NodeList pairs = n.getElementsByTagName("nvpair");
            for (int j = 0; j < pairs.getLength(); j++) {
                Element nv = (Element) pairs.item(j);
                if (nv.getAttribute("name").equals(name)) {
                    return nv.getAttribute("value");
                }
            }
        }
        return name.equals("standby") ? "off" : "";
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(xml)));
    }
}
