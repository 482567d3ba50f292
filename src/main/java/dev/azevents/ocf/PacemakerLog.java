package dev.azevents.ocf;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Logging as Pacemaker's agents do ({@code ocf-shell-funcs} {@code ha_log}): to syslog when
 * {@code HA_LOGFACILITY} is set, to {@code HA_LOGFILE} when set, DEBUG lines also to
 * {@code HA_DEBUGLOG}; to stderr when neither syslog nor a log file is configured (Pacemaker's
 * executor then logs the agent's stderr itself).
 *
 * <p>Syslog: Java 17 has Unix-domain stream sockets only, and {@code /dev/log} is a datagram
 * socket, so lines are handed to {@code logger --prio-prefix} in one process at {@link #close}, and
 * only when there is something to say: an idle pass without {@code verbose} spawns nothing.
 */
public final class PacemakerLog implements AgentLog, AutoCloseable {

    /** Facility names accepted by logger(1); anything else (or "none") disables syslog. */
    static final List<String> FACILITIES = List.of("kern", "user", "mail", "daemon", "auth",
            "syslog", "lpr", "news", "uucp", "cron", "authpriv", "ftp", "local0", "local1",
            "local2", "local3", "local4", "local5", "local6", "local7");
    /** logger gets this long to take the lines; it must never hold up a monitor. */
    static final long LOGGER_TIMEOUT_MS = 2000;
    /** Built when a line is written: an idle pass writes none and starts no formatter. */
    private static final class Stamp {
        static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("MMM dd HH:mm:ss",
                Locale.ROOT);

        private Stamp() {
        }
    }

    private final String tag;
    private final boolean verbose;
    private final String facility;
    private final Path logFile;
    private final Path debugLog;
    private final PrintStream stderr;
    private final List<String> syslogLines = new ArrayList<>();

    PacemakerLog(String tag, boolean verbose, String facility, Path logFile, Path debugLog,
            PrintStream stderr) {
        this.tag = tag;
        this.verbose = verbose;
        this.facility = facility;
        this.logFile = logFile;
        this.debugLog = debugLog;
        this.stderr = stderr;
    }

    /** @param tag the agent's name and resource, e.g. {@code azure-events(rsc_ae)} */
    public static PacemakerLog fromEnvironment(String tag, boolean verbose,
            Map<String, String> env, PrintStream stderr) {
        String facility = env.getOrDefault("HA_LOGFACILITY", "").strip();
        String logFile = env.getOrDefault("HA_LOGFILE", "").strip();
        String debugLog = env.getOrDefault("HA_DEBUGLOG", "").strip();
        boolean debug = verbose || !"0".equals(env.getOrDefault("HA_debug", "0").strip());
        return new PacemakerLog(tag, debug, FACILITIES.contains(facility) ? facility : null,
                logFile.isEmpty() ? null : Path.of(logFile),
                debugLog.isEmpty() || debugLog.equals(logFile) ? null : Path.of(debugLog),
                stderr);
    }

    @Override
    public void log(Level level, String message) {
        if (level == Level.DEBUG && !verbose) {
            return;
        }
        String text = level.name() + ": " + AgentLog.oneLine(message);
        String line = tag + "[" + ProcessHandle.current().pid() + "]:\t"
                + ZonedDateTime.now(ZoneId.systemDefault()).format(Stamp.FORMAT) + " " + text;
        if (facility != null) {
            syslogLines.add("<" + level.syslogSeverity() + ">" + text);
        }
        if (logFile != null) {
            append(logFile, line);
        }
        if (debugLog != null && level == Level.DEBUG) {
            append(debugLog, line);
        }
        if (facility == null && logFile == null) {
            stderr.println(line);
        }
    }

    private void append(Path file, String line) {
        try {
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            stderr.println(line + " (could not write " + file + ": " + e.getMessage() + ")");
        }
    }

    /** Hands the buffered lines to syslog in one {@code logger} process. */
    @Override
    public void close() {
        if (syslogLines.isEmpty()) {
            return;
        }
        List<String> command = List.of("logger", "--prio-prefix", "-t", tag, "-p",
                facility + ".notice");
        try {
            Process logger = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (OutputStream in = logger.getOutputStream()) {
                in.write((String.join("\n", syslogLines) + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            if (!logger.waitFor(LOGGER_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                logger.destroyForcibly();
            }
        } catch (IOException e) {
            syslogLines.forEach(stderr::println);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        syslogLines.clear();
    }
}
