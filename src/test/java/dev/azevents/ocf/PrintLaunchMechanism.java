package dev.azevents.ocf;

/** Runs AgentMain's start-up choice, starts one process, prints the mechanism (VforkTest). */
public final class PrintLaunchMechanism {

    private PrintLaunchMechanism() {
    }

    public static void main(String[] args) throws Exception {
        AgentMain.chooseLaunchMechanism();
        new ProcessBuilder("true").start().waitFor();
        System.out.println(System.getProperty("jdk.lang.Process.launchMechanism", "default"));
    }
}
