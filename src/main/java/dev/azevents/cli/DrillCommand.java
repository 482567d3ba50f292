package dev.azevents.cli;

import dev.azevents.cluster.CibResult;
import dev.azevents.cluster.ToolOutput;
import dev.azevents.imds.EventType;
import dev.azevents.ocf.ProductionWiring;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code azevents drill}: "what happens if Azure reboots node2 now?", answered before Azure asks.
 * Plays one event on a copy of the CIB (never the live cluster) with the real agent on every node,
 * the IMDS simulator in-process on loopback, and Pacemaker's own scheduler ({@code crm_simulate})
 * moving resources between rounds of passes; prints the timeline.
 */
@Command(name = "drill", mixinStandardHelpOptions = true,
        header = "Rehearse a scheduled event on a copy of the CIB and print the timeline.",
        description = {"Copies the CIB (cibadmin --query; CIB_file is honoured), runs the"
            + " configured agent's monitor for every node on the copy against a simulated IMDS,"
            + " and lets crm_simulate play Pacemaker's reaction between rounds. Nothing is"
            + " written to the live cluster and nothing is sent to Azure.",
            "Exit codes: 0 the event was handled and every node is back, 1 it was not (the"
            + " timeline says why) or the CIB could not be read, 2 usage or configuration."})
public final class DrillCommand implements Callable<Integer> {

    @Option(names = "--vm", required = true, description = "Azure VM name the event affects")
    String vm;

    @Option(names = "--type", required = true,
            description = "Reboot, Redeploy, Freeze, Preempt or Terminate")
    String type;

    @Option(names = "--not-before", description = "seconds from now, or an instant such as"
            + " 2026-12-07T14:05:00Z (default: the type's usual notice)")
    String notBefore;

    @Option(names = "--resource", description = "id of the agent's primitive, when several")
    String resource;

    @Option(names = "--agent", description = "azure-events or azure-events-az: only resources"
            + " of this agent; with none configured, its default parameters")
    String agent;

    @Option(names = "--rounds", description = "most rounds of passes (default ${DEFAULT-VALUE})")
    int rounds = DrillRun.DEFAULT_ROUNDS;

    @Override
    public Integer call() {
        return run(System.getenv(), System.out, System.err);
    }

    int run(Map<String, String> environment, PrintStream out, PrintStream err) {
        Optional<EventType> eventType = EventType.fromAzure(type);
        if (eventType.isEmpty()) {
            err.println("drill: --type must be Reboot, Redeploy, Freeze, Preempt or Terminate,"
                    + " not " + type);
            return 2;
        }
        OptionalLong seconds;
        try {
            seconds = notBeforeSeconds(notBefore, Instant.now());
        } catch (IllegalArgumentException e) {
            err.println("drill: " + e.getMessage());
            return 2;
        }
        if (agent != null && !ConfiguredAgent.AGENTS.contains(agent)) {
            err.println("drill: --agent must be azure-events or azure-events-az, not " + agent);
            return 2;
        }
        if (rounds < 1 || rounds > DrillRun.MAX_ROUNDS) {
            err.println("drill: --rounds must be 1 to " + DrillRun.MAX_ROUNDS);
            return 2;
        }
        CibResult<ToolOutput> read = ProductionWiring.tools(environment)
                .run(List.of("cibadmin", "--query"), Optional.empty());
        if (!(read instanceof CibResult.Ok<ToolOutput> ok) || ok.value().exitCode() != 0) {
            err.println("drill: cannot copy the CIB: " + (read instanceof CibResult.Ok<ToolOutput>
                    ok2 ? "cibadmin --query: " + ok2.value().describe()
                    : ((CibResult.Failed<ToolOutput>) read).describe()));
            return 1;
        }
        // Only the copy is ever given to the tools: the live cluster is read once, above.
        Map<String, String> clean = Map.of("PATH", environment.getOrDefault("PATH",
                "/usr/sbin:/usr/bin:/sbin:/bin"));
        AgentChoice.Choice choice = AgentChoice.choose(ok.value().stdout(), clean,
                Optional.ofNullable(resource), Optional.ofNullable(agent), Optional.empty());
        if (choice instanceof AgentChoice.Choice.Refused refused) {
            err.println("drill: " + refused.message());
            return refused.exitCode();
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("azevents-drill-");
        } catch (IOException e) {
            err.println("drill: no temporary directory: " + e.getMessage());
            return 1;
        }
        DrillRun drill = new DrillRun(dir, ok.value().stdout(),
                (AgentChoice.Choice.Chosen) choice, out);
        try {
            return drill.play(vm, eventType.get(), seconds, rounds) ? 0 : 1;
        } catch (IOException e) {
            err.println("drill: " + e.getMessage());
            return 1;
        } finally {
            drill.cleanUp();
        }
    }

    /** Empty for the type's default notice; seconds from {@code now} otherwise. */
    static OptionalLong notBeforeSeconds(String text, Instant now) {
        if (text == null) {
            return OptionalLong.empty();
        }
        if (text.matches("[0-9]{1,7}")) {
            return OptionalLong.of(Long.parseLong(text));
        }
        try {
            long s = Duration.between(now, Instant.parse(text)).getSeconds();
            if (s < 0) {
                throw new IllegalArgumentException("--not-before " + text + " is in the past");
            }
            return OptionalLong.of(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--not-before must be seconds from now or an"
                    + " instant such as 2026-12-07T14:05:00Z, not " + text);
        }
    }
}
