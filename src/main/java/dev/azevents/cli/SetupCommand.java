package dev.azevents.cli;

import dev.azevents.engine.Strategy;
import dev.azevents.imds.ImdsClient;
import dev.azevents.imds.ImdsConfig;
import dev.azevents.imds.ImdsResult;
import dev.azevents.imds.InstanceCompute;
import dev.azevents.ocf.ParameterSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code azevents setup}: reads the live CIB (or {@code CIB_file}), says what the chosen
 * strategy needs that is missing, present or different, and with {@code --apply} writes the
 * missing pieces in one {@code cibadmin --modify}. Running it twice changes nothing.
 */
@Command(name = "setup", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Set the cluster up for an agent: show what is missing, or add it (--apply).",
        description = {"Reads the CIB (the live cluster, or CIB_file) and lists, for the"
            + " strategy, each piece as add, present or differs. health (azure-events-az):"
            + " node-health-strategy=custom, the location rule on !health-.*, #health-azure=0 on"
            + " every node that lacks it, the primitive health-azure-events (monitor 10s/240s,"
            + " failure-timeout=120s) in the clone health-azure-events-clone with"
            + " allow-unhealthy-nodes=true. standby (azure-events): the primitive rsc_azure-events"
            + " in the clone cln_azure-events; refused where the placement makes it unsafe."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:set up, or would be (nothing refused, nothing different)",
            "1:the CIB could not be read or written (the message says why)",
            "2:bad arguments",
            "3:refused: the reason is printed, nothing was written",
            "4:something differs and was left as it is (--force overwrites it)"})
public final class SetupCommand implements Callable<Integer> {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_REFUSED = 3;
    static final int EXIT_DIFFERS = 4;

    @Spec
    CommandSpec spec;

    @Option(names = "--strategy", required = true, paramLabel = "health|standby",
            description = "health (azure-events-az, any placement) or standby (azure-events,"
                    + " availability sets only).")
    String strategy;

    @Option(names = "--apply", description = "Write what is missing, in one CIB update.")
    boolean apply;

    @Option(names = "--force", description = "With --apply, also overwrite what differs.")
    boolean force;

    @Option(names = "--print", paramLabel = "crm|pcs", description = "Print the crmsh or pcs"
            + " commands that add what is missing, nothing else (pcs: 0.11 and 0.12).")
    String print;

