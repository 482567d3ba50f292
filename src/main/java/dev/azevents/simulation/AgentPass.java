package dev.azevents.simulation;

import java.time.Instant;
import java.util.Optional;

/** One monitor pass of one node, advanced one step at a time so passes can interleave. */
interface AgentPass {

    String node();

    /** Runs the next step; a pass killed between two steps is simply never stepped again. */
    void step();

    boolean done();

    /** False while the pass waits (1 s between lease tries). */
    boolean canStep(Instant now);

    /** Decided under the lock but not written yet (the window an administrator must not hit). */
    boolean decidedNotWritten();

    /** The lock this pass believes it holds now, if any (for the one-holder invariant). */
    Optional<String> holdsLock(Instant now);
}
