package dev.azevents.ocf;

import dev.azevents.engine.Plan;
import dev.azevents.engine.PullLease;
import dev.azevents.imds.ImdsFailure;
import java.util.List;
import java.util.Optional;

/** How one monitor pass ended. Mapped to an OCF exit code in one place, {@link Monitor}. */
public sealed interface PassResult {

    /** Nothing to do: nothing was written, no lease was taken. @param notes what it waits for */
    record Idle(List<String> notes) implements PassResult {
        public Idle {
            notes = List.copyOf(notes);
        }
    }

    /**
     * The plan was written in one CIB update and its approvals sent.
     *
     * @param approvalFailure set when the POST of approvals failed (the CIB write stands)
     */
    record Applied(Plan plan, Optional<ImdsFailure> approvalFailure) implements PassResult {
    }

    /** Another node held the lease for every try; the plan waits for the next pass. */
    record LeaseBusy(Optional<PullLease> holder) implements PassResult {
    }

    /** IMDS gave no usable answer (after the client's retries); nothing was decided. */
    record ImdsUnavailable(ImdsFailure failure) implements PassResult {
    }

    /** A Pacemaker tool failed; nothing or (for a failed write) nothing of the plan was written. */
    record ClusterUnavailable(String what) implements PassResult {
    }
}
