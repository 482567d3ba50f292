package dev.azevents.ocf;

import dev.azevents.cluster.CibResult;
import dev.azevents.cluster.ClusterConfiguration;
import dev.azevents.cluster.PacemakerCluster;
import dev.azevents.cluster.ProcessToolRunner;
import dev.azevents.cluster.ToolOutput;
import dev.azevents.engine.ClusterSnapshot;
import dev.azevents.engine.Decider;
import dev.azevents.engine.Engine;
import dev.azevents.engine.EventAbsences;
import dev.azevents.engine.NodeIdentity;
import dev.azevents.engine.Plan;
import dev.azevents.engine.Policy;
import dev.azevents.imds.EventsDocument;
import dev.azevents.imds.ImdsClient;
import dev.azevents.imds.ImdsConfig;
import dev.azevents.imds.RetryTimer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The real edges: {@link ImdsClient} over {@code HttpURLConnection}, {@link PacemakerCluster} on
 * Pacemaker's tools (honouring {@code CIB_file}), the {@link Engine}, the system clock. Nothing
 * is built until an action asks for it.
 */
public final class ProductionWiring {

    /** Pacemaker's default for an operation without a timeout; ours advertise 240 s. */
    static final Duration DEFAULT_OPERATION_TIMEOUT = Duration.ofSeconds(20);
    /**
     * A pass makes up to three IMDS calls (instance, events, approval); each gets at most this
     * share of the operation timeout, so that retries never outlast the monitor.
     */
    static final int IMDS_CALLS_PER_PASS = 3;
    /**
     * Kept out of a tool's timeout for the rest of the action (JVM start, logging, exit): at
     * least this, or a quarter of the operation timeout.
     */
    static final Duration TOOL_MARGIN = Duration.ofSeconds(2);
    static final Duration MIN_TOOL_TIMEOUT = Duration.ofSeconds(1);
    /**
     * The first Scheduled Events api-version whose events carry {@code DurationInSeconds}.
     * {@code azure-events} asks 2019-08-01, as the original does, except when
     * {@code freeze_ignore_below} needs the duration: without it that parameter did nothing.
     */
    static final String DURATION_EVENTS_VERSION = "2020-07-01";

    private ProductionWiring() {
    }

    /**
     * The real edges, behind the {@code observe_only} decorators when that parameter is true
     * (the decision is unchanged; only writes and approvals are replaced by log lines), and the
     * {@code metrics_file} decorators outside them when that one is set; when acting, the
     * {@code status_attribute} decorator.
     */
    public static Wiring of(Map<String, String> env) {
        Wiring real = acting(env);
        Wiring decided;
        if (ParameterValidator.isTrue(env, ParameterSpec.OBSERVE_ONLY)) {
            // Observing writes nothing, not even the transient status attribute.
            decided = ObserveOnly.wrap(real);
        } else if (ParameterValidator.isTrue(env, ParameterSpec.STATUS_ATTRIBUTE)) {
            decided = dev.azevents.report.Alerting.wrap(real, tools(env));
        } else {
            decided = real;
        }
        String metrics = env.getOrDefault(ParameterSpec.METRICS_FILE.envName(), "").strip();
        // Behind a test of the parameter, in its own class: unset, nothing of it is loaded.
        return metrics.isEmpty() ? decided
                : dev.azevents.report.Metrics.wrap(decided, java.nio.file.Path.of(metrics));
    }

    private static Wiring acting(Map<String, String> env) {
        Duration timeout = operationTimeout(env);
        return new Wiring(
                (parameters, log) -> new ImdsClient(imdsConfig(parameters, timeout),
                        RetryTimer.system(), log::warn),
                () -> new PacemakerCluster(tools(env), env),
                () -> configuration(tools(env)),
                new LazyEngine(),
                Clock.systemUTC(), Sleeper.REAL);
    }

