package dev.azevents.cli;

import dev.azevents.imds.EventsDocument;
import dev.azevents.imds.ImdsClient;
import dev.azevents.imds.ImdsConfig;
import dev.azevents.imds.ImdsFailure;
import dev.azevents.imds.ImdsResult;
import dev.azevents.imds.InstanceCompute;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code azevents imds}: what this VM's metadata service says, as the agents would ask it. */
@Command(name = "imds",
        header = "Ask the Instance Metadata Service what this VM sees.",
        description = "Asks IMDS as the agents do: never through a proxy, no redirects, the same "
                + "api-versions. Use --url to ask the simulator (bin/azevents imds-sim).",
        mixinStandardHelpOptions = true,
        subcommands = {ImdsCommand.Events.class, ImdsCommand.Instance.class,
            ImdsCommand.Approve.class},
        exitCodeListHeading = ImdsCommand.EXIT_HEADING,
        exitCodeList = {
            ImdsCommand.EXIT_TABLE_OK, ImdsCommand.EXIT_TABLE_UNREACHABLE,
            ImdsCommand.EXIT_TABLE_USAGE, ImdsCommand.EXIT_TABLE_HTTP,
            ImdsCommand.EXIT_TABLE_MALFORMED})
public final class ImdsCommand implements Runnable {

    /** The exit codes of every {@code imds} command, listed once for --help. */
    static final int EXIT_OK = 0;
    static final int EXIT_UNREACHABLE = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_HTTP = 3;
    static final int EXIT_MALFORMED = 4;
    static final String EXIT_HEADING = "%nExit codes:%n";
    static final String EXIT_TABLE_OK = "0:IMDS answered";
    static final String EXIT_TABLE_UNREACHABLE = "1:IMDS could not be reached or did not answer "
            + "in time";
    static final String EXIT_TABLE_USAGE = "2:bad command line";
    static final String EXIT_TABLE_HTTP = "3:IMDS answered with an HTTP error";
    static final String EXIT_TABLE_MALFORMED = "4:IMDS answered something that is not a valid "
            + "document (or too large)";

    /** An administrator at a prompt wants an answer now, not after the agents' two minutes. */
    static final int CLI_RETRY_COUNT = 0;
    static final int CLI_REQUEST_TIMEOUT_SECONDS = 5;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The one place where a failure becomes an exit code. */
    static int exitCode(ImdsFailure failure) {
        if (failure instanceof ImdsFailure.HttpStatus) {
            return EXIT_HTTP;
        }
        if (failure instanceof ImdsFailure.Malformed || failure instanceof ImdsFailure.TooLarge) {
            return EXIT_MALFORMED;
        }
        return EXIT_UNREACHABLE;
    }

    /** Options every {@code imds} subcommand takes (a picocli mixin). */
    public static final class Connection {
        @Option(names = "--url", paramLabel = "BASE",
                description = "Metadata root (default: ${DEFAULT-VALUE}).",
                defaultValue = "http://169.254.169.254/metadata")
        String url;

        @Option(names = "--json", description = "Print JSON for scripts instead of text.")
        boolean json;

        @Option(names = "--agent", paramLabel = "AGENT",
                description = "Ask with the api-versions of azure-events or azure-events-az "
                        + "(default: ${DEFAULT-VALUE}).",
                defaultValue = "azure-events-az")
        String agent;

        @Option(names = "--retry-count", paramLabel = "N", defaultValue = "" + CLI_RETRY_COUNT,
                description = "Further attempts after a transient failure (default: "
                        + "${DEFAULT-VALUE}; the agents use 3).")
        int retryCount;

        @Option(names = "--retry-wait", paramLabel = "SECONDS", defaultValue = "20",
                description = "Pause between attempts (default: ${DEFAULT-VALUE}).")
        int retryWait;

        @Option(names = "--request-timeout", paramLabel = "SECONDS",
                defaultValue = "" + CLI_REQUEST_TIMEOUT_SECONDS,
                description = "Limit of one attempt (default: ${DEFAULT-VALUE}; the agents "
                        + "use 15).")
        int requestTimeout;

