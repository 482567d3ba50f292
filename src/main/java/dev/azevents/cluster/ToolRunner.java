package dev.azevents.cluster;

import java.util.List;
import java.util.Optional;

/**
 * Runs one Pacemaker command-line tool. Ok carries any exit code (callers know which codes mean
 * what, e.g. 105 "no such object" for a conditional update); Failed means the tool could not be
 * started, timed out or its output could not be read.
 */
public interface ToolRunner {

    /**
     * @param argv  the tool and its arguments, never interpreted by a shell
     * @param stdin text written to the tool's standard input, if any
     */
    CibResult<ToolOutput> run(List<String> argv, Optional<String> stdin);
}
