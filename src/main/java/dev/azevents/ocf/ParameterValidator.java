package dev.azevents.ocf;

import dev.azevents.engine.Strategy;
import dev.azevents.imds.EventType;
import dev.azevents.imds.ImdsConfig;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one validator of the agent's parameters, used by {@code validate-all} and every action.
 * Returns the parameters, or every problem found (not just the first), each naming the parameter,
 * the value seen and what is accepted.
 */
public final class ParameterValidator {

    /** Further attempts after the first; more than 10 would outlast any monitor timeout. */
    static final int MAX_RETRY_COUNT = 10;
    /** Seconds: IMDS asks clients to retry a 410 for up to 70 s; more gains nothing. */
    static final int MAX_RETRY_WAIT = 120;
    static final int MIN_REQUEST_TIMEOUT = 1;
    static final int MAX_REQUEST_TIMEOUT = 120;
    /** A lease must outlive one pass under the lease (a few seconds) with a wide margin. */
    static final int MIN_LEASE_LENGTH = 10;
    static final int MAX_LEASE_LENGTH = 3600;
    /** Scheduled Events give at most 15 minutes' notice for most types, 7 days for some. */
    static final int MAX_DRAIN_LEAD_TIME = 7 * 24 * 3600;
    static final int MAX_FREEZE_IGNORE_BELOW = 3600;
    static final int MIN_OUTAGE_PASSES = 1;
    static final int MAX_OUTAGE_PASSES = 1000;

    /** Longer values are cut in messages: an exit reason is one short line. */
    static final int MAX_QUOTED = 80;

    private static final Set<String> TRUE_WORDS = Set.of("true", "yes", "on", "1", "y");
    private static final Set<String> FALSE_WORDS = Set.of("false", "no", "off", "0", "n");

    /** The outcome: the parameters, or every problem. */
    public sealed interface Validation {
        record Valid(AgentParameters parameters) implements Validation {
        }

        record Invalid(List<String> problems) implements Validation {
            public Invalid {
                problems = List.copyOf(problems);
            }

            /** One line for {@code ocf-exit-reason}. */
            public String reason() {
                return String.join("; ", problems);
            }
        }
    }

    private final Map<String, String> env;
    private final List<String> problems = new ArrayList<>();

    private ParameterValidator(Map<String, String> env) {
        this.env = env;
    }

    /** Reads {@code OCF_RESKEY_*} from this environment. */
    public static Validation validate(Strategy strategy, Map<String, String> env) {
        return new ParameterValidator(env).run(strategy);
    }

    private Validation run(Strategy strategy) {
        Set<EventType> types = eventTypes();
        boolean verbose = bool(ParameterSpec.VERBOSE);
        int retryCount = integer(ParameterSpec.RETRY_COUNT, 0, MAX_RETRY_COUNT);
        int retryWait = integer(ParameterSpec.RETRY_WAIT, 0, MAX_RETRY_WAIT);
        int timeout = integer(ParameterSpec.REQUEST_TIMEOUT, MIN_REQUEST_TIMEOUT,
                MAX_REQUEST_TIMEOUT);
        URI url = imdsUrl();
        int lease = integer(ParameterSpec.LEASE_LENGTH, MIN_LEASE_LENGTH, MAX_LEASE_LENGTH);
        int lead = integer(ParameterSpec.DRAIN_LEAD_TIME, 0, MAX_DRAIN_LEAD_TIME);
        int freeze = integer(ParameterSpec.FREEZE_IGNORE_BELOW, 0, MAX_FREEZE_IGNORE_BELOW);
        int outage = integer(ParameterSpec.OUTAGE_PASSES, MIN_OUTAGE_PASSES, MAX_OUTAGE_PASSES);
        bool(ParameterSpec.OBSERVE_ONLY); // read by the wiring (isTrue), checked here
        metricsFile(); // read by the wiring, checked here
        bool(ParameterSpec.STATUS_ATTRIBUTE); // read by the wiring
        if (!problems.isEmpty()) {
            return new Validation.Invalid(problems);
        }
        return new Validation.Valid(new AgentParameters(strategy, types, verbose, retryCount,
                Duration.ofSeconds(retryWait), Duration.ofSeconds(timeout), url,
                Duration.ofSeconds(lease),
                lead == 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(lead)),
                Duration.ofSeconds(freeze), outage));
    }

    /**
     * A boolean parameter as the validator reads it, for the wiring, which builds the edges
     * before the parameters are validated (an invalid value is refused by the action anyway).
     */
    public static boolean isTrue(Map<String, String> env, ParameterSpec spec) {
        String value = env.getOrDefault(spec.envName(), spec.value());
        return TRUE_WORDS.contains(value.strip().toLowerCase(Locale.ROOT));
    }

    private String raw(ParameterSpec spec) {
        String value = env.get(spec.envName());
        return value == null ? spec.value() : value;
    }

    private Set<EventType> eventTypes() {
        String value = raw(ParameterSpec.EVENT_TYPES);
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        List<String> unknown = new ArrayList<>();
        for (String word : value.split(",", -1)) {
            String name = word.strip();
            EventType.fromAzure(name).ifPresentOrElse(types::add, () -> unknown.add(name));
        }
        if (!unknown.isEmpty()) {
            problems.add("eventTypes=" + quote(value) + ": " + unknown.stream()
                    .map(ParameterValidator::quote).toList()
                    + " not one of Freeze,Reboot,Redeploy,Preempt,Terminate");
        }
        return types;
    }

    private boolean bool(ParameterSpec spec) {
        String value = raw(spec);
        String word = value.strip().toLowerCase(Locale.ROOT);
        if (TRUE_WORDS.contains(word)) {
            return true;
        }
        if (!FALSE_WORDS.contains(word)) {
            problems.add(spec.name() + "=" + quote(value) + " is not a boolean (true or false)");
        }
        return false;
    }

    private int integer(ParameterSpec spec, int min, int max) {
        String value = raw(spec);
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        problems.add(spec.name() + "=" + quote(value) + " is not a whole number from " + min
                + " to " + max);
        return min;
    }

    /** Empty, or an absolute path: the agent's working directory is not the administrator's. */
    private void metricsFile() {
        String value = raw(ParameterSpec.METRICS_FILE).strip();
        if (!value.isEmpty() && (!value.startsWith("/") || value.endsWith("/")
                || value.chars().anyMatch(Character::isISOControl))) {
            problems.add("metrics_file=" + quote(value) + " is not an absolute file path (e.g."
                    + " /var/lib/prometheus/node-exporter/azevents.prom)");
        }
    }

    /** The IMDS client's own rule ({@link ImdsConfig#checkBaseUrl}), plus: no credentials. */
    private URI imdsUrl() {
        String value = raw(ParameterSpec.IMDS_URL).strip();
        Optional<String> problem = ImdsConfig.checkBaseUrl(value);
        if (problem.isEmpty() && URI.create(value).getRawUserInfo() != null) {
            problem = Optional.of("metadata URL must not carry a user name or password");
        }
        if (problem.isPresent()) {
            problems.add("imds_url=" + quote(value) + ": " + AgentLog.oneLine(problem.get()));
            return ImdsConfig.AZURE_BASE_URL;
        }
        return URI.create(value);
    }

    /** Quotes a value for a message, so that spaces and empty values show; no control chars. */
    static String quote(String value) {
        StringBuilder out = new StringBuilder("'");
        value.codePoints().limit(MAX_QUOTED).forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\x%02x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        if (value.codePointCount(0, value.length()) > MAX_QUOTED) {
            out.append("...");
        }
        return out.append('\'').toString();
    }
}
