package dev.azevents.ocf;

import dev.azevents.cluster.ClusterConfiguration;
import dev.azevents.engine.Strategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code validate-all} and {@code start} check in the cluster configuration for the chosen
 * strategy. Problems make the action fail with {@code OCF_ERR_CONFIGURED} and say what to add;
 * warnings are logged. The originals checked none of this, and a cluster missing any of it
 * leaves events unhandled without a word.
 */
public final class ConfigurationCheck {

    /** The id pattern the documented location rule exempts; our clone must match it. */
    static final String HEALTH_PATTERN = "health-.*";
    static final String HEALTH_RULE = "!" + HEALTH_PATTERN;
    static final String ALLOW_UNHEALTHY = "allow-unhealthy-nodes";
    /** {@code allow-unhealthy-nodes} appeared in Pacemaker 2.1.3. */
    static final int[] MIN_HEALTH_VERSION = {2, 1, 3};
    private static final Pattern VERSION =
            Pattern.compile("^(\\d{1,6})\\.(\\d{1,6})\\.(\\d{1,6})");

    /** What was found: problems (the action fails) and warnings (logged). */
    public record Report(List<String> problems, List<String> warnings) {
        public Report {
            problems = List.copyOf(problems);
            warnings = List.copyOf(warnings);
        }
    }

    private ConfigurationCheck() {
    }

    /**
     * @param resourceId this resource's primitive id ({@code OCF_RESOURCE_INSTANCE} without a
     *                   clone suffix), empty when not run by Pacemaker
     */
    public static Report check(Strategy strategy, ClusterConfiguration cib,
            Optional<String> resourceId) {
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (cib.property("maintenance-mode").map(ConfigurationCheck::isTrue).orElse(false)) {
            warnings.add("maintenance-mode is on: Pacemaker runs no monitor, so Azure events are"
                    + " not handled until it is turned off");
        }
        switch (strategy) {
            case STANDBY -> warnings.add("the standby strategy needs every VM to see every VM's"
                    + " events (an availability set); in availability zones, scale sets or for"
                    + " single VMs use azure-events-az");
            case HEALTH -> checkHealth(cib, resourceId, problems, warnings);
        }
        return new Report(problems, warnings);
    }

    private static void checkHealth(ClusterConfiguration cib, Optional<String> resourceId,
            List<String> problems, List<String> warnings) {
        String strategy = cib.property("node-health-strategy").orElse("");
        if (!"custom".equals(strategy)) {
            problems.add("node-health-strategy is " + (strategy.isEmpty() ? "not set"
                    : ParameterValidator.quote(strategy)) + ", it must be custom (crm_attribute"
                    + " --type crm_config --name node-health-strategy --update custom)");
        }
        if (!cib.healthRules().contains(HEALTH_RULE)) {
            problems.add("no location rule scores resources by #health-azure with rsc-pattern "
                    + HEALTH_RULE + " (pcs constraint location 'regexp%" + HEALTH_RULE
                    + "' rule score-attribute='#health-azure' defined '#uname')");
        }
        checkVersion(cib, problems, warnings);
        Optional<ClusterConfiguration.Primitive> self = resourceId.flatMap(cib::primitive);
        if (self.isEmpty()) {
            warnings.add("resource " + resourceId.map(ParameterValidator::quote).orElse("(none)")
                    + " not found in the CIB; its clone was not checked");
            return;
        }
        ClusterConfiguration.Primitive p = self.get();
        String topId = p.cloneId().orElse(p.id());
        if (p.cloneId().isEmpty()) {
            problems.add("resource " + ParameterValidator.quote(p.id()) + " is not cloned; run"
                    + " it as a clone on every node");
        }
        if (!topId.matches(HEALTH_PATTERN)) {
            problems.add("clone " + ParameterValidator.quote(topId) + " does not match "
                    + HEALTH_PATTERN + ": the " + HEALTH_RULE + " rule would ban it from the node"
                    + " it drains; name it health-...");
        }
        p.cloneId().ifPresent(clone -> checkAllowUnhealthyOnClone(p, clone, problems));
    }

    /**
     * Pacemaker applies node health to the clone, not to its primitive: with
     * {@code allow-unhealthy-nodes} on the primitive only, the clone is banned from the node it
     * drains and nobody brings the node back (the originals' ClusterLabs #2025; crm_simulate
     * shows it, see AllowUnhealthyOnCloneTest).
     */
    private static void checkAllowUnhealthyOnClone(ClusterConfiguration.Primitive p, String clone,
            List<String> problems) {
        if (isTrue(p.cloneMeta().getOrDefault(ALLOW_UNHEALTHY, "false"))) {
            return;
        }
        String quoted = ParameterValidator.quote(clone);
        if (isTrue(p.meta().getOrDefault(ALLOW_UNHEALTHY, "false"))) {
            problems.add("meta allow-unhealthy-nodes=true is on the primitive "
                    + ParameterValidator.quote(p.id()) + ", where Pacemaker ignores it: put it on"
                    + " the clone " + quoted + " (crm_resource --resource " + clone
                    + " --meta --set-parameter allow-unhealthy-nodes --parameter-value true),"
                    + " else the clone stops on the node it drains and the node never comes back");
            return;
        }
        problems.add("clone " + quoted + " lacks meta allow-unhealthy-nodes=true: it would stop"
                + " on the node it drains");
    }

    private static void checkVersion(ClusterConfiguration cib, List<String> problems,
            List<String> warnings) {
        Optional<String> version = cib.property("dc-version");
        Matcher m = VERSION.matcher(version.orElse(""));
        if (!m.find()) {
            warnings.add("cannot tell the Pacemaker version (dc-version "
                    + version.map(ParameterValidator::quote).orElse("not set")
                    + "); the health strategy needs 2.1.3 or later");
            return;
        }
        for (int i = 0; i < MIN_HEALTH_VERSION.length; i++) {
            int part = Integer.parseInt(m.group(i + 1));
            if (part != MIN_HEALTH_VERSION[i]) {
                if (part < MIN_HEALTH_VERSION[i]) {
                    problems.add("Pacemaker " + m.group() + " is older than 2.1.3, which the"
                            + " health strategy needs (allow-unhealthy-nodes)");
                }
                return;
            }
        }
    }

    /** Pacemaker's booleans. */
    static boolean isTrue(String value) {
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on", "y", "1" -> true;
            default -> false;
        };
    }
}
