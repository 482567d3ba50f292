package dev.azevents.cli;

import dev.azevents.cluster.CibResult;
import dev.azevents.cluster.ToolOutput;
import dev.azevents.engine.Strategy;
import dev.azevents.ocf.ParameterSpec;
import dev.azevents.ocf.ParameterValidator;
import dev.azevents.ocf.ProductionWiring;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which agent and parameters an administrator's command ({@code status}, {@code drill}) runs
 * with: the resource configured in the CIB and its instance attributes, so that the dry run is
 * the monitor's own; {@code OCF_RESKEY_*} in the environment and command-line options override.
 */
final class AgentChoice {

    private AgentChoice() {
    }

    sealed interface Choice {
        /**
         * @param resource the primitive's id, empty when none is configured
         * @param source   where agent and parameters came from, said on every screen
         */
        record Chosen(Strategy strategy, Optional<String> resource, Map<String, String> env,
                String source) implements Choice {
        }

        /** @param exitCode 1 when the CIB could not be read, 2 when the choice is the user's */
        record Refused(String message, int exitCode) implements Choice {
        }
    }

    static Choice choose(Map<String, String> environment, Optional<String> resource,
            Optional<String> agent, Optional<String> imdsUrl) {
        CibResult<ToolOutput> read = ProductionWiring.tools(environment)
                .run(List.of("cibadmin", "--query"), Optional.empty());
        if (read instanceof CibResult.Failed<ToolOutput> f) {
            return new Choice.Refused("cannot read the CIB to find the agent's resource: "
                    + f.describe(), 1);
        }
        ToolOutput out = ((CibResult.Ok<ToolOutput>) read).value();
        if (out.exitCode() != 0) {
            return new Choice.Refused("cannot read the CIB to find the agent's resource:"
                    + " cibadmin --query: " + out.describe(), 1);
        }
        return choose(out.stdout(), environment, resource, agent, imdsUrl);
    }

    /** The same, from a CIB already read. */
    static Choice choose(String cibXml, Map<String, String> environment,
            Optional<String> resource, Optional<String> agent, Optional<String> imdsUrl) {
        ConfiguredAgent.Search search = ConfiguredAgent.find(cibXml, resource, agent);
        Map<String, String> env = new TreeMap<>();
        String source;
        Strategy strategy;
        Optional<String> id = Optional.empty();
        if (search instanceof ConfiguredAgent.Search.Found found) {
            ConfiguredAgent a = found.agent();
            a.attributes().forEach((k, v) -> env.put("OCF_RESKEY_" + k, v));
            strategy = StatusCommand.strategy(a.agent());
            id = Optional.of(a.id());
            source = a.id() + " (" + a.spec() + "), parameters from the CIB";
        } else if (agent.isPresent() && resource.isEmpty()) {
            strategy = StatusCommand.strategy(agent.get());
            source = agent.get() + ", not configured in the CIB: default parameters";
        } else {
            return new Choice.Refused(((ConfiguredAgent.Search.Refused) search).message(), 2);
        }
        List<String> overridden = new ArrayList<>();
        environment.forEach((k, v) -> {
            if (k.startsWith("OCF_RESKEY_") && !k.startsWith("OCF_RESKEY_CRM_meta")
                    && !v.equals(env.get(k))) {
                overridden.add(k.substring("OCF_RESKEY_".length()));
            }
        });
        env.putAll(environment);
        if (imdsUrl.isPresent()) {
            env.put("OCF_RESKEY_imds_url", imdsUrl.get());
            overridden.add("imds_url");
        }
        if (!overridden.isEmpty()) {
            source += "; overridden: " + String.join(", ", overridden.stream().sorted()
                    .distinct().toList());
        }
        if (ParameterValidator.isTrue(env, ParameterSpec.OBSERVE_ONLY)) {
            source += "; observe_only: the agent decides and reports, writes and approves"
                    + " nothing";
        }
        return new Choice.Chosen(strategy, id, env, source);
    }
}
