package dev.azevents.lab;

import java.util.Arrays;
import java.util.List;

/** The agents the lab can run, named as an administrator configures them (provider:type). */
enum AgentUnderTest {
    AZEVENTS_STANDBY("azevents", "azure-events"),
    AZEVENTS_HEALTH("azevents", "azure-events-az"),
    HEARTBEAT_STANDBY("heartbeat", "azure-events"),
    HEARTBEAT_HEALTH("heartbeat", "azure-events-az");

    /** The node-health value that drains a node (the Python agent's and ours). */
    static final String HEALTH_DRAINED = "-1000000";
    static final String HEALTH_ATTRIBUTE = "#health-azure";

    private final String provider;
    private final String type;

    AgentUnderTest(String provider, String type) {
        this.provider = provider;
        this.type = type;
    }

    /** {@code provider:type}, as lab/agent.sh and the lab.agents property spell it. */
    String spec() {
        return provider + ":" + type;
    }

    boolean healthStrategy() {
        return type.equals("azure-events-az");
    }

    boolean ours() {
        return provider.equals("azevents");
    }

    /** Prefix of the cluster attributes, the same for ours and the originals. */
    String prefix() {
        return type;
    }

    String stateAttribute() {
        return prefix() + "_curNodeState";
    }

    /** The primitive's id as lab/agent.sh configures it (the documented names). */
    String resource() {
        return healthStrategy() ? "health-azure-events" : "rsc_azure-events";
    }

    /** Whether the agent has taken this node out of service (standby, or health drained). */
    boolean drained(ClusterView.NodeView n) {
        return healthStrategy() ? n.attr(HEALTH_ATTRIBUTE).equals(HEALTH_DRAINED) : n.standby();
    }

    static AgentUnderTest parse(String spec) {
        return Arrays.stream(values()).filter(a -> a.spec().equals(spec.strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown agent '" + spec
                        + "'; known: " + Arrays.stream(values()).map(AgentUnderTest::spec)
                        .toList()));
    }

    /** From a comma list such as the {@code lab.agents} system property. */
    static List<AgentUnderTest> parseList(String specs) {
        return Arrays.stream(specs.split(",")).filter(s -> !s.isBlank())
                .map(AgentUnderTest::parse).toList();
    }
}
