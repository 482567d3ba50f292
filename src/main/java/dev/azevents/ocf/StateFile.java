package dev.azevents.ocf;

import dev.azevents.engine.EventAbsences;
import dev.azevents.engine.LeaseSighting;
import dev.azevents.engine.PullLease;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's state file under {@code HA_RSCTMP}: present from {@code start} to {@code stop}
 * (so {@code monitor} after {@code stop} says "not running"), holding {@link AgentState} as
 * {@code key=value} lines. Written to a temporary file and renamed, so a killed agent leaves the
 * old or the new state, never half of one.
 */
public final class StateFile {

    static final String DEFAULT_RSCTMP = "/run/resource-agents";

    private final Path path;

    public StateFile(Path path) {
        this.path = path;
    }

    /**
     * {@code $HA_RSCTMP/azevents-<resource instance>.state}, every byte of the instance's UTF-8
     * outside {@code A-Za-z0-9._-} replaced by '_'. The wrapper scripts find the file by the same
     * rule without a JVM (for stop and probes); a test keeps the two equal.
     */
    public static StateFile forInstance(Map<String, String> env, String agentName) {
        String dir = env.getOrDefault("HA_RSCTMP", "");
        String instance = env.getOrDefault("OCF_RESOURCE_INSTANCE", "");
        byte[] bytes = (instance.isBlank() ? agentName : instance)
                .getBytes(StandardCharsets.UTF_8);
        StringBuilder name = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            char c = (char) (b & 0xff);
            boolean kept = c < 0x80 && (Character.isLetterOrDigit(c) || ".-_".indexOf(c) >= 0);
            name.append(kept ? c : '_');
        }
        return new StateFile(Path.of(dir.isBlank() ? DEFAULT_RSCTMP : dir,
                "azevents-" + name + ".state"));
    }

    public Path path() {
        return path;
    }

    public boolean exists() {
        return Files.exists(path);
    }

    /** The state, or a fresh one when the file is missing or unreadable (it is only a cache). */
    public AgentState read() {
        try {
            int failed = 0;
            boolean reported = false;
            int waitingFor = 0;
            Optional<String> azName = Optional.empty();
            String leaseHolder = null;
            Instant leaseExpiry = null;
            Instant leaseFirstSeen = null;
            Instant lastReapproval = null;
            Long idleIncarnation = null;
            Instant idleReadAt = null;
            Map<String, Instant> missing = new java.util.TreeMap<>();
            Map<String, Instant> free = new java.util.TreeMap<>();
            for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String value = line.substring(eq + 1);
                switch (line.substring(0, eq)) {
                    case "failedPasses" -> failed = Math.max(0, parseCount(value));
                    case "outageReported" -> reported = "true".equals(value);
                    case "azName" -> azName = Optional.of(value);
                    case "waitingFor" -> waitingFor = parseCount(value);
                    case "leaseHolder" -> leaseHolder = value;
                    case "leaseExpiry" -> leaseExpiry = parseInstant(value);
                    case "leaseFirstSeen" -> leaseFirstSeen = parseInstant(value);
                    case "lastReapproval" -> lastReapproval = parseInstant(value);
                    case "idleIncarnation" -> idleIncarnation = parseLong(value);
                    case "idleReadAt" -> idleReadAt = parseInstant(value);
                    case "missing" -> missing(value, missing);
                    case "free" -> missing(value, free);
                    default -> {
                        // a key from a newer version: ignored
                    }
                }
            }
            Optional<LeaseSighting> seen = leaseHolder == null || leaseExpiry == null
                    || leaseFirstSeen == null ? Optional.empty()
                    : Optional.of(new LeaseSighting(new PullLease(leaseHolder, leaseExpiry),
                            leaseFirstSeen));
            AgentState state = new AgentState(failed, reported, Optional.empty(), waitingFor,
                    seen, Optional.ofNullable(lastReapproval), idleIncarnation == null
                    || idleReadAt == null ? Optional.empty()
                    : Optional.of(new IdleMemory(idleIncarnation, idleReadAt)),
                    new EventAbsences(missing, EventAbsences.CONFIRMATION, free));
            return azName.map(state::withAzName).orElse(state);
        } catch (IOException e) {
            return AgentState.started();
        }
    }

    /**
     * An instant as {@link #written}, or in ISO-8601 as versions before issue 13 wrote it; null
     * when unreadable: a sighting is then forgotten (which only delays a break), an idle memory
     * too (the next pass reads the cluster).
     */
    static Instant parseInstant(String value) {
        int dot = value.indexOf('.');
        if (dot > 0 && value.length() - dot == 10 && value.indexOf('T') < 0) {
            try {
                long seconds = Long.parseLong(value.substring(0, dot));
                int nanos = Integer.parseInt(value.substring(dot + 1));
                return nanos < 0 ? null : Instant.ofEpochSecond(seconds, nanos);
            } catch (NumberFormatException | DateTimeException e) {
                return null;
            }
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * Seconds since the epoch and nine digits of nanoseconds, exact both ways: ISO-8601 would
     * start {@code java.time}'s formatters, about 6 ms of CPU in every idle pass (issue 13).
     */
    static String written(Instant t) {
        String nanos = Integer.toString(t.getNano());
        return t.getEpochSecond() + "." + "000000000".substring(nanos.length()) + nanos;
    }

    /**
     * {@code missing=<since> <event id>} and {@code free=<since> <node>}, the name in base64
     * (an event id comes from the network and may hold a line break): an unreadable line is
     * dropped, which only makes the next read count from the start again (a later let-out).
     */
    private static void missing(String value, Map<String, Instant> into) {
        int space = value.indexOf(' ');
        Instant since = space < 0 ? null : parseInstant(value.substring(0, space));
        if (since != null && space + 1 < value.length()) {
            try {
                into.put(new String(Base64.getDecoder().decode(value.substring(space + 1)),
                        StandardCharsets.UTF_8), since);
            } catch (IllegalArgumentException e) {
                // not base64: dropped, as any unreadable line
            }
        }
    }

    private static String missingLine(String key, Instant since, String name) {
        return key + "=" + written(since) + " "
                + Base64.getEncoder().encodeToString(name.getBytes(StandardCharsets.UTF_8)) + "\n";
    }

    /** Null when unreadable: the idle memory is then forgotten, and the next pass reads all. */
    private static Long parseLong(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int parseCount(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Writes the state; the error, if any, for the caller to log. */
    public Optional<String> write(AgentState state) {
        StringBuilder text = new StringBuilder()
                .append("failedPasses=").append(state.failedPasses()).append('\n')
                .append("outageReported=").append(state.outageReported()).append('\n')
                .append("waitingFor=").append(state.waitingFor()).append('\n');
        state.azName().ifPresent(n -> text.append("azName=").append(n).append('\n'));
        state.lastReapproval().ifPresent(t -> text.append("lastReapproval=").append(written(t))
                .append('\n'));
        state.idle().ifPresent(m -> text.append("idleIncarnation=").append(m.incarnation())
                .append('\n').append("idleReadAt=").append(written(m.fullReadAt())).append('\n'));
        state.absences().missingSince().forEach((id, since) -> text.append(
                missingLine("missing", since, id)));
        state.absences().freeSince().forEach((node, since) -> text.append(
                missingLine("free", since, node)));
        state.leaseSeen().filter(seen -> seen.lease().holder().chars()
                .noneMatch(Character::isISOControl)).ifPresent(seen -> text
                .append("leaseHolder=").append(seen.lease().holder()).append('\n')
                .append("leaseExpiry=").append(written(seen.lease().expiry())).append('\n')
                .append("leaseFirstSeen=").append(written(seen.firstSeen())).append('\n'));
        try {
            Files.createDirectories(path.getParent());
            Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot write state file " + path + ": " + e);
        }
    }

    public Optional<String> delete() {
        try {
            Files.deleteIfExists(path);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot remove state file " + path + ": " + e);
        }
    }
}
