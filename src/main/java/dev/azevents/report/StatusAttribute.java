package dev.azevents.report;

import dev.azevents.engine.ClusterNode;
import dev.azevents.engine.Strategy;
import java.util.List;

/**
 * The value of the transient node attribute {@code <agent>_status}: the node's agent state and
 * drain in words, derived from what the agent recorded in the CIB (never read back: the CIB's
 * permanent attributes stay the one source of truth). Written through pacemaker-attrd, so that
 * {@code crm_mon -A} shows it (it hides {@code #health-azure}) and Pacemaker's alert agents
 * with {@code select_attributes} are called on every change.
 */
final class StatusAttribute {

    /** Event ids shown in a value: enough to tell events apart; the CIB has them all. */
    static final int SHORT_ID = 8;
    /** A sustained IMDS outage is reported on this node attribute of the node itself. */
    static final String IMDS_SUFFIX = "_imds";
    static final String STATUS_SUFFIX = "_status";

    private StatusAttribute() {
    }

    static String name(Strategy strategy) {
        return strategy.attributePrefix() + STATUS_SUFFIX;
    }

    static String imdsName(Strategy strategy) {
        return strategy.attributePrefix() + IMDS_SUFFIX;
    }

    static String value(ClusterNode n, Strategy strategy) {
        String events = ids(n.record().pendingEventIds());
        return switch (n.record().state()) {
            case AVAILABLE -> "AVAILABLE" + drain(n, strategy).map(d -> ", " + d).orElse("");
            case STOPPING -> "STOPPING, draining for " + events
                    + drain(n, strategy).map(d -> ", " + d).orElse("");
            case IN_EVENT -> "IN_EVENT, drained and approved: " + events;
            case ON_HOLD -> "ON_HOLD, not drained (no other node could take over): " + events;
        };
    }

    private static java.util.Optional<String> drain(ClusterNode n, Strategy strategy) {
        boolean drained = switch (strategy) {
            case STANDBY -> n.standby();
            case HEALTH -> n.record().healthAzure().orElse(0) < 0;
        };
        if (!drained) {
            return java.util.Optional.empty();
        }
        String how = strategy == Strategy.STANDBY ? "standby"
                : "#health-azure=" + n.record().healthAzure().orElse(0);
        return java.util.Optional.of(how + (n.record().drainedByAgent() ? " by the agent"
                : " by an administrator"));
    }

    private static String ids(List<String> ids) {
        if (ids.isEmpty()) {
            return "no event";
        }
        return String.join(" ", ids.stream().map(id -> id.length() <= SHORT_ID ? id
                : id.substring(0, SHORT_ID) + "...").toList());
    }
}
