package dev.azevents.ocf;

import dev.azevents.cluster.CibResult;
import dev.azevents.cluster.ClusterConfiguration;
import dev.azevents.engine.Strategy;
import dev.azevents.imds.ImdsResult;
import dev.azevents.imds.InstanceCompute;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;

/**
 * The OCF actions of one agent. Every action returns an {@link OcfExit}; the exit reason, when
 * there is one, goes to stderr as {@code ocf-exit-reason:<text>} (Pacemaker shows it in
 * {@code crm_mon}). Only {@link AgentMain#main} exits the process.
 */
public final class Agent {

    static final String EXIT_REASON_PREFIX = "ocf-exit-reason:";

    private final Strategy strategy;
    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;
    private final Wiring wiring;
    /** compute.name when start's placement check read it (standby strategy), to cache. */
    private Optional<String> vmName = Optional.empty();

    public Agent(Strategy strategy, Map<String, String> env, PrintStream out, PrintStream err,
            Wiring wiring) {
        this.strategy = strategy;
        this.env = env;
        this.out = out;
        this.err = err;
        this.wiring = wiring;
    }

    public OcfExit run(String action) {
        return switch (action) {
            case "meta-data" -> {
                out.print(MetaData.document(strategy));
                yield OcfExit.SUCCESS;
            }
            case "usage", "help" -> {
                out.println(usage());
                yield OcfExit.SUCCESS;
            }
            case "stop" -> stop();
            case "start", "monitor", "validate-all" -> withParameters(action);
            default -> {
                err.println(usage());
                yield OcfExit.ERR_UNIMPLEMENTED;
            }
        };
    }

    String usage() {
        return "usage: " + strategy.attributePrefix()
                + " {start|stop|monitor|validate-all|meta-data|usage}";
    }

    /**
     * stop never fails: a failed stop gets the node fenced, and there is nothing to stop but the
     * state file. Parameters are not even read.
     */
    private OcfExit stop() {
        StateFile state = stateFile();
        state.delete().ifPresent(err::println);
        return OcfExit.SUCCESS;
    }

    private OcfExit withParameters(String action) {
        StateFile state = stateFile();
        if ("monitor".equals(action) && !state.exists()) {
            // Checked before the parameters: a probe of a stopped, misconfigured resource must
            // still say "not running" (OCF), or Pacemaker believes it runs.
            return OcfExit.NOT_RUNNING;
        }
        ParameterValidator.Validation validation = ParameterValidator.validate(strategy, env);
        if (validation instanceof ParameterValidator.Validation.Invalid invalid) {
            return exitReason(OcfExit.ERR_CONFIGURED, invalid.reason());
        }
        AgentParameters parameters =
                ((ParameterValidator.Validation.Valid) validation).parameters();
        try (PacemakerLog log = PacemakerLog.fromEnvironment(logTag(), parameters.verbose(),
                env, err)) {
            return switch (action) {
                case "start" -> start(state, parameters, log);
                case "validate-all" -> validateConfiguration(parameters, log);
                default -> new Monitor(parameters, wiring, state, log, err, degradedExit())
                        .confirmingEndsAfter(monitorInterval()).run(isProbe());
            };
        }
    }

    private OcfExit start(StateFile state, AgentParameters parameters, AgentLog log) {
        OcfExit checked = validateConfiguration(parameters, log);
        if (checked != OcfExit.SUCCESS) {
            return checked;
        }
        if (strategy == Strategy.HEALTH) {
            HealthBaseline.ensure(wiring.cluster().get(), log);
        }
        if (state.exists()) {
            // Started twice (allowed by OCF): keep the counters and the cached VM name.
            log.info("already started; state file " + state.path());
            return OcfExit.SUCCESS;
        }
        // The VM name read by the placement check is cached at once: the first monitor then
        // needs no GET of its own (IMDS allows 5 requests per second per VM).
        AgentState initial = vmName.map(AgentState.started()::withAzName)
                .orElseGet(AgentState::started);
        Optional<String> problem = state.write(initial);
        if (problem.isPresent()) {
            log.error(problem.get());
            return exitReason(OcfExit.ERR_GENERIC, problem.get());
        }
        log.info("started; state file " + state.path());
        return OcfExit.SUCCESS;
    }