        /** The client these options describe, or a usage error on {@code err}. */
        ImdsClient client(PrintWriter err) {
            ImdsConfig base;
            switch (agent) {
                case "azure-events" -> base = ImdsConfig.azureEvents();
                case "azure-events-az" -> base = ImdsConfig.azureEventsAz();
                default -> {
                    err.println("azevents imds: --agent must be azure-events or azure-events-az,"
                            + " was '" + agent + "'");
                    return null;
                }
            }
            String problem = ImdsConfig.checkBaseUrl(url).orElse(null);
            if (problem == null && (retryCount < 0 || retryCount > ImdsConfig.MAX_RETRY_COUNT
                    || retryWait < 0 || requestTimeout < 1)) {
                problem = "--retry-count must be 0.." + ImdsConfig.MAX_RETRY_COUNT
                        + ", --retry-wait at least 0, --request-timeout at least 1";
            }
            if (problem != null) {
                err.println("azevents imds: " + problem);
                return null;
            }
            ImdsConfig config = base.withBaseUrl(URI.create(url)).withRetries(retryCount,
                    Duration.ofSeconds(retryWait), Duration.ofSeconds(requestTimeout));
            return new ImdsClient(config, dev.azevents.imds.RetryTimer.system(),
                    line -> err.println("azevents imds: " + line));
        }
    }

    /** Runs a call: the value printed, or one line on stderr and the failure's exit code. */
    abstract static class Call<T> implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Connection connection;

        abstract ImdsResult<T> ask(ImdsClient client);

        abstract void print(T value, boolean json, PrintWriter out);

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            ImdsClient client = connection.client(err);
            if (client == null) {
                return EXIT_USAGE;
            }
            ImdsResult<T> result = ask(client);
            if (result instanceof ImdsResult.Ok<T> ok) {
                print(ok.value(), connection.json, out);
                out.flush();
                return EXIT_OK;
            }
            ImdsFailure failure = ((ImdsResult.Failed<T>) result).failure();
            err.println("azevents imds: " + failure.describe());
            err.flush();
            return exitCode(failure);
        }
    }

    @Command(name = "events", mixinStandardHelpOptions = true,
            exitCodeListHeading = EXIT_HEADING, exitCodeList = {EXIT_TABLE_OK,
                EXIT_TABLE_UNREACHABLE, EXIT_TABLE_USAGE, EXIT_TABLE_HTTP, EXIT_TABLE_MALFORMED},
            header = "Show the Scheduled Events document this VM sees.")
    static final class Events extends Call<EventsDocument> {
        @Override
        ImdsResult<EventsDocument> ask(ImdsClient client) {
            return client.events();
        }

        @Override
        void print(EventsDocument doc, boolean json, PrintWriter out) {
            if (json) {
                ImdsView.eventsJson(doc, out);
            } else {
                ImdsView.eventsText(doc, Instant.now(), out);
            }
        }
    }

    @Command(name = "instance", mixinStandardHelpOptions = true,
            exitCodeListHeading = EXIT_HEADING, exitCodeList = {EXIT_TABLE_OK,
                EXIT_TABLE_UNREACHABLE, EXIT_TABLE_USAGE, EXIT_TABLE_HTTP, EXIT_TABLE_MALFORMED},
            header = "Show this VM's identity (compute metadata) as the agents read it.")
    static final class Instance extends Call<InstanceCompute> {
        @Override
        ImdsResult<InstanceCompute> ask(ImdsClient client) {
            return client.instance();
        }

        @Override
        void print(InstanceCompute compute, boolean json, PrintWriter out) {
            if (json) {
                ImdsView.instanceJson(compute, out);
            } else {
                ImdsView.instanceText(compute, out);
            }
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true,
            exitCodeListHeading = EXIT_HEADING, exitCodeList = {EXIT_TABLE_OK,
                EXIT_TABLE_UNREACHABLE, EXIT_TABLE_USAGE, EXIT_TABLE_HTTP, EXIT_TABLE_MALFORMED},
            header = "Let Azure start these events now (POST StartRequests).",
            description = "Approval is per event: it releases the event for every VM it lists.")
    static final class Approve extends Call<Void> {
        @Parameters(arity = "1..*", paramLabel = "EVENT_ID", description = "Event ids to approve.")
        List<String> ids;

        @Override
        ImdsResult<Void> ask(ImdsClient client) {
            return client.approve(ids);
        }

        @Override
        void print(Void nothing, boolean json, PrintWriter out) {
            if (json) {
                ImdsView.approvedJson(ids, out);
            } else {
                ImdsView.approvedText(ids, out);
            }
        }
    }
}
