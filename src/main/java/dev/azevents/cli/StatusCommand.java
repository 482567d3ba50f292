package dev.azevents.cli;

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
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code azevents status}: a dry run of the monitor pass on this node (or on a {@code CIB_file}):
 * what each node is doing, the events with their deadlines, and what this node would do now and
 * why. Reads only: no lease, no CIB write, no approval.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        header = "Show per node the state, the events and their deadlines, and the plan (dry run).",
        description = {"Parameters come from OCF_RESKEY_* like the agent's; CIB_file is honoured.",
            "Exit codes: 0 shown, 1 IMDS or Pacemaker could not be read, 2 bad parameters."})
public final class StatusCommand implements Callable<Integer> {

    @Option(names = "--agent", description = "azure-events or azure-events-az"
            + " (default: ${DEFAULT-VALUE})")
    String agent = "azure-events-az";

    @Option(names = "--imds-url", description = "IMDS root (default: OCF_RESKEY_imds_url,"
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
        Strategy strategy;
        try {
            format = StatusFormat.valueOf(outputAs.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            err.println("status: --output-as must be text, xml or json, not " + outputAs);
            return 2;
        }
        switch (agent) {
            case "azure-events" -> strategy = Strategy.STANDBY;
            case "azure-events-az" -> strategy = Strategy.HEALTH;
            default -> {
                err.println("status: --agent must be azure-events or azure-events-az");
                return 2;
            }
        }
        Map<String, String> env = new HashMap<>(environment);
        if (imdsUrl != null) {
            env.put("OCF_RESKEY_imds_url", imdsUrl);
        }
        ParameterValidator.Validation v = ParameterValidator.validate(strategy, env);
        if (v instanceof ParameterValidator.Validation.Invalid invalid) {
            err.println("status: " + invalid.reason());
            return 2;
        }
        AgentParameters parameters = ((ParameterValidator.Validation.Valid) v).parameters();
        StatusView view = look(parameters, ProductionWiring.of(env));
        out.print(format.render(view));
        return view.problem().isPresent() ? 1 : 0;
    }

    private StatusView look(AgentParameters parameters, Wiring wiring) {
        AgentLog quiet = (level, message) -> { };
        MonitorPass pass = new MonitorPass(parameters, wiring.cluster().get(),
                wiring.imds().apply(parameters, quiet), wiring.decider(), wiring.clock(),
                wiring.sleeper(), quiet);
        Instant now = wiring.clock().instant();
        MonitorPass.Identity identity = pass.identify(Optional.empty());
        if (identity instanceof MonitorPass.Identity.Unknown unknown) {
            return StatusView.unavailable(agent, "?", "?", now, why(unknown.why()));
        }
        NodeIdentity self = ((MonitorPass.Identity.Known) identity).self();
        MonitorPass.Preview preview = pass.preview(self);
        if (preview instanceof MonitorPass.Preview.Unseen unseen) {
            return StatusView.unavailable(agent, self.nodeName(), self.azName(), now,
                    why(unseen.why()));
        }
        MonitorPass.Preview.Seen seen = (MonitorPass.Preview.Seen) preview;
        return StatusView.of(agent, self, now, seen.snapshot(), seen.document(), seen.plan());
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
}
