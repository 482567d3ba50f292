package dev.azevents.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/azevents}: the administrator's commands. Subcommands are listed here, once. */
@Command(name = "azevents",
        mixinStandardHelpOptions = true,
        version = "azevents 0.1.0",
        description = "Azure Scheduled Events for Pacemaker clusters: tools, simulator and demo.",
        subcommands = {
            CommandLine.HelpCommand.class,
            CleanupCommand.class,
            DemoCommand.class,
            DrillCommand.class,
            ImdsCommand.class,
            ImdsSimCommand.class,
            InstallCommand.class,
            SetupCommand.class,
            SimulateCommand.class,
            StatusCommand.class,
        })
public final class Main implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * Every command with the one exit-code table ({@link ExitCode}) under its help, usage errors
     * mapped to {@link ExitCode#USAGE} and an unexpected exception to {@link ExitCode#INTERNAL}:
     * the mapping is here and nowhere else.
     */
    public static CommandLine commandLine() {
        CommandLine root = new CommandLine(new Main());
        withTable(root);
        root.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException
                ? ExitCode.USAGE.code() : ExitCode.INTERNAL.code());
        root.setExecutionExceptionHandler(Main::internalError);
        return root;
    }

    private static void withTable(CommandLine command) {
        command.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(ExitCode.table());
        command.getSubcommands().values().forEach(Main::withTable);
    }

    private static int internalError(Exception e, CommandLine command,
            CommandLine.ParseResult parsed) {
        PrintWriter err = command.getErr();
        err.println(command.getCommandSpec().qualifiedName() + ": unexpected error (a bug, "
                + "please report it with the trace below): " + e);
        e.printStackTrace(err);
        err.flush();
        return ExitCode.INTERNAL.code();
    }
}
