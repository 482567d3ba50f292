package dev.azevents.ocf;

import dev.azevents.imds.EventsDocument;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the last full idle pass of this node saw, kept in the state file so that the next pass
 * can skip reading the cluster when nothing that decides it can have changed (issue 13,
 * DESIGN.md section 6). Only a full pass that read the cluster, fetched an empty document and
 * found nothing to do leaves one; any other outcome (a write, a failure, an event listed, an
 * error) leaves none, so the pass after it reads everything again.
 *
 * @param incarnation the {@code DocumentIncarnation} of the empty document that pass fetched:
 *                    an empty document holds nothing else, so an equal incarnation with nothing
 *                    listed is the same document
 * @param fullReadAt  when that pass read the cluster, on this node's clock
 */
public record IdleMemory(long incarnation, Instant fullReadAt) {

    /**
     * How long an idle node may go without reading the cluster: what can change there without
     * an event in this node's document (an orphaned drain after a peer died, a node back from a
     * reboot, a lease to watch) is seen at most this late. A minute: six 10-second passes, five
     * of them without a Pacemaker tool.
     */
    public static final Duration FULL_READ_BOUND = Duration.ofSeconds(60);

    /** The memory a full idle pass leaves, or none when its document listed anything. */
    static Optional<IdleMemory> after(EventsDocument document, Instant now) {
        return quiet(document) ? Optional.of(new IdleMemory(document.incarnation(), now))
                : Optional.empty();
    }

    /**
     * Whether a pass that fetched {@code document} at {@code now} may end idle without reading
     * the cluster: the same empty document as the last full idle pass, read less than
     * {@link #FULL_READ_BOUND} ago (a clock that went back reads again).
     */
    boolean allowsShortcut(EventsDocument document, Instant now) {
        return quiet(document) && document.incarnation() == incarnation
                && !fullReadAt.isAfter(now) && now.isBefore(fullReadAt.plus(FULL_READ_BOUND));
    }

    private static boolean quiet(EventsDocument document) {
        return document.events().isEmpty() && document.problems().isEmpty();
    }

    /** Written out: the record's own is bootstrapped at run time (see AgentState#equals). */
    @Override
    public boolean equals(Object o) {
        return o instanceof IdleMemory m && incarnation == m.incarnation
                && fullReadAt.equals(m.fullReadAt);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(incarnation) * 31 + fullReadAt.hashCode();
    }
}
