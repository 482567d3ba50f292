package dev.azevents.cluster;

import java.util.Optional;

/**
 * One attribute value a pass writes: on a node (permanent node attribute) when {@code node} is
 * present, else a cluster property in {@code crm_config}.
 */
record AttributeWrite(Optional<String> node, String name, String value) {

    static AttributeWrite onNode(String node, String name, String value) {
        return new AttributeWrite(Optional.of(node), name, value);
    }

    static AttributeWrite property(String name, String value) {
        return new AttributeWrite(Optional.empty(), name, value);
    }
}
