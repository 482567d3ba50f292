package dev.azevents.cli;

import dev.azevents.sim.ImdsSimulator;
import dev.azevents.sim.Scope;
import dev.azevents.sim.SimSettings;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code azevents imds-sim}: a simulated Azure metadata service for a group of VMs. */
@Command(name = "imds-sim",
        header = "Run a simulated Azure Instance Metadata Service for a group of VMs.",
        description = {
            "Serves /metadata/scheduledevents, /metadata/instance and /metadata/versions for "
                    + "each --vm on its own listener, as Azure does, and a control API at "
                    + "--admin to schedule events and inject faults (docs/imds-sim.md).",
            "Prints the listening URLs, then runs until killed (SIGTERM closes it cleanly). "
                    + "Logs one line per request and per state change on stderr."},
        mixinStandardHelpOptions = true,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"1:could not listen on an address", "2:bad command line",
            "143:stopped by SIGTERM, after closing every listener (the usual 128 + 15)"})
public final class ImdsSimCommand implements Callable<Integer> {

    static final int EXIT_OK = 0;
    static final int EXIT_CANNOT_LISTEN = 1;
    static final int EXIT_USAGE = 2;
    static final int MAX_PORT = 65_535;

    @Spec
    CommandSpec spec;

    @Option(names = "--vm", paramLabel = "NAME[=HOST:PORT]", required = true,
            description = "A simulated VM: its Azure name (compute.name, the name in an event's "
                    + "Resources) and where its metadata is served; port 0 or no address picks "
                    + "a free loopback port. Repeatable.")
    List<String> vms = new ArrayList<>();

    @Option(names = "--admin", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:0",
            description = "Where the control API listens (default: ${DEFAULT-VALUE}).")
    String admin;

    @Option(names = "--scope", paramLabel = "availability-set|standalone",
            defaultValue = "availability-set",
            description = "availability-set: every VM sees every event; standalone: a VM sees "
                    + "only events naming it (default: ${DEFAULT-VALUE}).")
    String scope;

    @Option(names = "--time-factor", paramLabel = "N", defaultValue = "1",
            description = "Divide Azure's durations (notice, time Started) by N, so drills run "
                    + "fast; the clock itself stays real (default: ${DEFAULT-VALUE}).")
    double timeFactor;

    @Option(names = "--requests-per-second", paramLabel = "N",
            defaultValue = "" + SimSettings.DEFAULT_REQUESTS_PER_SECOND,
            description = "Per-VM rate limit before 429; 0 turns it off "
                    + "(default: ${DEFAULT-VALUE}, as Azure).")
    int requestsPerSecond;

    @Option(names = "--started-seconds", paramLabel = "S", defaultValue = "600",
            description = "How long an event stays Started before Azure removes it, in Azure "
                    + "seconds (default: ${DEFAULT-VALUE}).")
    long startedSeconds;

    @Option(names = "--approval-waits",
            description = "An approved event stays Scheduled until its NotBefore (Azure starts "
                    + "approved events only \"when possible\"); by default approval starts it.")
    boolean approvalWaits;

    @Option(names = "--terminate-notice-seconds", paramLabel = "S", defaultValue = "600",
            description = "A scale set's notBeforeTimeout: Terminate's default notice, 300 to "
                    + "900 Azure seconds (default: ${DEFAULT-VALUE}).")
    long terminateNoticeSeconds;

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed of generated event ids, to repeat a drill exactly "
                    + "(default: the start time).")
    Long seed;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ImdsSimulator sim;
        try {
            sim = build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        try {
            sim.start();
        } catch (UncheckedIOException e) {
            spec.commandLine().getErr().println("imds-sim: " + e.getMessage()
                    + " (is another simulator running there?)");
            return EXIT_CANNOT_LISTEN;
        }
        for (String vm : sim.vmNames()) {
            out.println("vm " + vm + " " + sim.metadataUrl(vm));
        }
        out.println("admin " + sim.adminUrl());
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            stopped.countDown();
        }, "imds-sim-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sim.close();
        }
        return EXIT_OK;
    }

    /** The simulator the options describe; IllegalArgumentException says which option is bad. */
    ImdsSimulator build() {
        ImdsSimulator.Builder b = ImdsSimulator.builder()
                .scope(parseScope(scope))
                .admin(address("--admin", admin))
                .settings(SimSettings.defaults()
                        .withTimeFactor(timeFactor)
                        .withRequestsPerSecond(requestsPerSecond)
                        .withStartedLifetime(Duration.ofSeconds(startedSeconds))
                        .withTerminateNotice(Duration.ofSeconds(terminateNoticeSeconds))
                        .withApprovalStartsAtOnce(!approvalWaits));
        if (seed != null) {
            b.seed(seed);
        }
        for (String vm : vms) {
            int eq = vm.indexOf('=');
            if (eq < 0) {
                b.vm(vm);
            } else {
                b.vm(vm.substring(0, eq), address("--vm " + vm, vm.substring(eq + 1)));
            }
        }
        return b.build();
    }

    static Scope parseScope(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "availability-set" -> Scope.AVAILABILITY_SET;
            case "standalone" -> Scope.STANDALONE;
            default -> throw new IllegalArgumentException("--scope must be availability-set or "
                    + "standalone, was '" + s + "'");
        };
    }

    /** {@code HOST:PORT} or {@code [IPv6]:PORT}; use IP literals (a name goes to the resolver). */
    static InetSocketAddress address(String option, String s) {
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            throw new IllegalArgumentException(option + ": expected HOST:PORT, got '" + s + "'");
        }
        String host = s.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(s.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": port is not a number in '" + s + "'");
        }
        if (port < 0 || port > MAX_PORT) {
            throw new IllegalArgumentException(option + ": port must be 0 to " + MAX_PORT
                    + ", got " + port);
        }
        return new InetSocketAddress(host, port);
    }
}