    /**
     * The engine, made at each decision: not new Engine() here, so that meta-data and stop load
     * no engine class. Both methods, so that the pass's absences reach it.
     */
    private static final class LazyEngine implements Decider {
        @Override
        public Plan decide(ClusterSnapshot snapshot, EventsDocument document, NodeIdentity self,
                Policy policy, Instant now) {
            return new Engine().decide(snapshot, document, self, policy, now);
        }

        @Override
        public Plan decide(ClusterSnapshot snapshot, EventsDocument document, NodeIdentity self,
                Policy policy, Instant now, EventAbsences absences) {
            return new Engine().decide(snapshot, document, self, policy, now, absences);
        }
    }

    static ImdsConfig imdsConfig(AgentParameters p, Duration operationTimeout) {
        ImdsConfig base = switch (p.strategy()) {
            case STANDBY -> ImdsConfig.azureEvents();
            case HEALTH -> ImdsConfig.azureEventsAz();
        };
        if (!p.freezeIgnoreBelow().isZero()
                && base.eventsVersion().compareTo(DURATION_EVENTS_VERSION) < 0) {
            base = base.withVersions(DURATION_EVENTS_VERSION, base.approveVersion(),
                    base.instanceVersion());
        }
        ImdsConfig config = base.withBaseUrl(p.imdsUrl())
                .withRetries(p.retryCount(), p.retryWait(), p.requestTimeout());
        Duration share = operationTimeout.dividedBy(IMDS_CALLS_PER_PASS);
        return config.deadline().compareTo(share) > 0 ? config.withDeadline(share) : config;
    }

    /** {@code OCF_RESKEY_CRM_meta_timeout}, in milliseconds, set by Pacemaker for each action. */
    static Duration operationTimeout(Map<String, String> env) {
        String ms = env.getOrDefault("OCF_RESKEY_CRM_meta_timeout", "").strip();
        if (ms.matches("[0-9]{1,9}") && Long.parseLong(ms) > 0) {
            return Duration.ofMillis(Long.parseLong(ms));
        }
        return DEFAULT_OPERATION_TIMEOUT;
    }

    /**
     * Pacemaker's tools with this environment's {@code CIB_*} variables: the process's own in
     * production, the test's when an agent runs in-process against a CIB file.
     */
    public static ProcessToolRunner tools(Map<String, String> env) {
        Map<String, String> cib = new TreeMap<>();
        env.forEach((k, v) -> {
            if (k.startsWith("CIB_")) {
                cib.put(k, v);
            }
        });
        return new ProcessToolRunner(Optional.empty(), cib, toolTimeout(operationTimeout(env)));
    }

    /**
     * How long one Pacemaker tool may run: inside the action's own timeout. A start whose CIB
     * read outlived Pacemaker's 20 s start timeout failed, and with the health strategy a node
     * drained before its reboot then kept {@code #health-azure=-1000000}, since only our clone's
     * monitor resets it. A read cut short is only a warning for start (validate-all below).
     */
    static Duration toolTimeout(Duration operationTimeout) {
        Duration margin = operationTimeout.dividedBy(4);
        Duration budget = operationTimeout.minus(margin.compareTo(TOOL_MARGIN) > 0 ? margin
                : TOOL_MARGIN);
        if (budget.compareTo(MIN_TOOL_TIMEOUT) < 0) {
            return MIN_TOOL_TIMEOUT;
        }
        return budget.compareTo(ProcessToolRunner.DEFAULT_TIMEOUT) > 0
                ? ProcessToolRunner.DEFAULT_TIMEOUT : budget;
    }

    private static CibResult<ClusterConfiguration> configuration(ProcessToolRunner tools) {
        CibResult<ToolOutput> run = tools.run(List.of("cibadmin", "--query"), Optional.empty());
        if (run instanceof CibResult.Failed<ToolOutput> f) {
            return new CibResult.Failed<>(f.what(), f.detail());
        }
        ToolOutput out = ((CibResult.Ok<ToolOutput>) run).value();
        if (out.exitCode() != 0) {
            return new CibResult.Failed<>("cibadmin --query", out.describe());
        }
        return ClusterConfiguration.parse(out.stdout());
    }
}
