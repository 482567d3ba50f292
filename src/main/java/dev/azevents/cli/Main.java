package dev.azevents.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/azevents}: the administrator's commands. Subcommands are listed here, once. */
@Command(name = "azevents",
        mixinStandardHelpOptions = true,
        version = "azevents 0.1.0",
        description = "Azure Scheduled Events for Pacemaker clusters: tools, simulator and demo.",
        subcommands = {
            CommandLine.HelpCommand.class,
            DemoCommand.class,
            DrillCommand.class,
            ImdsCommand.class,
            ImdsSimCommand.class,
            InstallCommand.class,
            SimulateCommand.class,
            StatusCommand.class,
        })
public final class Main implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