    /**
     * The configuration for the chosen strategy. A CIB that cannot be read (no cluster running,
     * e.g. a manual validate-all) is logged and not held against the resource: the monitor pass
     * reports cluster trouble itself.
     */
    private OcfExit validateConfiguration(AgentParameters parameters, AgentLog log) {
        if (strategy == Strategy.STANDBY) {
            // One quick GET: start's timeout is short, and an IMDS outage is the monitor's to
            // report (PlacementCheck logs it and lets the start go on).
            ImdsResult<InstanceCompute> instance = wiring.imds()
                    .apply(parameters.withOneQuickAttempt(PlacementCheck.TIMEOUT), log)
                    .instance();
            if (instance instanceof ImdsResult.Ok<InstanceCompute> ok) {
                vmName = Optional.of(ok.value().name());
            }
            Optional<String> placement = PlacementCheck.problem(strategy, instance, log);
            if (placement.isPresent()) {
                log.error(placement.get());
                return exitReason(OcfExit.ERR_CONFIGURED, placement.get());
            }
        }
        CibResult<ClusterConfiguration> read = wiring.configuration().get();
        if (read instanceof CibResult.Failed<ClusterConfiguration> f) {
            log.warn("configuration not checked: " + f.describe());
            return OcfExit.SUCCESS;
        }
        ClusterConfiguration cib = ((CibResult.Ok<ClusterConfiguration>) read).value();
        ConfigurationCheck.Report report = ConfigurationCheck.check(strategy, cib, resourceId());
        report.warnings().forEach(log::warn);
        report.problems().forEach(log::error);
        if (!report.problems().isEmpty()) {
            return exitReason(OcfExit.ERR_CONFIGURED, String.join("; ", report.problems()));
        }
        return OcfExit.SUCCESS;
    }

    private OcfExit exitReason(OcfExit exit, String reason) {
        err.println(EXIT_REASON_PREFIX + AgentLog.oneLine(reason));
        return exit;
    }

    private StateFile stateFile() {
        return StateFile.forInstance(env, strategy.attributePrefix());
    }

    /**
     * This monitor's interval ({@code OCF_RESKEY_CRM_meta_interval}, milliseconds), else the
     * default 10 s: a drain ends only on two reads at least that far apart (EventAbsences).
     */
    private java.time.Duration monitorInterval() {
        String ms = env.getOrDefault("OCF_RESKEY_CRM_meta_interval", "").strip();
        if (ms.matches("[0-9]{1,9}") && Long.parseLong(ms) > 0) {
            return java.time.Duration.ofMillis(Long.parseLong(ms));
        }
        return dev.azevents.engine.EventAbsences.CONFIRMATION;
    }

    /** A probe: a monitor with interval 0. It reports and writes nothing to the cluster. */
    private boolean isProbe() {
        return "0".equals(env.getOrDefault("OCF_RESKEY_CRM_meta_interval", "").strip());
    }

    /**
     * Pacemaker 2.1 and later announce OCF 1.1 and understand "degraded" (190); to an older one
     * it would be an error that restarts the clone, so there a sustained outage returns 0.
     */
    private OcfExit degradedExit() {
        String minor = env.getOrDefault("OCF_RA_VERSION_MINOR", "0").strip();
        boolean ocf11 = "1".equals(env.getOrDefault("OCF_RA_VERSION_MAJOR", "").strip())
                && minor.matches("[0-9]{1,3}") && Integer.parseInt(minor) >= 1;
        return ocf11 ? OcfExit.DEGRADED : OcfExit.SUCCESS;
    }

    /** The primitive id: {@code OCF_RESOURCE_INSTANCE} without a clone instance suffix. */
    private Optional<String> resourceId() {
        String instance = env.getOrDefault("OCF_RESOURCE_INSTANCE", "").strip();
        int colon = instance.indexOf(':');
        String id = colon < 0 ? instance : instance.substring(0, colon);
        return id.isEmpty() ? Optional.empty() : Optional.of(id);
    }

    private String logTag() {
        return strategy.attributePrefix() + "(" + resourceId().orElse("") + ")";
    }
}
