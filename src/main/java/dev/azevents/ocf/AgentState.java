package dev.azevents.ocf;

import dev.azevents.engine.EventAbsences;
import dev.azevents.engine.LeaseSighting;
import dev.azevents.engine.NodeIdentity;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the agent keeps between passes on this node, in its {@link StateFile}.
 *
 * @param failedPasses consecutive passes that got no answer from IMDS
 * @param outageReported the current sustained outage has been reported (report it once)
 * @param azName       this VM's {@code compute.name}, cached: Azure cannot rename a VM, and the
 *                     file lives under {@code HA_RSCTMP} (a tmpfs emptied at boot) and is removed
 *                     by {@code stop}, so a cached name never outlives the VM it was read on
 * @param waitingFor   a digest of what the last pass waited for (the plan's notes), so that a
 *                     new reason to wait is logged at INFO once, not every 10 seconds
 * @param leaseSeen    the pull lease this node last saw and when it first saw it unchanged, on
 *                     its own clock: a lease is broken only after {@code lease_length} of that
 *                     (engine.PullLock), so the breaker needs no clock agreement with the holder
 * @param lastReapproval when this node last re-approved events Azure keeps Scheduled, so that it
 *                     does so at most once per {@link MonitorPass#REAPPROVAL_PERIOD}
 * @param idle         what the last full idle pass saw, so that the next passes may skip the
 *                     cluster ({@link IdleMemory}); none after any other pass, and none after a
 *                     reboot (the file is gone), so that pass reads everything
 * @param absences     since when this node's reads miss the events the CIB records: a drain
 *                     ends only on two reads a monitor interval apart ({@link EventAbsences})
 */
public record AgentState(int failedPasses, boolean outageReported, Optional<String> azName,
        int waitingFor, Optional<LeaseSighting> leaseSeen, Optional<Instant> lastReapproval,
        Optional<IdleMemory> idle, EventAbsences absences) {

    /**
     * Azure VM names ({@link NodeIdentity#isVmName}: scale-set instances included, longer than
     * 64). A name outside it is never cached, and the pass refuses it before deciding anything.
     */
    static boolean cacheable(String name) {
        return NodeIdentity.isVmName(name);
    }

    public static AgentState started() {
        return new AgentState(0, false, Optional.empty(), 0, Optional.empty(),
                Optional.empty(), Optional.empty(),
                EventAbsences.none(EventAbsences.CONFIRMATION));
    }

    public AgentState withAzName(String name) {
        return new AgentState(failedPasses, outageReported,
                cacheable(name) ? Optional.of(name) : Optional.empty(),
                waitingFor, leaseSeen, lastReapproval, idle, absences);
    }

    public AgentState passFailed() {
        return new AgentState(failedPasses + 1, outageReported, azName, waitingFor, leaseSeen,
                lastReapproval, idle, absences);
    }

    public AgentState outageWasReported() {
        return new AgentState(failedPasses, true, azName, waitingFor, leaseSeen, lastReapproval,
                idle, absences);
    }

    public AgentState passSucceeded() {
        return new AgentState(0, false, azName, waitingFor, leaseSeen, lastReapproval, idle,
                absences);
    }

    public AgentState waitingFor(int digest) {
        return new AgentState(failedPasses, outageReported, azName, digest, leaseSeen,
                lastReapproval, idle, absences);
    }

    public AgentState withLastReapproval(Optional<Instant> last) {
        return new AgentState(failedPasses, outageReported, azName, waitingFor, leaseSeen, last,
                idle, absences);
    }

    public AgentState withLeaseSeen(Optional<LeaseSighting> seen) {
        return new AgentState(failedPasses, outageReported, azName, waitingFor, seen,
                lastReapproval, idle, absences);
    }

    public AgentState withAbsences(EventAbsences seen) {
        return new AgentState(failedPasses, outageReported, azName, waitingFor, leaseSeen,
                lastReapproval, idle, seen);
    }

    public AgentState withIdle(Optional<IdleMemory> memory) {
        return new AgentState(failedPasses, outageReported, azName, waitingFor, leaseSeen,
                lastReapproval, memory, absences);
    }

    /**
     * Written out, not the record's generated one: that one is bootstrapped through
     * {@code java.lang.runtime.ObjectMethods}, which spins a method-handle tree per component
     * at run time; the monitor compares the state once per pass (to skip an unchanged write)
     * and that bootstrap cost about a third of an idle pass's CPU (issue 13, -Xlog:class+load).
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof AgentState s && failedPasses == s.failedPasses
                && outageReported == s.outageReported && waitingFor == s.waitingFor
                && azName.equals(s.azName) && leaseSeen.equals(s.leaseSeen)
                && lastReapproval.equals(s.lastReapproval) && idle.equals(s.idle)
                // What the file holds: the count's length comes from the monitor's interval.
                && absences.missingSince().equals(s.absences.missingSince())
                && absences.freeSince().equals(s.absences.freeSince());
    }

    @Override
    public int hashCode() {
        return Objects.hash(failedPasses, outageReported, azName, waitingFor, leaseSeen,
                lastReapproval, idle, absences.missingSince(), absences.freeSince());
    }
}
