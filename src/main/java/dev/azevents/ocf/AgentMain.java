package dev.azevents.ocf;

import dev.azevents.engine.Strategy;
import java.io.PrintStream;
import java.util.Map;

/**
 * Entry point of the OCF agents ({@code ocf/azure-events}, {@code ocf/azure-events-az}).
 * A plain switch, so that nothing heavy (picocli) loads on the monitor path.
 * Usage: {@code AgentMain <azure-events|azure-events-az> <action>}.
 */
public final class AgentMain {

    private AgentMain() {
    }

    /**
     * Java 25 deprecates it (a five-line warning on stderr at every start, which Pacemaker logs)
     * and starts its tools through jspawnhelper whatever the mechanism.
     */
    static final int VFORK_DEPRECATED_FROM = 25;

    public static void main(String[] args) {
        chooseLaunchMechanism();
        Map<String, String> env = System.getenv();
        System.exit(run(args, env, System.out, System.err).code());
    }

    /**
     * vfork for the Pacemaker tools where it is not deprecated: with JDK 17 and 21's default,
     * posix_spawn through jspawnhelper, each tool call is two processes. The JDK reads it once,
     * when the first process starts: set before anything runs.
     */
    static void chooseLaunchMechanism() {
        if (Runtime.version().feature() < VFORK_DEPRECATED_FROM) {
            System.setProperty("jdk.lang.Process.launchMechanism", "VFORK");
        }
    }

    static OcfExit run(String[] args, Map<String, String> env, PrintStream out,
            PrintStream err) {
        if (args.length != 2) {
            err.println("usage: AgentMain {azure-events|azure-events-az}"
                    + " {start|stop|monitor|validate-all|meta-data|usage}");
            return OcfExit.ERR_ARGS;
        }
        Strategy strategy;
        switch (args[0]) {
            case "azure-events" -> strategy = Strategy.STANDBY;
            case "azure-events-az" -> strategy = Strategy.HEALTH;
            default -> {
                err.println(Agent.EXIT_REASON_PREFIX + "unknown agent " + args[0]
                        + ": expected azure-events or azure-events-az");
                return OcfExit.ERR_INSTALLED;
            }
        }
        return new Agent(strategy, env, out, err, ProductionWiring.of(env)).run(args[1]);
    }
}
