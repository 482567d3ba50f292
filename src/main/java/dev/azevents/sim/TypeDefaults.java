package dev.azevents.sim;

import dev.azevents.imds.EventType;
import java.time.Duration;

/**
 * What Azure sends for each event type when the admin API does not say: minimum notice
 * (SE documentation, "Event types"), the usual description and source (documentation examples
 * and Microsoft's mock server), and the expected impact.
 */
final class TypeDefaults {

    static final Duration FREEZE_NOTICE = Duration.ofMinutes(15);
    static final Duration REBOOT_NOTICE = Duration.ofMinutes(15);
    static final Duration REDEPLOY_NOTICE = Duration.ofMinutes(10);
    static final Duration PREEMPT_NOTICE = Duration.ofSeconds(30);
    /** A live migration pauses the VM for about 5 s (mock server's median, July 2025). */
    static final long FREEZE_IMPACT_SECONDS = 5;
    /** Azure's "unknown / not applicable" impact. */
    static final long UNKNOWN_IMPACT = -1;

    private TypeDefaults() {
    }

    /** The least notice Azure gives; Terminate's is the scale set's configured timeout. */
    static Duration minimumNotice(EventType type, SimSettings settings) {
        return switch (type) {
            case FREEZE -> FREEZE_NOTICE;
            case REBOOT -> REBOOT_NOTICE;
            case REDEPLOY -> REDEPLOY_NOTICE;
            case PREEMPT -> PREEMPT_NOTICE;
            case TERMINATE -> SimSettings.MIN_TERMINATE_NOTICE;
        };
    }

    /** The notice when none is asked for. */
    static Duration defaultNotice(EventType type, SimSettings settings) {
        return switch (type) {
            case FREEZE, REBOOT, REDEPLOY, PREEMPT -> minimumNotice(type, settings);
            case TERMINATE -> settings.terminateNotice();
        };
    }

    static String description(EventType type, boolean hardwareFailure) {
        if (hardwareFailure) {
            return "Host server is undergoing an emergency repair.";
        }
        return switch (type) {
            case FREEZE ->
                    "Virtual machine is being paused because of a memory-preserving Live "
                            + "Migration operation.";
            case REBOOT, REDEPLOY -> "Host server is undergoing maintenance.";
            case PREEMPT, TERMINATE -> "";
        };
    }

    /** Terminate comes from the scale set's owner scaling in; the rest from the platform. */
    static String eventSource(EventType type) {
        return switch (type) {
            case FREEZE, REBOOT, REDEPLOY, PREEMPT -> "Platform";
            case TERMINATE -> "User";
        };
    }

    static long impactSeconds(EventType type) {
        return switch (type) {
            case FREEZE -> FREEZE_IMPACT_SECONDS;
            case REBOOT, REDEPLOY, PREEMPT, TERMINATE -> UNKNOWN_IMPACT;
        };
    }
}
