package dev.azevents.simulation;

import dev.azevents.engine.Policy;
import dev.azevents.imds.EventType;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The demo's maintenance stories, as data: what Azure announces and when, what an administrator
 * did beforehand, and where an agent is killed.
 */
public enum Story {
    REBOOT("reboot", "a Reboot is announced for node2's VM",
            List.of(new Announcement(5, EventType.REBOOT, "vm2")), List.of(), Optional.empty()),
    PREEMPT("preempt", "a Spot eviction (Preempt, 30 s notice) for node3's VM: drained and "
            + "approved inside its notice",
            List.of(new Announcement(5, EventType.PREEMPT, "vm3")), List.of(), Optional.empty()),
    LAST_NODE("last-node", "node3 is in an administrator's standby; Reboots for node1 and node2 "
            + "at once: one drains, the other holds (ON_HOLD) until the first is back",
            List.of(new Announcement(5, EventType.REBOOT, "vm1"),
                    new Announcement(5, EventType.REBOOT, "vm2")),
            List.of("node3"), Optional.empty()),
    CRASH("crash", "a Reboot for node2; the agent that approves it is killed after its CIB "
            + "update, before its POST: a later pass approves again (no lease needed), and the "
            + "lease the killed pass left is broken once seen unchanged for its length",
            List.of(new Announcement(5, EventType.REBOOT, "vm2")), List.of(),
            Optional.of("APPROVE"));

    /** Azure announces an event of this type for this VM at this second of the story. */
    public record Announcement(int atSecond, EventType type, String vm) {
    }

    private final String label;
    private final String summary;
    private final List<Announcement> announcements;
    private final List<String> adminStandby;
    private final Optional<String> killBeforeStep;

    Story(String label, String summary, List<Announcement> announcements,
            List<String> adminStandby, Optional<String> killBeforeStep) {
        this.label = label;
        this.summary = summary;
        this.announcements = announcements;
        this.adminStandby = adminStandby;
        this.killBeforeStep = killBeforeStep;
    }

    public String label() {
        return label;
    }

    public String summary() {
        return summary;
    }

    public List<Announcement> announcements() {
        return announcements;
    }

    /** Nodes an administrator put in standby before the story starts. */
    public List<String> adminStandby() {
        return adminStandby;
    }

    /** The first pass about to take this step is killed (once). */
    public Optional<String> killBeforeStep() {
        return killBeforeStep;
    }

    /** The {@code eventTypes} the story's agents are configured with. */
    public Set<EventType> eventTypes() {
        return this == PREEMPT ? EnumSet.allOf(EventType.class) : Policy.DEFAULT_EVENT_TYPES;
    }

    public static Optional<Story> fromLabel(String label) {
        for (Story s : values()) {
            if (s.label.equals(label)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