    @Option(names = "--param", paramLabel = "NAME=VALUE", description = "An agent parameter for"
            + " the primitive, e.g. --param eventTypes=Reboot,Redeploy,Preempt (repeatable).")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--imds-url", paramLabel = "URL",
            defaultValue = "http://169.254.169.254/metadata",
            description = "Where standby asks this VM's placement (default: ${DEFAULT-VALUE}).")
    String imdsUrl;

    /** Added to cibadmin's environment: tests point it at a CIB file (CIB_file). */
    Map<String, String> cibEnvironment = Map.of();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Strategy chosen = switch (strategy) {
                case "health" -> Strategy.HEALTH;
                case "standby" -> Strategy.STANDBY;
                default -> throw new IllegalArgumentException("--strategy must be health or"
                        + " standby, was '" + strategy + "'");
            };
            if (print != null && !print.equals("crm") && !print.equals("pcs")) {
                throw new IllegalArgumentException("--print must be crm or pcs, was '" + print
                        + "'");
            }
            Map<String, String> checked = SetupPlan.params(params,
                    ParameterSpec.ALL.stream().map(ParameterSpec::name).toList());
            return run(chosen, checked, out, err);
        } catch (IllegalArgumentException e) {
            err.println("azevents setup: " + e.getMessage());
            return EXIT_USAGE;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int run(Strategy chosen, Map<String, String> checked, PrintWriter out,
            PrintWriter err) {
        String xml;
        try {
            xml = cibadmin(List.of("--query", "--scope", "configuration"), null);
        } catch (IOException e) {
            err.println("azevents setup: cannot read the CIB: " + e.getMessage());
            return EXIT_FAILED;
        }
        SetupCib cib = SetupCib.parse(xml);
        List<String> placement = chosen == Strategy.STANDBY ? standbyRefusals(cib) : List.of();
        SetupPlan plan = SetupPlan.of(chosen, cib, checked, placement);
        if (!plan.refusals().isEmpty()) {
            plan.refusals().forEach(r -> err.println("azevents setup: refused: " + r));
            return EXIT_REFUSED;
        }
        if (print != null) {
            // Commands that create: for what is missing only, whatever --force says.
            SetupScript.print(print, plan.toWrite(false), out);
            return EXIT_OK;
        }
        SetupReport.print(plan, apply, force, out);
        if (apply) {
            return write(plan, out, err);
        }
        return plan.count(SetupPlan.Status.DIFFERS) > 0 && !force ? EXIT_DIFFERS : EXIT_OK;
    }

    private int write(SetupPlan plan, PrintWriter out, PrintWriter err) {
        List<SetupChange> changes = plan.toWrite(force);
        if (!changes.isEmpty()) {
            SetupFragment fragment = new SetupFragment();
            changes.forEach(c -> c.addTo(fragment));
            try {
                cibadmin(List.of("--modify", "--scope", "configuration", "--xml-pipe"),
                        fragment.xml());
            } catch (IOException e) {
                err.println("azevents setup: nothing written, cibadmin refused the update: "
                        + e.getMessage());
                return EXIT_FAILED;
            }
            out.println("written in one CIB update: " + changes.size() + " change"
                    + (changes.size() == 1 ? "" : "s"));
        }
        return plan.count(SetupPlan.Status.DIFFERS) > 0 && !force ? EXIT_DIFFERS : EXIT_OK;
    }

    /** Standby needs peers that see this VM's events: not across zones, not alone. */
    private List<String> standbyRefusals(SetupCib cib) {
        List<String> refusals = new ArrayList<>();
        if (cib.nodes().size() < 2) {
            refusals.add("standby needs a peer to approve a drained node's events, and the"
                    + " cluster has " + cib.nodes().size() + " node; use --strategy health");
        }
        ImdsConfig config = ImdsConfig.azureEvents().withBaseUrl(URI.create(imdsUrl))
                .withRetries(1, Duration.ofSeconds(1), Duration.ofSeconds(5));
        ImdsResult<InstanceCompute> placed = new ImdsClient(config,
                dev.azevents.imds.RetryTimer.system(), line -> { }).instance();
        if (placed instanceof ImdsResult.Failed<InstanceCompute> f) {
            if (!force) {
                refusals.add("cannot tell this VM's placement (" + f.failure().describe()
                        + "); standby is safe only in an availability set: --force if it is one");
            }
        } else {
            InstanceCompute vm = ((ImdsResult.Ok<InstanceCompute>) placed).value();
            if (!vm.zone().isEmpty()) {
                refusals.add("this VM is in availability zone " + vm.zone() + ": VMs in other"
                        + " zones do not see its events, so no peer would approve them; use"
                        + " --strategy health");
            }
        }
        return refusals;
    }

    /** Runs cibadmin (honouring CIB_file); its stdout, or IOException with its words. */
    private String cibadmin(List<String> args, String stdin) throws IOException {
        List<String> argv = new ArrayList<>(List.of("cibadmin"));
        argv.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().putAll(cibEnvironment);
        Process p = pb.start();
        try (var in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String errors = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("cibadmin did not answer within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (p.exitValue() != 0) {
            // cibadmin prints the whole rejected CIB before its verdict: keep the verdict.
            List<String> lines = errors.strip().lines().toList();
            throw new IOException("cibadmin " + String.join(" ", args) + " exited "
                    + p.exitValue() + ": " + (lines.isEmpty() ? "" : lines.get(lines.size() - 1)));
        }
        return said;
    }
}
