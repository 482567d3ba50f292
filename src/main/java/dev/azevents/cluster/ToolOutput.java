package dev.azevents.cluster;

/** What a Pacemaker tool printed and how it exited. */
public record ToolOutput(int exitCode, String stdout, String stderr) {

    /** The exit code and the tool's own words, for a {@link CibResult.Failed} detail. */
    public String describe() {
        String said = stderr.isBlank() ? stdout.strip() : stderr.strip();
        return "exit code " + exitCode + (said.isEmpty() ? "" : ": " + said);
    }
}
