package dev.azevents.cli;

import dev.azevents.cluster.CibResult;
import dev.azevents.cluster.ToolOutput;
import dev.azevents.engine.NodeIdentity;
import dev.azevents.engine.Strategy;
import dev.azevents.ocf.AgentLog;
import dev.azevents.ocf.AgentParameters;
import dev.azevents.ocf.MonitorPass;
import dev.azevents.ocf.ParameterValidator;
import dev.azevents.ocf.PassResult;
import dev.azevents.ocf.ProductionWiring;
import dev.azevents.ocf.Wiring;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code azevents status}: a dry run of the monitor pass on this node (or on a {@code CIB_file})
 * with the configured resource's own parameters: what each node is doing and waits for, the
 * events with their deadlines, the pull lease, and what this node would do now and why. Reads
 * only: no lease, no CIB write, no approval.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        header = "Show per node the state, drain, events and what it waits for (dry run).",
        description = {"Parameters are the configured resource's instance attributes in the CIB;"
            + " OCF_RESKEY_* in the environment override them. CIB_file is honoured.",
            "Exit codes: 0 shown, 1 IMDS or Pacemaker could not be read, 2 usage or"
            + " configuration (bad parameters, no resource or several to choose from)."})
public final class StatusCommand implements Callable<Integer> {

    @Option(names = "--resource", description = "id of the agent's primitive in the CIB, when"
            + " several are configured")
    String resource;

    @Option(names = "--agent", description = "azure-events or azure-events-az: only resources"
            + " of this agent; with none configured, its default parameters")
    String agent;

    @Option(names = "--imds-url", description = "IMDS root (default: the resource's imds_url,"
            + " else http://169.254.169.254/metadata)")
    String imdsUrl;

    @Option(names = "--output-as", description = "text, xml or json (default: ${DEFAULT-VALUE})")
    String outputAs = "text";

    @Override
    public Integer call() {
        return run(System.getenv(), System.out, System.err);
    }

    /** The command against this environment, printing to these streams. */
    int run(Map<String, String> environment, PrintStream out, PrintStream err) {
        StatusFormat format;
        try {
            format = StatusFormat.valueOf(outputAs.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            err.println("status: --output-as must be text, xml or json, not " + outputAs);
            return 2;
        }
        if (agent != null && !ConfiguredAgent.AGENTS.contains(agent)) {
            err.println("status: --agent must be azure-events or azure-events-az, not " + agent);
            return 2;
        }
        AgentChoice.Choice choice = AgentChoice.choose(environment, Optional.ofNullable(resource),
                Optional.ofNullable(agent), Optional.ofNullable(imdsUrl));
        if (choice instanceof AgentChoice.Choice.Refused refused) {
            err.println("status: " + refused.message());
            return refused.exitCode();
        }
        AgentChoice.Choice.Chosen chosen = (AgentChoice.Choice.Chosen) choice;
        ParameterValidator.Validation v = ParameterValidator.validate(chosen.strategy(),
                chosen.env());
        if (v instanceof ParameterValidator.Validation.Invalid invalid) {
            err.println("status: parameters of " + chosen.source() + ": " + invalid.reason());
            return 2;
        }
        AgentParameters parameters = ((ParameterValidator.Validation.Valid) v).parameters();
        StatusView view = look(chosen, parameters, ProductionWiring.of(chosen.env()));
        out.print(format.render(view));
        return view.problem().isPresent() ? 1 : 0;
    }

    private static StatusView look(AgentChoice.Choice.Chosen chosen, AgentParameters parameters,
            Wiring wiring) {
        String name = chosen.strategy().attributePrefix();
        AgentLog quiet = (level, message) -> { };
        MonitorPass pass = new MonitorPass(parameters, wiring.cluster().get(),
                wiring.imds().apply(parameters, quiet), wiring.decider(), wiring.clock(),
                wiring.sleeper(), quiet);
        Instant now = wiring.clock().instant();
        MonitorPass.Identity identity = pass.identify(Optional.empty());
        if (identity instanceof MonitorPass.Identity.Unknown unknown) {
            return StatusView.unavailable(name, chosen.source(), "?", "?", now,
                    why(unknown.why()));
        }
        NodeIdentity self = ((MonitorPass.Identity.Known) identity).self();
        // The one call into the monitor's read-and-decide code: what a pass would see and do.
        MonitorPass.Preview preview = pass.preview(self);
        if (preview instanceof MonitorPass.Preview.Unseen unseen) {
            return StatusView.unavailable(name, chosen.source(), self.nodeName(),
                    self.azName(), now, why(unseen.why()));
        }
        MonitorPass.Preview.Seen seen = (MonitorPass.Preview.Seen) preview;
        return StatusView.of(name, chosen.source(), self, now, seen.snapshot(),
                activeResources(chosen.env()), seen.document(), seen.plan());
    }

    /** Names of the resources on each node, for "waiting for db to stop on node2". */
    private static Map<String, List<String>> activeResources(Map<String, String> env) {
        CibResult<ToolOutput> run = ProductionWiring.tools(env).run(ActiveResources.CRM_MON,
                Optional.empty());
        if (run instanceof CibResult.Ok<ToolOutput> ok && ok.value().exitCode() == 0) {
            return ActiveResources.parse(ok.value().stdout());
        }
        return Map.of();
    }

    private static String why(PassResult result) {
        if (result instanceof PassResult.ImdsUnavailable imds) {
            return imds.failure().describe();
        }
        if (result instanceof PassResult.ClusterUnavailable cluster) {
            return cluster.what();
        }
        return result.toString();
    }

    static Strategy strategy(String agent) {
        return agent.equals("azure-events") ? Strategy.STANDBY : Strategy.HEALTH;
    }
}
